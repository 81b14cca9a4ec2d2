package org.aitrust.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.aitrust.bench.UsCoreExamples.Sample;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * What profile validation costs on writes, measured over HTTP against three starter servers side by side, each in
 * its own JVM ({@link BenchServer}): the module installed with validation off; the module's validation in ENFORCE mode against US Core
 * 6.1.0 (with its terminology and extensions packages); and, instead of the module's validation, HAPI FHIR's own
 * {@code RequestValidatingInterceptor} with the same packages ({@link HapiRequestValidation}). It prints, from one run:
 * <ol>
 *   <li>the verdict of each server on each measured US Core example and on a copy of it that breaks one rule of its
 *       profile (the two validating servers should agree);</li>
 *   <li>single creates per second, median and p95 latency, with ratios to validation off, measured in interleaved
 *       rounds (the workload cycles through the official US Core Patient, heart-rate and serum-glucose Observation,
 *       encounter-diagnosis Condition and Encounter examples, each claiming its profile), and the latency by
 *       resource;</li>
 *   <li>one Synthea patient transaction Bundle (after the Synthea hospital and practitioner batches), timed on its
 *       first run and on warmed runs, validation off against on.</li>
 * </ol>
 * It asserts nothing; tables are also written to {@code target/bench/validation-write.json} and {@code .md}.
 *
 * <p>Run (see the README): {@code mvn -B -q package -pl bench -am -DskipTests -Pbench
 * -Dbench.main=org.aitrust.bench.ValidationWriteBenchmark [-Dbench.jvmArgs="-Dbench.clients=4
 * -Dbench.requests=800 -Dbench.rounds=4 -Dbench.warmup=200 -Dbench.synthea.runs=3"]}
 */
public final class ValidationWriteBenchmark {

	private static final String FHIR_JSON = "application/fhir+json";
	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private record Configuration(String name, String shortName, List<String> properties, Class<?>... sources) {}

	private record Server(Configuration configuration, BenchServer process, String base, double startSeconds) {}

	/** What a server answered: status, the errors (and fatals) of an OperationOutcome, the first few of them, time. */
	private record Answer(int status, int errors, List<String> firstErrors, double seconds) {

		boolean accepted() {
			return status >= 200 && status <= 299;
		}

		String verdict() {
			return accepted() ? status + " stored" : status + " rejected, " + errors + (errors == 1 ? " error" : " errors");
		}
	}

	public static void main(String[] args) throws Exception {
		int clients = Integer.getInteger("bench.clients", 4);
		int requests = Integer.getInteger("bench.requests", 800);
		int warmUp = Integer.getInteger("bench.warmup", 200);
		int rounds = Integer.getInteger("bench.rounds", 4);
		int syntheaRuns = Integer.getInteger("bench.synthea.runs", 3);
		List<Sample> samples = UsCoreExamples.samples();
		List<Path> packages = UsCoreExamples.packageFiles();
		Path synthea = UsCoreExamples.requireCorpus("synthea/standard-synthea");

		List<String> enforce = new ArrayList<>(List.of("aitrust.validation.enabled=true", "aitrust.validation.mode=ENFORCE"));
		for (int i = 0; i < packages.size(); i++) {
			enforce.add("aitrust.validation.packages[" + i + "]=" + packages.get(i));
		}
		List<Configuration> configurations = List.of(
				new Configuration("validation off (module installed, aitrust.validation.enabled=false)", "off", List.of()),
				new Configuration("FHIR AI Trust validation, ENFORCE, US Core", "AI Trust ENFORCE", enforce),
				new Configuration("HAPI RequestValidatingInterceptor, US Core", "HAPI RVI",
						List.of(HapiRequestValidation.PACKAGES + "=" + String.join(",", packages.stream().map(Path::toString).toList())),
						HapiRequestValidation.class));
		BenchReport report = new BenchReport("validation-write", String.format(
				"Profile validation on writes over HTTP: %d clients, %d single creates per configuration in %d interleaved"
						+ " rounds after %d warm-up creates, then a Synthea transaction Bundle (1 first + %d warmed runs);"
						+ " US Core 6.1.0 with hl7.terminology.r4 7.0.1 and hl7.fhir.uv.extensions.r4 5.2.0; database %s,"
						+ " each server in its own JVM", clients, requests, rounds, warmUp, syntheaRuns, BenchServer.engine()));
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
		List<Server> servers = new ArrayList<>();
		try {
			for (Configuration configuration : configurations) {
				long started = System.nanoTime();
				BenchServer process = BenchServer.start(configuration.properties(), configuration.sources());
				servers.add(new Server(configuration, process, "http://localhost:" + process.port() + "/fhir",
						(System.nanoTime() - started) / 1e9));
			}
			for (Server server : servers) {
				for (Resource referenced : UsCoreExamples.referenced()) {
					Answer answer = send(http, HttpRequest.newBuilder(URI.create(server.base() + "/" + referenced.fhirType() + "/"
							+ referenced.getIdElement().getIdPart())).PUT(body(referenced)));
					if (!answer.accepted()) {
						throw new IllegalStateException(server.configuration().shortName() + " refused the referenced example "
								+ referenced.fhirType() + "/" + referenced.getIdElement().getIdPart() + ": " + answer);
					}
				}
			}
			BenchReport.Table startUp = report.table("Start-up (Spring context to first request; packages loaded, validator"
					+ " pre-warmed where the configuration does so)", BenchReport.Column.text("configuration"),
					new BenchReport.Column("start-up s", "%.1f"));
			servers.forEach(s -> startUp.row(s.configuration().name(), s.startSeconds()));
			startUp.print();

			verdicts(report, http, servers, samples).print();

			Map<String, Supplier<HttpLoad.Client>> targets = new LinkedHashMap<>();
			for (Server server : servers) {
				targets.put(server.configuration().name(), () -> creates(http, server.base(), samples));
			}
			for (Map.Entry<String, Supplier<HttpLoad.Client>> target : targets.entrySet()) {
				HttpLoad.warmUp(target.getKey(), clients, warmUp, target.getValue());
			}
			Server enforcing = servers.get(1);
			Map<String, double[]> validationBefore = validationTime(enforcing);
			Map<String, List<HttpLoad.Tally>> measured = HttpLoad.interleave(targets, clients, requests, rounds);
			Map<String, double[]> validationDuring = since(validationBefore, validationTime(enforcing));
			HttpLoad.throughputTable(report, "Single creates of US Core examples (ratio: throughput relative to validation off)",
					measured)
					.note(String.format("FHIR AI Trust ENFORCE / HAPI RequestValidatingInterceptor throughput: %.2f",
							HttpLoad.merge(measured.get(configurations.get(1).name())).perSecond()
									/ HttpLoad.merge(measured.get(configurations.get(2).name())).perSecond()))
					.print();
			byResource(report, servers, samples, measured).print();
			validationTable(report, "Inside the FHIR AI Trust ENFORCE server during those runs: time in the module's validation"
					+ " (its aitrust.validation.duration timer), by resource type", validationDuring).print();

			synthea(report, http, servers, synthea, syntheaRuns);
			report.write();
		} finally {
			for (Server server : servers) {
				server.process().close();
			}
		}
	}

	/** Each server's answer to each measured example and to its broken copy; the two validating servers compared. */
	private static BenchReport.Table verdicts(BenchReport report, HttpClient http, List<Server> servers, List<Sample> samples)
			throws Exception {
		List<BenchReport.Column> columns = new ArrayList<>(List.of(BenchReport.Column.text("resource")));
		servers.forEach(s -> columns.add(BenchReport.Column.text(s.configuration().shortName())));
		columns.add(BenchReport.Column.text("same verdict (AI Trust, HAPI)"));
		BenchReport.Table table = report.table("Verdicts: official US Core examples, and copies breaking one profile rule",
				columns.toArray(BenchReport.Column[]::new));
		for (Sample sample : samples) {
			for (Map.Entry<String, String> verdictCase : sample.verdictCases()) {
				List<Object> row = new ArrayList<>(List.of(verdictCase.getKey()));
				List<Answer> answers = new ArrayList<>();
				for (Server server : servers) {
					Answer answer = send(http, HttpRequest.newBuilder(URI.create(server.base() + "/" + sample.resourceType()))
							.POST(HttpRequest.BodyPublishers.ofString(verdictCase.getValue())));
					answers.add(answer);
					row.add(answer.verdict());
				}
				Answer ours = answers.get(1);
				Answer hapi = answers.get(2);
				row.add(ours.accepted() == hapi.accepted() ? "yes" : "NO");
				table.row(row.toArray());
				if (ours.accepted() != hapi.accepted()) {
					table.note(verdictCase.getKey() + ": " + (ours.accepted() ? "HAPI" : "AI Trust") + " rejected it with "
							+ String.join(" | ", (ours.accepted() ? hapi : ours).firstErrors()));
				}
			}
		}
		return table;
	}

	/** Median and p95 latency of each kind of measured resource, by configuration. */
	private static BenchReport.Table byResource(
			BenchReport report, List<Server> servers, List<Sample> samples, Map<String, List<HttpLoad.Tally>> measured) {
		List<BenchReport.Column> columns = new ArrayList<>(List.of(BenchReport.Column.text("resource")));
		for (Server server : servers) {
			columns.add(new BenchReport.Column(server.configuration().shortName() + " median ms", "%.2f"));
			columns.add(new BenchReport.Column(server.configuration().shortName() + " p95 ms", "%.2f"));
		}
		BenchReport.Table table = report.table("Single-create latency by resource (same runs)",
				columns.toArray(BenchReport.Column[]::new));
		for (Sample sample : samples) {
			List<Object> row = new ArrayList<>(List.of(sample.label()));
			for (Server server : servers) {
				HttpLoad.Tally tally = HttpLoad.merge(measured.get(server.configuration().name())).kind(sample.key());
				row.add(tally.medianMs());
				row.add(tally.p95Ms());
			}
			table.row(row.toArray());
		}
		return table;
	}

	/**
	 * The Synthea hospital and practitioner batches, then one patient record as a transaction: its first run on each
	 * server, then {@code warmRuns} runs alternating between the servers that stored it the first time. Prints the
	 * timings, and the time the ENFORCE server (the second) spent in the module's validation during the record's runs.
	 */
	private static void synthea(BenchReport report, HttpClient http, List<Server> servers, Path folder, int warmRuns)
			throws Exception {
		Path record;
		try (Stream<Path> files = Files.list(folder)) {
			record = files.filter(f -> f.getFileName().toString().startsWith("Alvin56")).findFirst().orElseThrow();
		}
		String bundle = Files.readString(record);
		int entries = UsCoreExamples.FHIR.newJsonParser().parseResource(Bundle.class, bundle).getEntry().size();
		Map<Server, List<String>> batches = new LinkedHashMap<>();
		for (Server server : servers) {
			for (String batch : List.of("hospitalInformation.json", "practitionerInformation.json")) {
				Answer answer = postBundle(http, server, Files.readString(folder.resolve(batch)));
				batches.computeIfAbsent(server, s -> new ArrayList<>()).add(answer.verdict());
			}
		}
		Map<String, double[]> validationBefore = validationTime(servers.get(1));
		Map<Server, Answer> first = new LinkedHashMap<>();
		for (Server server : servers) {
			first.put(server, postBundle(http, server, bundle));
		}
		Map<Server, List<Double>> warmed = new LinkedHashMap<>();
		for (int run = 0; run < warmRuns; run++) {
			for (Server server : servers) {
				if (first.get(server).accepted()) {
					Answer answer = postBundle(http, server, bundle);
					warmed.computeIfAbsent(server, s -> new ArrayList<>()).add(answer.accepted() ? answer.seconds() : Double.NaN);
				}
			}
		}
		BenchReport.Table table = report.table(String.format("Synthea patient record %s: one transaction Bundle of %d entries"
						+ " (ratio: warmed median relative to validation off)", record.getFileName(), entries),
				BenchReport.Column.text("configuration"), BenchReport.Column.text("hospital, practitioner batches"),
				BenchReport.Column.text("first run"), new BenchReport.Column("first s", "%.2f"),
				new BenchReport.Column("warmed median s", "%.2f"), BenchReport.Column.text("warmed runs s"),
				new BenchReport.Column("ratio", "%.2f"));
		Double baseline = median(warmed.get(servers.get(0)));
		for (Server server : servers) {
			Double median = median(warmed.get(server));
			List<Double> runs = warmed.getOrDefault(server, List.of());
			table.row(server.configuration().name(), String.join(", ", batches.get(server)), first.get(server).verdict(),
					first.get(server).seconds(), median,
					runs.isEmpty() ? "not repeated" : String.join(" ", runs.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList()),
					median == null || baseline == null ? null : median / baseline);
			if (!first.get(server).accepted()) {
				table.note(server.configuration().shortName() + " rejected the record: "
						+ String.join(" | ", first.get(server).firstErrors()));
			}
		}
		table.print();
		validationTable(report, String.format("Inside the FHIR AI Trust ENFORCE server during the record's %d runs (first and"
				+ " warmed): time in the module's validation, by resource type (entries are validated one after another)",
				1 + warmRuns), since(validationBefore, validationTime(servers.get(1)))).print();
	}

	private static Double median(List<Double> values) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get((sorted.size() - 1) / 2);
	}

	/**
	 * The module's validation timer ({@code aitrust.validation.duration}, all modes and outcomes) on a server, by
	 * resource type: {validations, total milliseconds}; empty where the module does not validate.
	 */
	private static Map<String, double[]> validationTime(Server server) throws Exception {
		Map<String, double[]> byType = new TreeMap<>();
		for (String type : server.process().tagValues("aitrust.validation.duration", "resource_type")) {
			byType.put(type, server.process().timer("aitrust.validation.duration", "resource_type:" + type));
		}
		return byType;
	}

	private static Map<String, double[]> since(Map<String, double[]> before, Map<String, double[]> after) {
		Map<String, double[]> difference = new TreeMap<>();
		after.forEach((type, sums) -> {
			double[] earlier = before.getOrDefault(type, new double[2]);
			if (sums[0] > earlier[0]) {
				difference.put(type, new double[] {sums[0] - earlier[0], sums[1] - earlier[1]});
			}
		});
		return difference;
	}

	private static BenchReport.Table validationTable(BenchReport report, String title, Map<String, double[]> byType) {
		BenchReport.Table table = report.table(title, BenchReport.Column.text("resource type"),
				new BenchReport.Column("validations", "%.0f"), new BenchReport.Column("mean ms", "%.2f"),
				new BenchReport.Column("total s", "%.2f"));
		double count = 0;
		double total = 0;
		for (Map.Entry<String, double[]> entry : byType.entrySet()) {
			table.row(entry.getKey(), entry.getValue()[0], entry.getValue()[1] / entry.getValue()[0], entry.getValue()[1] / 1000);
			count += entry.getValue()[0];
			total += entry.getValue()[1];
		}
		if (count > 0) {
			table.row("all", count, total / count, total / 1000);
		}
		return table;
	}

	/** Creates the samples in turn, from their JSON, with Java's HTTP client (one shared connection pool). */
	private static HttpLoad.Client creates(HttpClient http, String base, List<Sample> samples) {
		return new HttpLoad.Client() {
			@Override
			public int send(int i) throws Exception {
				Sample sample = samples.get(i % samples.size());
				HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + sample.resourceType()))
						.header("Content-Type", FHIR_JSON).timeout(TIMEOUT)
						.POST(HttpRequest.BodyPublishers.ofString(sample.json())).build();
				return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			}

			@Override
			public String kind(int i) {
				return samples.get(i % samples.size()).key();
			}
		};
	}

	private static Answer postBundle(HttpClient http, Server server, String bundle) throws Exception {
		return send(http, HttpRequest.newBuilder(URI.create(server.base())).POST(HttpRequest.BodyPublishers.ofString(bundle)));
	}

	private static HttpRequest.BodyPublisher body(Resource resource) {
		return HttpRequest.BodyPublishers.ofString(UsCoreExamples.FHIR.newJsonParser().encodeResourceToString(resource));
	}

	/** Sends a request with a FHIR JSON body and reads the answer, timing it. */
	private static Answer send(HttpClient http, HttpRequest.Builder request) throws Exception {
		long started = System.nanoTime();
		HttpResponse<String> response = http.send(request.header("Content-Type", FHIR_JSON).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
		double seconds = (System.nanoTime() - started) / 1e9;
		int errors = 0;
		List<String> firstErrors = new ArrayList<>();
		if (response.statusCode() >= 400 && !response.body().isBlank()) {
			IBaseResource body = UsCoreExamples.FHIR.newJsonParser().parseResource(response.body());
			if (body instanceof OperationOutcome outcome) {
				for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
					if (issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
							|| issue.getSeverity() == OperationOutcome.IssueSeverity.FATAL) {
						errors++;
						if (firstErrors.size() < 3) {
							String error = (issue.hasExpression() ? issue.getExpression().get(0).getValue() + ": " : "")
									+ issue.getDiagnostics();
							firstErrors.add(error.length() > 240 ? error.substring(0, 240) + "…" : error);
						}
					}
				}
			}
		}
		return new Answer(response.statusCode(), errors, firstErrors, seconds);
	}
}
