package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each way a client could get round the module's records, played as a client would over HTTP against the starter
 * server with provenance, data quality and oversight on: the status and OperationOutcome it gets, and from the
 * database that nothing was half-written (no AI-labelled version without its AI-Provenance, no review counted twice, no
 * package loaded, no stratum recoverable). The class prints a table of attempt, status and resource versions written,
 * like {@code BadInputIT}. It runs on H2 and, in the PostgreSQL pass, on PostgreSQL.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.provenance.enabled=true",
			"aitrust.quality.enabled=true",
			"aitrust.oversight.enabled=true",
			"aitrust.provenance.agents[0].id=" + BypassAttemptsIT.AI_AGENT,
			"aitrust.provenance.agents[0].model-name=BypassScribe",
			"aitrust.provenance.agents[0].model-version=1.0",
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs"
		})
@IsolatedDatabase
class BypassAttemptsIT {

	/** A registered AI agent; the test gateway speaks for it with the agent header. */
	static final String AI_AGENT = "bypass-scribe";
	static final String AGENT_HEADER = "X-AI-Agent";
	static final String FHIR_JSON = "application/fhir+json";

	private static final FhirContext FHIR = FhirTestClients.fhirContext();
	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	/** attempt, status, resource versions written: one row an attempt, printed after the class. */
	private static final List<String[]> TABLE = Collections.synchronizedList(new ArrayList<>());

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

	@AfterAll
	static void printTable() {
		StringBuilder table = new StringBuilder(String.format("%n[bypass] %-80s %6s %8s%n", "attempt", "status", "written"));
		synchronized (TABLE) {
			TABLE.forEach(row -> table.append(String.format("[bypass] %-80s %6s %8s%n", (Object[]) row)));
		}
		System.out.print(table);
	}

	// Each part of the class below has its own section; tests and helpers that only one part needs stay in it.

	// ==== meta operations: $meta-add and $meta-delete of AIAST

	// ==== deletes of AI-written resources

	// ==== the review worklist: $ai-unreviewed and $data-quality's ai-unreviewed

	// ==== IG packages: $aitrust-install-package

	// ==== small-cell suppression in $ai-oversight

	// ==== label caps: sources, models, profiles

	// ==== input that must not fail a write or a report

	// ==== writes made as the system

	@Autowired
	DaoRegistry daoRegistry;

	/** An ordinary tag (not AIAST): changing it changes no clinical data. */
	static final String WARD_TAG_SYSTEM = "http://hospital.example/CodeSystem/ward-tags";

	@Test
	void aDaoWriteAsTheSystemIsMeasuredOnceWithSourceSystem() throws Exception {
		long systemBefore = systemArrivals("Observation");
		long allBefore = allArrivals();

		HttpResponse<String> read = attempt("DAO create with SystemRequestDetails (bulk import, a host's code), then GET",
				() -> send("GET", daoRegistry.getResourceDao(Observation.class)
						.create(pulseObservation(), new SystemRequestDetails()).getId().toUnqualifiedVersionless().getValue(),
						null, null));

		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(systemArrivals("Observation")).as("one arrival, source system").isEqualTo(systemBefore + 1);
		assertThat(allArrivals()).as("measured once").isEqualTo(allBefore + 1);
		MeasureReport report = (MeasureReport) parse(
				send("GET", "$data-quality?source=system&resourceType=Observation", null, null));
		assertThat(DataQualityReports.counts(report).get("received")[0]).as("what $data-quality reports")
				.isEqualTo(systemArrivals("Observation"));
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM AITRUST_QUALITY_ARRIVAL WHERE SOURCE = 'system'"
				+ " AND RESOURCE_TYPE IN ('Provenance', 'Device', 'Measure')", Long.class))
				.as("the module's own records (its Measure at start-up) are system writes, never arrivals").isZero();
	}

	@Test
	void anAiWriteIsMeasuredOnceAsItsClientsAndItsProvenanceNotAtAll() throws Exception {
		long systemBefore = systemArrivals(null);
		long allBefore = allArrivals();

		HttpResponse<String> created = attempt("POST Observation as the AI agent (AI-Provenance stored as the system)",
				() -> sendAsAi("POST", "Observation", json(pulseObservation())));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(allArrivals()).as("the Observation, once").isEqualTo(allBefore + 1);
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM AITRUST_QUALITY_ARRIVAL WHERE SOURCE = ?", Long.class,
				AI_AGENT)).isPositive();
		assertThat(systemArrivals(null)).as("its AI-Provenance, a module record written as the system, is not an arrival")
				.isEqualTo(systemBefore);
	}

	/**
	 * HAPI 8.8 announces a meta operation as an update of the resource, though it stores no new version. On this
	 * secured server a client's {@code $meta-add} is refused by authorization before it reaches storage (SMART scopes
	 * grant no meta operations); the DAO's, as the system, reaches it, as a client's would on an open server.
	 */
	@Test
	void aMetaOperationOnAnOrdinaryTagIsNotAnArrival() throws Exception {
		HttpResponse<String> created = send("POST", "Observation", FHIR_JSON, json(pulseObservation()));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = parse(created).getIdElement().toUnqualifiedVersionless().getValue();
		long before = allArrivals();
		Meta wardRound = new Meta().addTag(WARD_TAG_SYSTEM, "ward-round", null);

		HttpResponse<String> refused = attempt("$meta-add of an ordinary tag by a client (no scope grants it)",
				() -> send("POST", id + "/$meta-add", FHIR_JSON, json(new Parameters().addParameter(
						new Parameters.ParametersParameterComponent().setName("meta").setValue(wardRound)))));
		assertRefusal(refused, 403);
		assertThat(((Observation) parse(send("GET", id, null, null))).getMeta().getTag(WARD_TAG_SYSTEM, "ward-round"))
				.isNull();

		HttpResponse<String> added = attempt("DAO $meta-add of an ordinary tag as the system, then GET", () -> {
			daoRegistry.getResourceDao(Observation.class).metaAddOperation(new IdType(id), wardRound.copy(),
					new SystemRequestDetails());
			return send("GET", id, null, null);
		});
		Observation tagged = (Observation) parse(added);
		assertThat(tagged.getMeta().getTag(WARD_TAG_SYSTEM, "ward-round")).isNotNull();
		assertThat(tagged.getMeta().getVersionId()).as("a meta operation stores no version").isEqualTo("1");

		HttpResponse<String> removed = attempt("DAO $meta-delete of that tag as the system, then GET", () -> {
			daoRegistry.getResourceDao(Observation.class).metaDeleteOperation(new IdType(id), wardRound.copy(),
					new SystemRequestDetails());
			return send("GET", id, null, null);
		});
		Observation untagged = (Observation) parse(removed);
		assertThat(untagged.getMeta().getTag(WARD_TAG_SYSTEM, "ward-round")).isNull();
		assertThat(untagged.getMeta().getVersionId()).isEqualTo("1");
		assertThat(allArrivals()).as("a refused and two stored meta operations: no arrival").isEqualTo(before);
	}

	/** Arrival rows with the source system, of one resource type or (null) all. */
	long systemArrivals(String resourceType) {
		return resourceType == null
				? jdbc().queryForObject("SELECT COUNT(*) FROM AITRUST_QUALITY_ARRIVAL WHERE SOURCE = 'system'", Long.class)
				: jdbc().queryForObject("SELECT COUNT(*) FROM AITRUST_QUALITY_ARRIVAL WHERE SOURCE = 'system'"
						+ " AND RESOURCE_TYPE = ?", Long.class, resourceType);
	}

	long allArrivals() {
		return jdbc().queryForObject("SELECT COUNT(*) FROM AITRUST_QUALITY_ARRIVAL", Long.class);
	}

	static Observation pulseObservation() {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		observation.setValue(new Quantity().setValue(72).setUnit("/min").setSystem("http://unitsofmeasure.org").setCode("/min"));
		return observation;
	}

	// ---------------------------------------------------------------- shared helpers

	/**
	 * Sends the attempt, records its row in the printed table (status and resource versions written) and returns the
	 * response for the caller's assertions.
	 */
	HttpResponse<String> attempt(String attempt, Callable<HttpResponse<String>> request) throws Exception {
		long before = storedVersions();
		HttpResponse<String> response = request.call();
		TABLE.add(new String[] {attempt, String.valueOf(response.statusCode()), String.valueOf(storedVersions() - before)});
		return response;
	}

	/** Every version of every resource type, the module's Provenance and Devices included. */
	long storedVersions() {
		return jdbc().queryForObject("SELECT COUNT(*) FROM HFJ_RES_VER", Long.class);
	}

	JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource);
	}

	/** A request as the test gateway, optionally speaking for a client named in {@link #AGENT_HEADER}. */
	HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
			throws Exception {
		HttpRequest.Builder request = TestGateway.request(uri(path)).timeout(TIMEOUT);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A request as the registered AI agent. */
	HttpResponse<String> sendAsAi(String method, String path, String body) throws Exception {
		return send(method, path, FHIR_JSON, body, AGENT_HEADER, AI_AGENT);
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + port + "/fhir" + (path.isEmpty() ? "" : "/" + path));
	}

	static String json(IBaseResource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

	static IBaseResource parse(HttpResponse<String> response) {
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		EncodingEnum encoding = EncodingEnum.forContentType(contentType.split(";")[0].trim());
		assertThat(encoding).as("FHIR content type of the response, was '" + contentType + "'").isNotNull();
		return encoding.newParser(FHIR).parseResource(response.body());
	}

	/** The status, and a body that is an OperationOutcome with at least one error (or fatal) issue. */
	static OperationOutcome assertRefusal(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		IBaseResource body = parse(response);
		assertThat(body).as(response.body()).isInstanceOf(OperationOutcome.class);
		OperationOutcome outcome = (OperationOutcome) body;
		assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getSeverity)
				.containsAnyOf(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
		return outcome;
	}

	static String diagnostics(OperationOutcome outcome) {
		return String.join("\n", outcome.getIssue().stream()
				.map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).toList());
	}
}
