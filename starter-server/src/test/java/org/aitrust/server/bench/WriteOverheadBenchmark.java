package org.aitrust.server.bench;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.aitrust.testsupport.FhirTestClients;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * What the module costs on single creates: starts one starter server per configuration, each in its own JVM
 * ({@link BenchServer}: in-memory H2, or PostgreSQL with {@code -Dbench.db=postgres}), drives them over HTTP with
 * concurrent clients in interleaved rounds, and prints requests per second, median and p95 latency, each
 * configuration's throughput relative to the module switched off, the time the data-quality server spent measuring
 * against the whole create, and each server's heap, all from one run. It prints figures and asserts nothing;
 * machines differ. The tables are also written to {@code target/bench/write-overhead.*}.
 *
 * <p>Run (see the README): {@code mvn -B -q package -pl starter-server -am -DskipTests -Pbench
 * -Dbench.main=org.aitrust.server.bench.WriteOverheadBenchmark
 * [-Dbench.jvmArgs="-Dbench.clients=4 -Dbench.requests=4000 -Dbench.rounds=4 -Dbench.warmup=16000 -Dbench.db=h2"]}
 *
 * <p>The warm-up is long on purpose: code that runs once per request and only in one configuration (the measuring, in
 * the data-quality server) is compiled by C2 only after many thousands of calls. After 8,000 warm-up creates,
 * {@code -XX:+PrintCompilation} still showed it running C1's profiling code during the measured rounds, which made it
 * look about a quarter dearer than on a server that has run for a while.
 */
public final class WriteOverheadBenchmark {

	private record Configuration(String name, List<String> properties, double aiShare) {}

	public static void main(String[] args) throws Exception {
		int clients = Integer.getInteger("bench.clients", 4);
		int requests = Integer.getInteger("bench.requests", 4000);
		int warmUp = Integer.getInteger("bench.warmup", 16000);
		int rounds = Integer.getInteger("bench.rounds", 4);
		List<Configuration> configurations = List.of(
				new Configuration("module off (aitrust.enabled=false)", List.of("aitrust.enabled=false"), 0),
				new Configuration("module installed, nothing enabled", List.of(), 0),
				new Configuration("data-quality metrics on", List.of("aitrust.quality.enabled=true"), 0),
				new Configuration("AI provenance on, 50% AI writes", List.of("aitrust.provenance.enabled=true",
						"aitrust.provenance.agents[0].id=bench-ai", "aitrust.provenance.agents[0].model-name=BenchModel",
						"aitrust.provenance.agents[0].model-version=1", "aitrust.provenance.agents[0].manufacturer=Bench"), 0.5));
		BenchReport report = new BenchReport("write-overhead", String.format(
				"Single creates of Observations: %d clients, %d requests per configuration in %d interleaved rounds after %d"
						+ " warm-up, database %s, each server in its own JVM", clients, requests, rounds, warmUp,
				BenchServer.engine()));
		Map<String, BenchServer> servers = new LinkedHashMap<>();
		try {
			Map<String, Supplier<HttpLoad.Client>> targets = new LinkedHashMap<>();
			for (Configuration configuration : configurations) {
				BenchServer server = BenchServer.start(configuration.properties());
				servers.put(configuration.name(), server);
				int port = server.port();
				String subject = subjectOn(port);
				targets.put(configuration.name(), () -> creates(port, subject, configuration.aiShare()));
			}
			for (Map.Entry<String, Supplier<HttpLoad.Client>> target : targets.entrySet()) {
				HttpLoad.warmUp(target.getKey(), clients, warmUp, target.getValue());
			}
			BenchServer measuring = servers.get(configurations.get(2).name());
			double[] measuringBefore = measuring.timer("aitrust.quality.measure.duration");
			double[] writesBefore = measuring.timer("aitrust.write.duration");
			HttpLoad.throughputTable(report, "Single creates of Observations (ratio: throughput relative to module off)",
					HttpLoad.interleave(targets, clients, requests, rounds)).print();
			double[] measured = since(measuringBefore, measuring.timer("aitrust.quality.measure.duration"));
			double[] writes = since(writesBefore, measuring.timer("aitrust.write.duration"));
			report.table("Inside the data-quality server during those runs: time measuring each create (checks and"
							+ " stored counts, its aitrust.quality.measure.duration timer) against the whole create"
							+ " (aitrust.write.duration)",
					BenchReport.Column.text("measure"), new BenchReport.Column("creates", "%.0f"),
					new BenchReport.Column("mean ms", "%.3f"), new BenchReport.Column("share of create", "%.1f%%"))
					.row("whole create, server side", writes[0], writes[1] / writes[0], 100.0)
					.row("measuring it", measured[0], measured[1] / measured[0], 100 * measured[1] / writes[1])
					.note("The share is independent of run-to-run noise between servers: both timers run in the same"
							+ " requests. The target is at most 5%.")
					.print();
			HttpLoad.heapTable(report, servers).print();
			report.write();
		} finally {
			for (BenchServer server : servers.values()) {
				server.close();
			}
		}
	}

	private static double[] since(double[] before, double[] after) {
		return new double[] {after[0] - before[0], after[1] - before[1]};
	}

	private static String subjectOn(int port) {
		Patient patient = new Patient();
		patient.addName().setFamily("Bench");
		return FhirTestClients.forPort(port).create().resource(patient).execute().getId().toUnqualifiedVersionless()
				.getValue();
	}

	/** Creates heart-rate Observations with HAPI's client; a share of them from the registered AI agent. */
	private static HttpLoad.Client creates(int port, String subject, double aiShare) {
		IGenericClient client = FhirTestClients.forPort(port);
		return i -> {
			var create = client.create().resource(heartRate(subject, 60 + i % 40));
			if ((i % 100) < aiShare * 100) {
				create.withAdditionalHeader("X-AI-Agent", "bench-ai");
			}
			return create.execute().getResponseStatusCode();
		};
	}

	private static Observation heartRate(String subject, int value) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
				.setCode("vital-signs");
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4").setDisplay("Heart rate");
		observation.setSubject(new Reference(subject));
		observation.setEffective(new DateTimeType("2026-11-01T10:00:00Z"));
		observation.setValue(new Quantity().setValue(value).setUnit("/min").setSystem("http://unitsofmeasure.org").setCode("/min"));
		return observation;
	}
}
