package org.aitrust.bench;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.SharedCorpora;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The module against plain HAPI, configuration by configuration, from one run: starts one starter server per
 * configuration, each in its own JVM ({@link BenchServer}: in-memory H2, or PostgreSQL with {@code -Dbench.db=postgres}),
 * drives them over HTTP in interleaved rounds, and prints requests per second,
 * median and p95 latency and each configuration's ratio to plain HAPI for two workloads — single creates of US Core
 * Patients and heart-rate Observations (half of them from an AI agent where provenance is on), and reads of a stored
 * Observation with {@code _revinclude=Provenance:target} — then one Synthea patient record per server, and each
 * server's heap after a full collection. Configurations:
 * <ol>
 *   <li>plain HAPI JPA: the module's jar present but {@code aitrust.enabled=false}, so nothing of it is registered;
 *   <li>the module installed, nothing enabled;
 *   <li>AI provenance on, half of the writes from an AI agent;
 *   <li>data-quality metrics on;
 *   <li>validation ENFORCE against US Core 6.1.0;
 *   <li>HAPI's {@code RequestValidatingInterceptor} with the same packages;
 *   <li>everything on: provenance, metrics, oversight, validation ENFORCE.
 * </ol>
 * 5–7 need the US Core packages in {@code ../shared}; without them the run has 1–4 and says so. It asserts nothing.
 *
 * <p>Run (see the README): {@code mvn -B -q package -pl bench -am -DskipTests -Pbench
 * -Dbench.main=org.aitrust.bench.ConfigurationMatrixBenchmark
 * [-Dbench.jvmArgs="-Dbench.clients=4 -Dbench.requests=1500 -Dbench.rounds=3 -Dbench.warmup=4000 -Dbench.db=h2
 * -Dbench.configurations=1,4,7"]}
 * The warm-up is long because each server's JIT compiles its own code only after thousands of calls.
 */
public final class ConfigurationMatrixBenchmark {

	private static final String AI_AGENT = "bench-ai";
	private static final List<String> AGENT = List.of("aitrust.provenance.agents[0].id=" + AI_AGENT,
			"aitrust.provenance.agents[0].model-name=BenchModel", "aitrust.provenance.agents[0].model-version=1",
			"aitrust.provenance.agents[0].manufacturer=Bench");

	private record Configuration(String name, List<String> properties, double aiShare, Class<?>... extraSources) {}

	public static void main(String[] args) throws Exception {
		int clients = Integer.getInteger("bench.clients", 4);
		int requests = Integer.getInteger("bench.requests", 1500);
		int warmUp = Integer.getInteger("bench.warmup", 4000);
		int rounds = Integer.getInteger("bench.rounds", 3);
		BenchReport.quietLogging();
		boolean usCore = Files.isDirectory(SharedCorpora.folder("packages"));
		List<Configuration> configurations = selected(configurations(usCore), System.getProperty("bench.configurations", ""));
		BenchReport report = new BenchReport("configuration-matrix", String.format(
				"%d configurations, %d clients, %d requests per configuration and workload in %d interleaved rounds after"
						+ " %d warm-up, database %s, each server in its own JVM%s", configurations.size(), clients,
				requests, rounds, warmUp, BenchServer.engine(), usCore ? "" : "; US Core packages not in ../shared, so no validation configurations"));
		Map<String, BenchServer> servers = new LinkedHashMap<>();
		try {
			Map<String, Supplier<HttpLoad.Client>> creates = new LinkedHashMap<>();
			Map<String, Supplier<HttpLoad.Client>> reads = new LinkedHashMap<>();
			Map<String, IGenericClient> fhir = new LinkedHashMap<>();
			for (Configuration configuration : configurations) {
				BenchServer server = BenchServer.start(configuration.properties(), configuration.extraSources());
				servers.put(configuration.name(), server);
				IGenericClient client = FhirTestClients.forPort(server.port());
				UsCoreExamples.referenced().forEach(resource -> client.update().resource(resource).execute());
				fhir.put(configuration.name(), client);
				creates.put(configuration.name(), () -> creates(client, configuration.aiShare()));
			}
			for (Map.Entry<String, Supplier<HttpLoad.Client>> target : creates.entrySet()) {
				HttpLoad.warmUp(target.getKey(), clients, warmUp, target.getValue());
				String observation = aiObservationOn(fhir.get(target.getKey()));
				reads.put(target.getKey(), () -> reads(fhir.get(target.getKey()), observation));
			}
			HttpLoad.throughputTable(report, "Single creates, US Core Patient and heart-rate Observation alternating"
					+ " (ratio: throughput relative to plain HAPI)", HttpLoad.interleave(creates, clients, requests, rounds))
					.print();
			HttpLoad.throughputTable(report, "Reads: Observation?_id=…&_revinclude=Provenance:target (ratio: throughput"
					+ " relative to plain HAPI)", HttpLoad.interleave(reads, clients, requests, rounds)).print();
			synthea(report, fhir);
			HttpLoad.heapTable(report, servers).print();
			report.write();
		} finally {
			for (BenchServer server : servers.values()) {
				server.close();
			}
		}
	}

	private static List<Configuration> configurations(boolean usCore) {
		List<Configuration> configurations = new ArrayList<>(List.of(
				new Configuration("1 plain HAPI JPA (aitrust.enabled=false)", List.of("aitrust.enabled=false"), 0),
				new Configuration("2 module installed, nothing enabled", List.of(), 0),
				new Configuration("3 AI provenance on, 50% AI writes", with(List.of("aitrust.provenance.enabled=true"), AGENT), 0.5),
				new Configuration("4 data-quality metrics on", List.of("aitrust.quality.enabled=true"), 0)));
		if (!usCore) {
			return configurations;
		}
		List<String> packages = UsCoreExamples.packageFiles().stream().map(Path::toString).toList();
		List<String> enforce = new ArrayList<>(List.of("aitrust.validation.enabled=true", "aitrust.validation.mode=ENFORCE"));
		for (int i = 0; i < packages.size(); i++) {
			enforce.add("aitrust.validation.packages[" + i + "]=" + packages.get(i));
		}
		configurations.add(new Configuration("5 validation ENFORCE, US Core", enforce, 0));
		configurations.add(new Configuration("6 HAPI RequestValidatingInterceptor, US Core",
				List.of(HapiRequestValidation.PACKAGES + "=" + String.join(",", packages)), 0, HapiRequestValidation.class));
		configurations.add(new Configuration("7 everything on, 50% AI writes", with(with(enforce, AGENT), List.of(
				"aitrust.provenance.enabled=true", "aitrust.quality.enabled=true", "aitrust.oversight.enabled=true")), 0.5));
		return configurations;
	}

	/** The configurations whose numbers are listed ({@code 1,4,7}); all of them for an empty list. */
	private static List<Configuration> selected(List<Configuration> configurations, String numbers) {
		if (numbers.isBlank()) {
			return configurations;
		}
		List<String> wanted = List.of(numbers.split("\\s*,\\s*"));
		return configurations.stream().filter(c -> wanted.contains(c.name().substring(0, c.name().indexOf(' ')))).toList();
	}

	private static List<String> with(List<String> first, List<String> second) {
		List<String> both = new ArrayList<>(first);
		both.addAll(second);
		return both;
	}

	/** Alternates the US Core Patient and heart-rate examples; a share of them from the registered AI agent. */
	private static HttpLoad.Client creates(IGenericClient client, double aiShare) {
		List<Resource> samples = List.of(UsCoreExamples.sample("patient").parse(),
				UsCoreExamples.sample("vital-signs").parse());
		return new HttpLoad.Client() {
			@Override
			public int send(int i) {
				var create = client.create().resource(samples.get(i % 2).copy());
				if ((i % 100) < aiShare * 100) {
					create.withAdditionalHeader("X-AI-Agent", AI_AGENT);
				}
				return create.execute().getResponseStatusCode();
			}

			@Override
			public String kind(int i) {
				return i % 2 == 0 ? "Patient" : "Observation";
			}
		};
	}

	/** A heart rate written by the AI agent (a plain create where provenance is off), to be read back with its Provenance. */
	private static String aiObservationOn(IGenericClient client) {
		return client.create().resource(UsCoreExamples.sample("vital-signs").parse())
				.withAdditionalHeader("X-AI-Agent", AI_AGENT).execute().getId().getIdPart();
	}

	private static HttpLoad.Client reads(IGenericClient client, String observation) {
		return i -> {
			client.search().byUrl("Observation?_id=" + observation + "&_revinclude=Provenance:target")
					.cacheControl(new CacheControlDirective().setNoCache(true))
					.returnBundle(Bundle.class).execute();
			return 200;
		};
	}

	/** One Synthea patient record per server, after Synthea's organizations and practitioners, timed once each. */
	private static void synthea(BenchReport report, Map<String, IGenericClient> servers) throws Exception {
		Path folder = SharedCorpora.folder("synthea/standard-synthea");
		BenchReport.Table table = report.table("One Synthea patient record as a transaction (ratio: seconds relative to"
						+ " plain HAPI)", BenchReport.Column.text("configuration"), BenchReport.Column.text("answer"),
				new BenchReport.Column("seconds", "%.2f"), new BenchReport.Column("ratio", "%.2f"));
		if (!Files.isDirectory(folder)) {
			table.note("skipped: " + folder + " is not present").print();
			return;
		}
		Path record;
		try (Stream<Path> files = Files.list(folder)) {
			record = files.filter(f -> f.getFileName().toString().startsWith("Alvin56")).findFirst().orElseThrow();
		}
		Double plain = null;
		for (Map.Entry<String, IGenericClient> server : servers.entrySet()) {
			IGenericClient client = server.getValue();
			for (String batch : List.of("hospitalInformation.json", "practitionerInformation.json")) {
				client.transaction().withBundle(bundle(folder.resolve(batch))).execute();
			}
			Bundle bundle = bundle(record);
			long started = System.nanoTime();
			String answer;
			try {
				client.transaction().withBundle(bundle).execute();
				answer = "stored, " + bundle.getEntry().size() + " entries";
			} catch (ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException e) {
				answer = e.getStatusCode() + " rejected";
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			plain = plain == null ? seconds : plain;
			table.row(server.getKey(), answer, seconds, seconds / plain);
		}
		table.print();
	}

	private static Bundle bundle(Path file) throws java.io.IOException {
		return UsCoreExamples.FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(file));
	}
}
