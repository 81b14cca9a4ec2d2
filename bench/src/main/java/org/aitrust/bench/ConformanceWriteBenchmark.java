package org.aitrust.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.aitrust.bench.UsCoreExamples.Sample;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * What storing conformance resources costs the writes that run beside it: single creates of US Core examples (each
 * claiming its profile, validation ENFORCE against US Core 6.1.0) on a few client threads for a fixed time, once
 * alone and once while ValueSets are posted at an even pace (by default 100 in the block). Two servers, each in its
 * own JVM ({@link BenchServer}), the same but for the cache clearing after a conformance write: this module's, which
 * empties only the terminology caches for a ValueSet, and the clearing of every validation cache on every
 * conformance write that came before it ({@link ClearEveryValidationCache}). Blocks alternate in interleaved rounds
 * (quiet and with ValueSets, server by server, one server later each round), so drift falls on both alike.
 *
 * <p>It prints creates per second, median and p95 latency per server and block, the ratio of the block with
 * ValueSets to the quiet one, and the ValueSet posts' own latency. It asserts nothing; tables are also written to
 * {@code target/bench/conformance-writes.json} and {@code .md}.
 *
 * <p>Run (see the README): {@code mvn -B -q package -pl bench -am -DskipTests -Pbench
 * -Dbench.main=org.aitrust.bench.ConformanceWriteBenchmark [-Dbench.jvmArgs="-Dbench.clients=3 -Dbench.seconds=10
 * -Dbench.rounds=2 -Dbench.warmup=300 -Dbench.valuesets=100"]}
 */
public final class ConformanceWriteBenchmark {

	private static final String FHIR_JSON = "application/fhir+json";
	private static final Duration TIMEOUT = Duration.ofMinutes(5);
	private static final String QUIET = "creates alone";
	private static final String WITH_VALUE_SETS = "creates while ValueSets are posted";

	private record Configuration(String name, List<String> properties, Class<?>... sources) {}

	public static void main(String[] args) throws Exception {
		int clients = Integer.getInteger("bench.clients", 3);
		int seconds = Integer.getInteger("bench.seconds", 10);
		int rounds = Integer.getInteger("bench.rounds", 2);
		int warmUp = Integer.getInteger("bench.warmup", 300);
		int valueSets = Integer.getInteger("bench.valuesets", 100);
		List<Sample> samples = UsCoreExamples.samples();
		List<Path> packages = UsCoreExamples.packageFiles();

		List<String> enforce = new ArrayList<>(List.of("aitrust.validation.enabled=true", "aitrust.validation.mode=ENFORCE"));
		for (int i = 0; i < packages.size(); i++) {
			enforce.add("aitrust.validation.packages[" + i + "]=" + packages.get(i));
		}
		List<Configuration> configurations = List.of(
				new Configuration("bounded: a ValueSet empties the terminology caches only", enforce),
				new Configuration("every conformance write empties every validation cache (before)", enforce,
						ClearEveryValidationCache.class));
		BenchReport report = new BenchReport("conformance-writes", String.format(Locale.ROOT,
				"Single creates of US Core examples (validation ENFORCE, US Core 6.1.0) from %d clients for %d s per block,"
						+ " alone and while %d ValueSets are posted (one every %d ms), in %d interleaved rounds after %d"
						+ " warm-up creates; database %s, each server in its own JVM", clients, seconds, valueSets,
				seconds * 1000L / valueSets, rounds, warmUp, BenchServer.engine()));
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
		Map<String, BenchServer> servers = new LinkedHashMap<>();
		Map<String, String> bases = new LinkedHashMap<>();
		AtomicInteger valueSetNumber = new AtomicInteger();
		try {
			for (Configuration configuration : configurations) {
				BenchServer server = BenchServer.start(configuration.properties(), configuration.sources());
				servers.put(configuration.name(), server);
				bases.put(configuration.name(), "http://localhost:" + server.port() + "/fhir");
			}
			for (String base : bases.values()) {
				for (Resource referenced : UsCoreExamples.referenced()) {
					int status = put(http, base, referenced);
					if (status / 100 != 2) {
						throw new IllegalStateException("The referenced example " + referenced.getIdElement().getIdPart()
								+ " was refused with " + status + " by " + base);
					}
				}
			}
			for (Map.Entry<String, String> server : bases.entrySet()) {
				HttpLoad.warmUp(server.getKey(), clients, warmUp, () -> creates(http, server.getValue(), samples));
				// the ValueSet path warmed too, as the creates are
				postValueSets(http, server.getValue(), 10, Duration.ofSeconds(1), valueSetNumber).join();
			}

			Map<String, Map<String, List<HttpLoad.Tally>>> measured = new LinkedHashMap<>();
			Map<String, List<Posts>> posts = new LinkedHashMap<>();
			List<String> names = new ArrayList<>(bases.keySet());
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < names.size(); i++) {
					String name = names.get((round + i) % names.size());
					String base = bases.get(name);
					Supplier<HttpLoad.Client> connect = () -> creates(http, base, samples);
					Map<String, List<HttpLoad.Tally>> blocks = measured.computeIfAbsent(name, n -> new LinkedHashMap<>());
					// alternate which block comes first, so neither always follows the other server's
					List<String> order = round % 2 == 0 ? List.of(QUIET, WITH_VALUE_SETS) : List.of(WITH_VALUE_SETS, QUIET);
					for (String block : order) {
						CompletableFuture<Posts> posting = block.equals(WITH_VALUE_SETS)
								? postValueSets(http, base, valueSets, Duration.ofSeconds(seconds), valueSetNumber) : null;
						HttpLoad.Tally tally = HttpLoad.driveFor(clients, Duration.ofSeconds(seconds), connect);
						blocks.computeIfAbsent(block, b -> new ArrayList<>()).add(tally);
						if (posting != null) {
							posts.computeIfAbsent(name, n -> new ArrayList<>()).add(posting.join());
						}
					}
				}
			}

			BenchReport.Table table = report.table("Creates beside ValueSet posts (ratio: creates per second while ValueSets"
							+ " are posted, relative to alone, on the same server)",
					BenchReport.Column.text("server"), BenchReport.Column.text("block"),
					new BenchReport.Column("creates/s", "%.1f"), new BenchReport.Column("median ms", "%.1f"),
					new BenchReport.Column("p95 ms", "%.1f"), new BenchReport.Column("ratio", "%.3f"),
					BenchReport.Column.text("creates/s by round"), new BenchReport.Column("non-2xx", "%d"));
			measured.forEach((name, blocks) -> {
				double alone = HttpLoad.merge(blocks.get(QUIET)).perSecond();
				for (String block : List.of(QUIET, WITH_VALUE_SETS)) {
					HttpLoad.Tally all = HttpLoad.merge(blocks.get(block));
					String byRound = String.join(" ", blocks.get(block).stream()
							.map(r -> String.format(Locale.ROOT, "%.1f", r.perSecond())).toList());
					table.row(name, block, all.perSecond(), all.medianMs(), all.p95Ms(), all.perSecond() / alone, byRound,
							all.failures());
				}
			});
			table.print();

			BenchReport.Table postTable = report.table("The ValueSet posts themselves (same blocks)",
					BenchReport.Column.text("server"), new BenchReport.Column("posted", "%d"),
					new BenchReport.Column("median ms", "%.1f"), new BenchReport.Column("p95 ms", "%.1f"),
					new BenchReport.Column("non-2xx", "%d"));
			posts.forEach((name, list) -> {
				Posts all = Posts.merge(list);
				postTable.row(name, all.latencies().size(), all.percentileMs(0.50), all.percentileMs(0.95), all.failures());
			});
			postTable.note("Load average at the end: " + BenchReport.loadAverage()).print();
			report.write();
		} finally {
			for (BenchServer server : servers.values()) {
				server.close();
			}
		}
	}

	/** Latencies (ns) and answers other than 2xx of ValueSet posts. */
	private record Posts(List<Long> latencies, int failures) {

		static Posts merge(List<Posts> blocks) {
			List<Long> all = new ArrayList<>();
			blocks.forEach(b -> all.addAll(b.latencies()));
			return new Posts(all, blocks.stream().mapToInt(Posts::failures).sum());
		}

		double percentileMs(double fraction) {
			List<Long> sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * fraction) - 1)) / 1e6;
		}
	}

	/**
	 * Posts {@code count} new ValueSets (each its own canonical URL) at an even pace over {@code span}, on a thread of
	 * its own.
	 */
	private static CompletableFuture<Posts> postValueSets(
			HttpClient http, String base, int count, Duration span, AtomicInteger number) {
		return CompletableFuture.supplyAsync(() -> {
			List<Long> latencies = new ArrayList<>();
			int failures = 0;
			long interval = span.toNanos() / count;
			long started = System.nanoTime();
			try {
				for (int i = 0; i < count; i++) {
					long wait = started + i * interval - System.nanoTime();
					if (wait > 0) {
						Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
					}
					long posted = System.nanoTime();
					int status = post(http, base, valueSet(number.incrementAndGet()));
					latencies.add(System.nanoTime() - posted);
					failures += status / 100 == 2 ? 0 : 1;
				}
			} catch (Exception e) {
				throw new IllegalStateException("Posting ValueSets to " + base + " failed", e);
			}
			return new Posts(latencies, failures);
		});
	}

	/** A small value set of a hospital's own, as a terminology team would add one. */
	private static ValueSet valueSet(int n) {
		ValueSet valueSet = new ValueSet();
		valueSet.setUrl("http://hospital.example/fhir/ValueSet/ward-codes-" + n);
		valueSet.setName("WardCodes" + n);
		valueSet.setStatus(Enumerations.PublicationStatus.ACTIVE);
		ValueSet.ConceptSetComponent include = valueSet.getCompose().addInclude().setSystem("http://loinc.org");
		include.addConcept().setCode("8867-4");
		include.addConcept().setCode("2339-0");
		return valueSet;
	}

	/** Creates the samples in turn, from their JSON. */
	private static HttpLoad.Client creates(HttpClient http, String base, List<Sample> samples) {
		return i -> {
			Sample sample = samples.get(i % samples.size());
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + sample.resourceType()))
					.header("Content-Type", FHIR_JSON).timeout(TIMEOUT)
					.POST(HttpRequest.BodyPublishers.ofString(sample.json())).build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		};
	}

	private static int post(HttpClient http, String base, Resource resource) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + "/" + resource.fhirType()))
				.header("Content-Type", FHIR_JSON).timeout(TIMEOUT)
				.POST(HttpRequest.BodyPublishers.ofString(UsCoreExamples.FHIR.newJsonParser().encodeResourceToString(resource)))
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static int put(HttpClient http, String base, Resource resource) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + "/" + resource.fhirType() + "/"
						+ resource.getIdElement().getIdPart()))
				.header("Content-Type", FHIR_JSON).timeout(TIMEOUT)
				.PUT(HttpRequest.BodyPublishers.ofString(UsCoreExamples.FHIR.newJsonParser().encodeResourceToString(resource)))
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}
}
