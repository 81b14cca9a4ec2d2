package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
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
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
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
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs",
			"aitrust.quality.sources=" + BypassAttemptsIT.CONFIGURED_SOURCE
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

	/** A source the quality team names in aitrust.quality.sources: it keeps its label whatever arrived first. */
	static final String CONFIGURED_SOURCE = "bypass-configured-lab";
	static final String PARTICIPANT_TYPES = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

	@org.junit.jupiter.api.Test
	void junkSourcesFillTheCapButARegisteredAgentAndAConfiguredSourceKeepTheirLabels() throws Exception {
		try {
			// more new clients than aitrust.quality.max-sources (100): whatever the other sections admitted, the cap
			// is full before the last of them
			for (int i = 0; i <= 100; i++) {
				HttpResponse<String> created = send("POST", "Basic", FHIR_JSON, basic("junk source " + i), AGENT_HEADER,
						"bypass-junk-source-" + i);
				assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			}
			assertThat(arrivalsLabelled("SOURCE", "bypass-junk-source-100")).as("no room left for a new client").isZero();

			HttpResponse<String> agent = attempt("label caps: registered agent writes after 101 new junk sources",
					() -> sendAsAi("POST", "Basic", basic("agent after junk")));
			HttpResponse<String> configured = attempt("label caps: configured source writes after 101 new junk sources",
					() -> send("POST", "Basic", FHIR_JSON, basic("configured after junk"), AGENT_HEADER, CONFIGURED_SOURCE));
			HttpResponse<String> junk = attempt("label caps: one more new junk source",
					() -> send("POST", "Basic", FHIR_JSON, basic("one more"), AGENT_HEADER, "bypass-junk-source-101"));

			assertThat(List.of(agent.statusCode(), configured.statusCode(), junk.statusCode())).containsOnly(201);
			assertThat(arrivalsLabelled("SOURCE", AI_AGENT)).isPositive();
			assertThat(arrivalsLabelled("SOURCE", CONFIGURED_SOURCE)).isEqualTo(1);
			assertThat(arrivalsLabelled("SOURCE", "bypass-junk-source-101")).isZero();
			assertThat(arrivalsLabelled("SOURCE", "other")).isPositive();
		} finally {
			resetLabels(); // the other sections' new sources get labels again
		}
	}

	@org.junit.jupiter.api.Test
	void aProfileTheServerDoesNotKnowAndAClientsOwnDeviceTakeNoLabel() throws Exception {
		String vitalSigns = "http://hl7.org/fhir/StructureDefinition/vitalsigns";
		HttpResponse<String> known = attempt("label caps: claims a profile the server knows",
				() -> send("POST", "Basic", FHIR_JSON, basicClaiming("known profile", vitalSigns)));
		long otherProfiles = arrivalsLabelled("PROFILE", "other");
		HttpResponse<String> invented = attempt("label caps: claims an invented profile URL",
				() -> send("POST", "Basic", FHIR_JSON, basicClaiming("invented profile",
						"http://junk.example.org/StructureDefinition/" + java.util.UUID.randomUUID())));
		HttpResponse<String> device = send("POST", "Device", FHIR_JSON,
				"{\"resourceType\":\"Device\",\"deviceName\":[{\"name\":\"JunkModel\",\"type\":\"model-name\"}],"
						+ "\"type\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIdeviceTypeCS\","
						+ "\"code\":\"Artificial-Intelligence\"}]}}");
		assertThat(device.statusCode()).as(device.body()).isEqualTo(201);
		String deviceId = "Device/" + parse(device).getIdElement().getIdPart();
		String provenance = "{\"resourceType\":\"Provenance\",\"agent\":[{\"type\":{\"coding\":[{\"system\":\""
				+ PARTICIPANT_TYPES + "\",\"code\":\"author\"}]},\"who\":{\"reference\":\"" + deviceId + "\"}}]}";
		HttpResponse<String> ownDevice = attempt("label caps: AI write naming the client's own Device in X-Provenance",
				() -> send("POST", "Basic", FHIR_JSON, basic("own device"), "X-Provenance", provenance));
		HttpResponse<String> registered = attempt("label caps: AI write by the registered agent's model",
				() -> sendAsAi("POST", "Basic", basic("registered model")));

		assertThat(List.of(known.statusCode(), invented.statusCode(), ownDevice.statusCode(), registered.statusCode()))
				.as(ownDevice.body()).containsOnly(201);
		assertThat(arrivalsLabelled("PROFILE", vitalSigns)).isPositive();
		assertThat(arrivalsLabelled("PROFILE", "other")).isEqualTo(otherProfiles + 1);
		assertThat(arrivalsLabelled("AI_MODEL", deviceId)).isZero();
		assertThat(arrivalsLabelled("AI_MODEL", "other")).isPositive();
		assertThat(arrivalsLabelled("AI_MODEL", "BypassScribe|1.0")).isPositive();
	}

	@org.junit.jupiter.api.Test
	void aRefusedWriteIsCountedUnderItsClientButItsInventedProfileTakesNoLabel() throws Exception {
		resetLabels(); // room for the next client, whatever the tests before admitted
		String invented = "http://junk.example.org/StructureDefinition/refused-" + java.util.UUID.randomUUID();
		String body = "{\"resourceType\":\"Basic\",\"meta\":{\"profile\":[\"" + invented + "\"]},"
				+ "\"code\":{\"text\":\"refused\"},\"subject\":{\"reference\":\"Patient/bypass-missing-patient\"}}";

		HttpResponse<String> refused = attempt("label caps: refused write claiming an invented profile",
				() -> send("POST", "Basic", FHIR_JSON, body, AGENT_HEADER, "bypass-refused-client"));

		assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 499);
		assertThat(arrivalsLabelled("PROFILE", invented)).isZero();
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM AITRUST_QUALITY_ARRIVAL WHERE SOURCE = ? AND NOT ACCEPTED"
				+ " AND PROFILE = 'other'", Long.class, "bypass-refused-client"))
				.as("a client the gateway named is seen under its name even when all its writes are refused").isEqualTo(1);
	}

	@org.junit.jupiter.api.Test
	void anAdministratorResetsTheAdmittedLabelsAndOnlyAnAdministratorMay() throws Exception {
		resetLabels(); // room for the next client, whatever the tests before admitted
		HttpResponse<String> admitted = send("POST", "Basic", FHIR_JSON, basic("admitted"), AGENT_HEADER,
				"bypass-admitted-before-reset");
		assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(201);

		HttpResponse<String> notAdmin = attempt("label caps: $aitrust-reset-labels without aitrust/admin",
				() -> sendAsClient(longClientToken(), "POST", "$aitrust-reset-labels", EMPTY_PARAMETERS));
		assertRefusal(notAdmin, 403);
		HttpResponse<String> reset = attempt("label caps: $aitrust-reset-labels by an administrator", this::resetLabels);

		assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
		org.hl7.fhir.r4.model.Parameters cleared = (org.hl7.fhir.r4.model.Parameters) parse(reset);
		assertThat(cleared.getParameter()).extracting(p -> p.getPart().get(0).getValue().primitiveValue())
				.containsExactly("source", "ai-model", "profile");
		List<String> sources = cleared.getParameter().get(0).getPart().stream()
				.filter(part -> "value".equals(part.getName())).map(part -> part.getValue().primitiveValue()).toList();
		assertThat(sources).contains("bypass-admitted-before-reset").doesNotContain(AI_AGENT, CONFIGURED_SOURCE);
		assertThat(cleared.getParameter().get(0).getPart().get(1).getValue().primitiveValue())
				.isEqualTo(String.valueOf(sources.size()));
		HttpResponse<String> after = send("POST", "Basic", FHIR_JSON, basic("after reset"), AGENT_HEADER,
				"bypass-new-after-reset");
		assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
		assertThat(arrivalsLabelled("SOURCE", "bypass-new-after-reset")).isEqualTo(1);
	}

	static final String EMPTY_PARAMETERS = "{\"resourceType\":\"Parameters\"}";

	HttpResponse<String> resetLabels() throws Exception {
		return send("POST", "$aitrust-reset-labels", FHIR_JSON, EMPTY_PARAMETERS);
	}

	/** Arrival rows stored under this value of a dimension column. */
	long arrivalsLabelled(String column, String value) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM AITRUST_QUALITY_ARRIVAL WHERE " + column + " = ?", Long.class,
				value);
	}

	static String basic(String text) {
		return "{\"resourceType\":\"Basic\",\"code\":{\"text\":\"" + text + "\"}}";
	}

	static String basicClaiming(String text, String profile) {
		return "{\"resourceType\":\"Basic\",\"meta\":{\"profile\":[\"" + profile + "\"]},\"code\":{\"text\":\"" + text + "\"}}";
	}

	// ==== input that must not fail a write or a report

	/** A client whose id is longer than the arrival table's SOURCE column (128). */
	static final String LONG_CLIENT = "bypass-long-client-" + "x".repeat(281);
	private static final String LONG_CLIENT_SECRET = java.util.UUID.randomUUID().toString();

	@org.springframework.test.context.DynamicPropertySource
	static void registerTheLongClient(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("aitrust.server.issuer.clients." + LONG_CLIENT + ".secret", () -> LONG_CLIENT_SECRET);
		registry.add("aitrust.server.issuer.clients." + LONG_CLIENT + ".scopes", () -> "system/*.cruds");
	}

	@org.junit.jupiter.api.Test
	void aClientWithA300CharacterIdWritesAndIsMeasured() throws Exception {
		assertThat(LONG_CLIENT).hasSize(300);

		HttpResponse<String> created = attempt("input: create by a client whose id has 300 characters",
				() -> sendAsClient(longClientToken(), "POST", "Basic", basic("long client")));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String stored = jdbc().queryForObject("SELECT SOURCE FROM AITRUST_QUALITY_ARRIVAL WHERE SOURCE LIKE ?",
				String.class, "bypass-long-client-xxx%");
		assertThat(stored).hasSize(128).startsWith("bypass-long-client-xxx").matches(".*#[0-9a-f]{16}");
		HttpResponse<String> report = send("GET", "$data-quality?source=" + LONG_CLIENT, null, null);
		assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
		org.hl7.fhir.r4.model.MeasureReport measured = (org.hl7.fhir.r4.model.MeasureReport) parse(report);
		assertThat(measured.getGroup()).filteredOn(g -> "received".equals(g.getCode().getCodingFirstRep().getCode()))
				.singleElement().satisfies(group -> assertThat(group.getPopulation())
						.filteredOn(p -> "numerator".equals(p.getCode().getCodingFirstRep().getCode()))
						.extracting(org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupPopulationComponent::getCount)
						.containsExactly(1));
	}

	@org.junit.jupiter.api.Test
	void aGatewayNamingA300CharacterClientIsRefusedWith400AndNothingIsWritten() throws Exception {
		long before = storedVersions();
		HttpResponse<String> refused = attempt("input: agent header of 300 characters",
				() -> send("POST", "Basic", FHIR_JSON, basic("long header"), AGENT_HEADER, "h".repeat(300)));

		assertRefusal(refused, 400);
		assertThat(storedVersions()).isEqualTo(before);
	}

	@org.junit.jupiter.api.Test
	void aReportOfTenYearsIsRefusedNamingTheLimitAndItsProperty() throws Exception {
		HttpResponse<String> refused = attempt("input: $data-quality over ten years",
				() -> send("GET", "$data-quality?start=2016-01-01&end=2025-12-31", null, null));

		assertThat(diagnostics(assertRefusal(refused, 400))).contains("at most 400 days")
				.contains("aitrust.quality.max-report-days");
	}

	@org.junit.jupiter.api.Test
	void aReportOfATypeTheServerDoesNotStoreIsRefused() throws Exception {
		HttpResponse<String> refused = attempt("input: $data-quality?resourceType=NotAType",
				() -> send("GET", "$data-quality?resourceType=NotAType", null, null));

		assertThat(diagnostics(assertRefusal(refused, 400))).contains("unknown resourceType 'NotAType'");
	}

	@org.junit.jupiter.api.Test
	void aReportOfAnUnknownCheckIsRefused() throws Exception {
		HttpResponse<String> refused = attempt("input: $data-quality?check=no-such-check",
				() -> send("GET", "$data-quality?check=no-such-check", null, null));

		assertThat(diagnostics(assertRefusal(refused, 400))).contains("unknown check 'no-such-check'");
	}

	String longClientToken() {
		return TestGateway.clientToken(port, LONG_CLIENT, LONG_CLIENT_SECRET, "system/*.cruds");
	}

	/** A request with another client's token than the gateway's. */
	HttpResponse<String> sendAsClient(String token, String method, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
				.header("Authorization", "Bearer " + token).header("Content-Type", FHIR_JSON)
				.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	// ==== writes made as the system

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
