package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.aitrust.testsupport.FhirTestClients;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Eight clients writing a mix a real deployment sees, over plain HTTP with timeouts, and what a user would check
 * afterwards through the FHIR API. The mix, by request number: single creates by the registered agent (AI), by an
 * EHR (not AI), by the EHR with the AIAST label and a heart rate of 400 (AI, accepted with a plausibility finding),
 * and transactions of three entries by the agent and of two by the EHR (one labelled). Every Observation carries
 * its source as a tag, so stored resources can be told apart by source without trusting the module's counts.
 *
 * <p>Given several server nodes, the clients alternate between them request by request: request {@code n} goes to
 * node {@code n} modulo the number of nodes, so every client writes to every node in turn and every kind of write
 * reaches every node. What is checked afterwards is read through the first node.
 */
final class MixedWriteLoad {

	static final String AGENT = "rel-scribe";
	static final String MODEL = "ReliabilityScribe";
	static final String EHR = "rel-ehr";
	static final List<String> SOURCES = List.of(AGENT, EHR);
	static final int CLIENTS = 8;
	private static final String SOURCE_TAG = "urn:test:reliability-source";
	private static final String AIAST_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
	private static final String AI_PROVENANCE = "http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Provenance";
	private static final String FHIR_JSON = "application/fhir+json";
	private static final FhirContext FHIR = FhirTestClients.fhirContext();

	/** The properties that make a starter server accept this load: quality and provenance on, one agent. */
	static Map<String, Object> serverProperties(Map<String, Object> database, int port) {
		Map<String, Object> properties = new HashMap<>(database);
		properties.put("server.port", String.valueOf(port));
		properties.put("aitrust.quality.enabled", "true");
		properties.put("aitrust.provenance.enabled", "true");
		properties.put("aitrust.provenance.agents[0].id", AGENT);
		properties.put("aitrust.provenance.agents[0].model-name", MODEL);
		properties.put("aitrust.provenance.agents[0].model-version", "1.0");
		properties.put("aitrust.provenance.agents[0].manufacturer", "Example AI Labs");
		// what these tests check is provenance and counts under load and faults; the starter's SHADOW validation
		// would only slow them (ProfileValidationIT and the benchmarks measure validation)
		properties.put("aitrust.validation.enabled", "false");
		// Walking tens of thousands of search results 200 at a time would dominate the run.
		properties.put("aitrust.server.max-page-size", "1000");
		return properties;
	}

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10)).build();
	private final Duration timeout;
	/** The nodes written to, in turn. */
	private final List<URI> nodes;
	/** The node read through. */
	private final URI base;

	/** Versioned id of every resource a 2xx acknowledged, and whether it is an AI write. */
	final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
	/** Resources sent in requests that got a 2xx, by source. */
	final Map<String, LongAdder> acknowledgedBySource = new ConcurrentHashMap<>();
	/** How many requests got each HTTP status. */
	final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
	/** Resources sent in requests that failed or got no answer: the most that may be stored unacknowledged. */
	final LongAdder unacknowledgedResources = new LongAdder();
	/** Requests that got no HTTP answer (timeout, connection closed) and why. */
	final ConcurrentLinkedQueue<String> noAnswer = new ConcurrentLinkedQueue<>();
	/** Non-2xx answers whose body is not an OperationOutcome. */
	final ConcurrentLinkedQueue<String> unclean = new ConcurrentLinkedQueue<>();
	/** Non-2xx answers with an OperationOutcome. */
	final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
	final AtomicInteger completed = new AtomicInteger();
	final AtomicBoolean stop = new AtomicBoolean();
	private long elapsedNanos;

	/** A failed request's answer: its status, its {@code Retry-After} header (or {@code null}) and its body. */
	record Failure(int status, String retryAfter, OperationOutcome outcome) {}

	MixedWriteLoad(int port, Duration timeout) {
		this(List.of(port), timeout);
	}

	MixedWriteLoad(List<Integer> ports, Duration timeout) {
		this.timeout = timeout;
		this.nodes = ports.stream().map(port -> URI.create("http://localhost:" + port + "/fhir/")).toList();
		this.base = nodes.get(0);
	}

	/** Runs {@code writesPerClient} writes on each client, or fewer when {@link #stop} is set. */
	void run(int writesPerClient) throws Exception {
		long start = System.nanoTime();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				int client = c;
				running.add(clients.submit(() -> {
					for (int i = 0; i < writesPerClient && !stop.get(); i++) {
						write(client * writesPerClient + i);
						completed.incrementAndGet();
					}
					return null;
				}));
			}
			for (Future<?> client : running) {
				client.get();
			}
		} finally {
			clients.shutdownNow();
			elapsedNanos = System.nanoTime() - start;
		}
	}

	int requests() {
		return statuses.values().stream().mapToInt(AtomicInteger::get).sum() + noAnswer.size();
	}

	String throughput() {
		double seconds = elapsedNanos / 1e9;
		return String.format("%d requests (%d resources acknowledged) in %.1f s: %.0f requests/s, %.0f resources/s",
				requests(), acknowledged.size(), seconds, requests() / seconds, acknowledged.size() / seconds);
	}

	Map<Integer, Integer> statusCounts() {
		Map<Integer, Integer> counts = new TreeMap<>();
		statuses.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}

	private void write(int n) {
		int kind = n % 5;
		String source = kind == 0 || kind == 3 ? AGENT : EHR;
		List<Observation> resources = switch (kind) {
			case 0 -> List.of(heartRate(70, source, false));
			case 1 -> List.of(heartRate(72, source, false));
			case 2 -> List.of(heartRate(400, source, true));
			case 3 -> List.of(heartRate(70, source, false), heartRate(400, source, false), heartRate(71, source, false));
			default -> List.of(heartRate(68, source, true), heartRate(300, source, false));
		};
		boolean single = resources.size() == 1;
		String body;
		if (single) {
			body = FHIR.newJsonParser().encodeResourceToString(resources.get(0));
		} else {
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			resources.forEach(r -> transaction.addEntry().setResource(r).getRequest()
					.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation"));
			body = FHIR.newJsonParser().encodeResourceToString(transaction);
		}
		URI node = nodes.get(n % nodes.size());
		HttpRequest request = TestGateway.request(node.resolve(single ? "Observation" : ""))
				.timeout(timeout)
				.header("Content-Type", FHIR_JSON)
				.header("Accept", FHIR_JSON)
				.header("X-AI-Agent", source)
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			noAnswer.add(e.toString());
			unacknowledgedResources.add(resources.size());
			return;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
		if (response.statusCode() / 100 != 2) {
			unacknowledgedResources.add(resources.size());
			if (parseOrNull(response.body()) instanceof OperationOutcome outcome) {
				failures.add(new Failure(response.statusCode(),
						response.headers().firstValue("Retry-After").orElse(null), outcome));
			} else {
				unclean.add(response.statusCode() + ": " + response.body());
			}
			return;
		}
		List<String> locations = single
				? List.of(response.headers().firstValue("Location").orElseThrow())
				: ((Bundle) FHIR.newJsonParser().parseResource(response.body())).getEntry().stream()
						.map(e -> e.getResponse().getLocation()).toList();
		for (int i = 0; i < locations.size(); i++) {
			String location = locations.get(i);
			boolean ai = source.equals(AGENT) || resources.get(i).getMeta().getSecurity(AIAST_SYSTEM, "AIAST") != null;
			acknowledged.put(location.substring(location.indexOf("Observation/")), ai);
		}
		acknowledgedBySource.computeIfAbsent(source, s -> new LongAdder()).add(resources.size());
	}

	private static IBaseResource parseOrNull(String body) {
		try {
			return FHIR.newJsonParser().parseResource(body);
		} catch (RuntimeException notFhir) {
			return null;
		}
	}

	private static Observation heartRate(int value, String source, boolean labelled) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		observation.setEffective(new DateTimeType("2026-11-01T10:00:00Z"));
		observation.setValue(new Quantity().setValue(value).setUnit("/min")
				.setSystem("http://unitsofmeasure.org").setCode("/min"));
		observation.getMeta().addTag(SOURCE_TAG, source, null);
		if (labelled) {
			observation.getMeta().addSecurity(AIAST_SYSTEM, "AIAST", null);
		}
		return observation;
	}

	// ---------------------------------------------------------------- what a user checks afterwards

	/** What the server holds, read through its FHIR API only. */
	record Stored(Map<String, Boolean> observations, Map<String, Long> bySource, List<String> aiProvenanceTargets,
			int provenance, int agentDevices) {

		Set<String> aiVersions() {
			Set<String> ai = new HashSet<>();
			observations.forEach((version, isAi) -> {
				if (isAi) {
					ai.add(version);
				}
			});
			return ai;
		}
	}

	Stored stored() throws Exception {
		Map<String, Boolean> observations = new HashMap<>();
		Map<String, Long> bySource = new HashMap<>();
		for (Resource resource : all("Observation?_elements=meta&_count=1000")) {
			observations.put(resource.getIdElement().toUnqualified().getValue(),
					resource.getMeta().getSecurity(AIAST_SYSTEM, "AIAST") != null);
			bySource.merge(resource.getMeta().getTag().stream().filter(t -> SOURCE_TAG.equals(t.getSystem()))
					.findFirst().orElseThrow().getCode(), 1L, Long::sum);
		}
		List<String> targets = new ArrayList<>();
		for (Resource resource : all("Provenance?_profile=" + AI_PROVENANCE + "&_elements=target&_count=1000")) {
			((Provenance) resource).getTarget().stream().map(Reference::getReference).forEach(targets::add);
		}
		return new Stored(observations, bySource, targets, total("Provenance?_summary=count"),
				total("Device?device-name=" + MODEL + "&_summary=count"));
	}

	/** Accepted arrivals by source as {@code $data-quality} counts them: received minus rejected. */
	Map<String, Long> countedBySource() {
		Map<String, Long> accepted = new HashMap<>();
		for (String source : SOURCES) {
			MeasureReport report = DataQualityReports.report(
					TestGateway.client(base.getPort()), "source", source);
			Map<String, long[]> counts = DataQualityReports.counts(report);
			long received = counts.containsKey("received") ? counts.get("received")[1] : 0;
			long rejected = counts.containsKey("rejected") ? counts.get("rejected")[1] : 0;
			accepted.put(source, received - rejected);
		}
		return accepted;
	}

	/**
	 * The invariants that must hold however the load ended: every acknowledged write is stored; every stored AI
	 * version has exactly one AI-Provenance and no AI-Provenance targets anything else; one Device for the agent's
	 * model; the counts of accepted arrivals equal the stored resources of each source; and nothing is stored
	 * beyond what was sent.
	 */
	Stored assertConsistent() throws Exception {
		Stored stored = stored();
		assertThat(stored.observations().keySet()).containsAll(acknowledged.keySet());
		acknowledged.forEach((version, ai) -> assertThat(stored.observations().get(version)).as(version).isEqualTo(ai));
		assertThat(stored.aiProvenanceTargets()).doesNotHaveDuplicates();
		assertThat(new HashSet<>(stored.aiProvenanceTargets())).isEqualTo(stored.aiVersions());
		assertThat(stored.provenance()).isEqualTo(stored.aiProvenanceTargets().size());
		assertThat(stored.agentDevices()).isEqualTo(1);
		assertThat(countedBySource()).isEqualTo(withZeros(stored.bySource()));
		assertThat(stored.observations().size() - acknowledged.size())
				.isBetween(0, (int) unacknowledgedResources.sum());
		return stored;
	}

	/**
	 * After a load in which every request should have been accepted: each got an answer, a 2xx, and on top of
	 * {@link #assertConsistent()} the server holds exactly the acknowledged writes, source by source.
	 */
	Stored assertAllAcceptedAndConsistent(int writesPerClient) throws Exception {
		assertThat(noAnswer).isEmpty();
		assertThat(statusCounts().keySet()).as("every write is acceptable").containsOnly(200, 201);
		assertThat(requests()).isEqualTo(CLIENTS * writesPerClient);
		Stored stored = assertConsistent();
		assertThat(stored.observations()).hasSameSizeAs(acknowledged);
		SOURCES.forEach(source -> assertThat(stored.bySource().get(source))
				.as(source).isEqualTo(acknowledgedBySource.get(source).sum()));
		return stored;
	}

	/** One more write by the agent is acknowledged and gets its AI-Provenance: the server serves as usual. */
	void assertAcceptsAnAgentWrite() throws Exception {
		Set<String> before = new HashSet<>(acknowledged.keySet());
		write(0);
		Set<String> added = new HashSet<>(acknowledged.keySet());
		added.removeAll(before);
		assertThat(added).as("statuses " + statusCounts() + ", no answer " + noAnswer).hasSize(1);
		String version = added.iterator().next();
		assertThat(total("Provenance?target=" + version.substring(0, version.indexOf("/_history")) + "&_summary=count"))
				.isEqualTo(1);
	}

	private static Map<String, Long> withZeros(Map<String, Long> bySource) {
		Map<String, Long> all = new HashMap<>();
		SOURCES.forEach(s -> all.put(s, bySource.getOrDefault(s, 0L)));
		return all;
	}

	/** Every resource a search finds, following its next links. */
	List<Resource> all(String search) throws Exception {
		List<Resource> found = new ArrayList<>();
		URI page = base.resolve(search);
		while (page != null) {
			Bundle bundle = (Bundle) get(page);
			bundle.getEntry().forEach(e -> found.add(e.getResource()));
			page = bundle.getLink(Bundle.LINK_NEXT) == null ? null : URI.create(bundle.getLink(Bundle.LINK_NEXT).getUrl());
		}
		return found;
	}

	int total(String search) throws Exception {
		return ((Bundle) get(base.resolve(search))).getTotal();
	}

	private IBaseResource get(URI uri) throws Exception {
		HttpResponse<String> response = http.send(TestGateway.request(uri).timeout(Duration.ofMinutes(2))
				.header("Accept", FHIR_JSON).header("Cache-Control", "no-cache").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(response.body());
	}
}
