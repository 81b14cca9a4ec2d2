package org.aitrust.server.bench;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aitrust.server.StarterServerApplication;
import org.aitrust.testsupport.FhirTestClients;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the module costs on single creates: starts one starter server per configuration in-process on in-memory
 * H2, drives them over HTTP with concurrent clients in interleaved rounds, and prints requests per second, median
 * and p95 latency, and each configuration's throughput relative to the module switched off, all from one run. It prints
 * figures and asserts nothing; machines differ.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl starter-server exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.aitrust.server.bench.WriteOverheadBenchmark
 * [-Dbench.clients=4 -Dbench.requests=2000 -Dbench.rounds=4 -Dbench.warmup=500]}
 */
public final class WriteOverheadBenchmark {

	private record Configuration(String name, List<String> properties, double aiShare) {}

	private record Result(double perSecond, double medianMs, double p95Ms) {}

	public static void main(String[] args) throws Exception {
		int clients = Integer.getInteger("bench.clients", 4);
		int requests = Integer.getInteger("bench.requests", 2000);
		int warmUp = Integer.getInteger("bench.warmup", 500);
		List<Configuration> configurations = List.of(
				new Configuration("module off (aitrust.enabled=false)", List.of("aitrust.enabled=false"), 0),
				new Configuration("module installed, nothing enabled", List.of(), 0),
				new Configuration("data-quality metrics on", List.of("aitrust.quality.enabled=true"), 0),
				new Configuration("AI provenance on, 50% AI writes", List.of("aitrust.provenance.enabled=true",
						"aitrust.provenance.agents[0].id=bench-ai", "aitrust.provenance.agents[0].model-name=BenchModel",
						"aitrust.provenance.agents[0].model-version=1", "aitrust.provenance.agents[0].manufacturer=Bench"), 0.5));
		int rounds = Integer.getInteger("bench.rounds", 4);
		// All servers run side by side and are measured in interleaved rounds, so JIT warm-up, garbage collection
		// and whatever else the machine does fall on every configuration alike.
		List<ConfigurableApplicationContext> servers = new ArrayList<>();
		try {
			List<Target> targets = new ArrayList<>();
			for (Configuration configuration : configurations) {
				ConfigurableApplicationContext server = start(configuration);
				servers.add(server);
				targets.add(new Target(configuration, server));
			}
			for (Target target : targets) {
				drive(target.port(), target.subject(), clients, warmUp, target.configuration().aiShare());
			}
			Map<String, List<Long>> latencies = new LinkedHashMap<>();
			Map<String, Long> nanos = new LinkedHashMap<>();
			for (int round = 0; round < rounds; round++) {
				for (Target target : targets) {
					long started = System.nanoTime();
					List<Long> measured = drive(target.port(), target.subject(), clients, requests / rounds,
							target.configuration().aiShare());
					nanos.merge(target.configuration().name(), System.nanoTime() - started, Long::sum);
					latencies.computeIfAbsent(target.configuration().name(), n -> new ArrayList<>()).addAll(measured);
				}
			}
			Map<String, Result> results = new LinkedHashMap<>();
			latencies.forEach((name, all) -> {
				Collections.sort(all);
				results.put(name, new Result(all.size() / (nanos.get(name) / 1e9), all.get(all.size() / 2) / 1e6,
						all.get((int) Math.ceil(all.size() * 0.95) - 1) / 1e6));
			});
			double baseline = results.values().iterator().next().perSecond();
			System.out.printf("%nSingle creates of Observations: %d clients, %d requests per configuration in %d interleaved"
					+ " rounds after %d warm-up, in-memory H2, %d cores, client and servers in one JVM%n",
					clients, requests, rounds, warmUp, Runtime.getRuntime().availableProcessors());
			System.out.printf("%-40s %10s %10s %10s %8s%n", "configuration", "req/s", "median ms", "p95 ms", "ratio");
			results.forEach((name, r) -> System.out.printf("%-40s %10.1f %10.2f %10.2f %8.3f%n",
					name, r.perSecond(), r.medianMs(), r.p95Ms(), r.perSecond() / baseline));
		} finally {
			servers.forEach(ConfigurableApplicationContext::close);
		}
	}

	private record Target(Configuration configuration, ConfigurableApplicationContext server, int port, String subject) {
		Target(Configuration configuration, ConfigurableApplicationContext server) {
			this(configuration, server, ((WebServerApplicationContext) server).getWebServer().getPort(),
					subjectOn(((WebServerApplicationContext) server).getWebServer().getPort()));
		}
	}

	private static String subjectOn(int port) {
		Patient patient = new Patient();
		patient.addName().setFamily("Bench");
		return FhirTestClients.forPort(port).create().resource(patient).execute().getId().toUnqualifiedVersionless()
				.getValue();
	}

	private static ConfigurableApplicationContext start(Configuration configuration) {
		List<String> arguments = new ArrayList<>(List.of(
				"server.port=0",
				"spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"logging.level.root=WARN"));
		arguments.addAll(configuration.properties());
		return new SpringApplicationBuilder(StarterServerApplication.class)
				.run(arguments.stream().map(a -> "--" + a).toArray(String[]::new));
	}

	private static List<Long> drive(int port, String subject, int clients, int requests, double aiShare) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Callable<List<Long>>> work = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				int share = requests / clients + (c < requests % clients ? 1 : 0);
				work.add(() -> {
					IGenericClient client = FhirTestClients.forPort(port);
					List<Long> latencies = new ArrayList<>(share);
					for (int i = 0; i < share; i++) {
						boolean ai = (i % 100) < aiShare * 100;
						long start = System.nanoTime();
						var create = client.create().resource(heartRate(subject, 60 + i % 40));
						if (ai) {
							create.withAdditionalHeader("X-AI-Agent", "bench-ai");
						}
						create.execute();
						latencies.add(System.nanoTime() - start);
					}
					return latencies;
				});
			}
			List<Long> all = new ArrayList<>();
			for (Future<List<Long>> done : pool.invokeAll(work)) {
				all.addAll(done.get());
			}
			return all;
		} finally {
			pool.shutdownNow();
		}
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
