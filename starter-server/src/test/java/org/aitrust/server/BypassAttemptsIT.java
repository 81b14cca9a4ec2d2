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
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.aitrust.provenance.AiLabels;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
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

	static final String AIAST_SECURITY = "{\"system\":\"" + AiWrites.AIAST_SYSTEM + "\",\"code\":\"AIAST\"}";
	static final String MODULE_TAG = "http://fhir-aitrust.org/CodeSystem/aitrust-tag|module-written";

	@Test
	void metaAddOfAiastOnAClinicianResourceIsRefusedAndWritesNothing() throws Exception {
		String id = createAs(false, AiWrites.observation("clinician's value"));

		HttpResponse<String> response = attempt("$meta-add of AIAST on a clinician's Observation (JSON)",
				() -> send("POST", id + "/$meta-add", FHIR_JSON, metaParameters(AIAST_SECURITY)));

		assertThat(diagnostics(assertRefusal(response, 422)))
				.contains("$meta-add may not add the AI label", id + ":",
						"an update carrying the label, or a write from a registered AI agent");
		Observation stored = (Observation) read(id);
		assertThat(AiLabels.hasResourceLabel(stored)).isFalse();
		assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
		assertEveryAiastVersionHasItsAiProvenance(id);
	}

	@Test
	void metaAddOfAiastOnAHistoryVersionInXmlIsRefused() throws Exception {
		String id = createAs(false, AiWrites.observation("clinician's first value"));
		assertThat(send("PUT", id, FHIR_JSON, json(withId(AiWrites.observation("clinician's second value"), id)))
				.statusCode()).isEqualTo(200);
		String xml = "<Parameters xmlns=\"http://hl7.org/fhir\"><parameter><name value=\"meta\"/><valueMeta><security>"
				+ "<system value=\"" + AiWrites.AIAST_SYSTEM + "\"/><code value=\"AIAST\"/></security></valueMeta>"
				+ "</parameter></Parameters>";

		HttpResponse<String> response = attempt("$meta-add of AIAST on _history/1 (XML)",
				() -> send("POST", id + "/_history/1/$meta-add", "application/fhir+xml", xml));

		assertThat(diagnostics(assertRefusal(response, 422))).contains("$meta-add may not add the AI label");
		assertThat(AiLabels.hasResourceLabel((Observation) read(id + "/_history/1"))).isFalse();
		assertEveryAiastVersionHasItsAiProvenance(id);
	}

	@Test
	void metaAddOfAnotherSecurityLabelIsLeftToAuthorization() throws Exception {
		String id = createAs(false, AiWrites.observation("clinician's restricted value"));

		HttpResponse<String> response = attempt("$meta-add of a confidentiality label (not an AI label)",
				() -> send("POST", id + "/$meta-add", FHIR_JSON, metaParameters(
						"{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-Confidentiality\",\"code\":\"R\"}")));

		// not the module's rule: the starter's SMART scopes grant no $meta operation (security.md)
		assertThat(diagnostics(assertRefusal(response, 403))).contains("Access denied by default policy");
		assertThat(((Observation) read(id)).getMeta().getSecurity()).isEmpty();
	}

	@Test
	void metaDeleteOfAiastFromAnAiResourceIsRefusedAsAnUpdateDroppingItIs() throws Exception {
		String id = createAs(true, AiWrites.observation("AI value"));

		HttpResponse<String> byGateway = attempt("$meta-delete of AIAST from an AI Observation (gateway)",
				() -> send("POST", id + "/$meta-delete", FHIR_JSON, metaParameters(AIAST_SECURITY)));
		HttpResponse<String> byAgent = attempt("$meta-delete of AIAST from an AI Observation (AI agent)",
				() -> sendAsAi("POST", id + "/$meta-delete", metaParameters(AIAST_SECURITY)));
		HttpResponse<String> update = attempt("update dropping AIAST from an AI Observation (gateway, for comparison)",
				() -> send("PUT", id, FHIR_JSON, json(withId(AiWrites.observation("AI value"), id))));

		String refusal = "a client that is not an AI agent may not remove the label.";
		assertThat(diagnostics(assertRefusal(byGateway, 422)))
				.contains("$meta-delete may not remove the AI label " + AiWrites.AIAST_SYSTEM + "|AIAST from " + id, refusal);
		assertThat(diagnostics(assertRefusal(byAgent, 422))).contains("$meta-delete may not remove the AI label", refusal);
		assertThat(diagnostics(assertRefusal(update, 422))).contains(id + " is labelled AI-asserted (AIAST)", refusal);
		Observation stored = (Observation) read(id);
		assertThat(AiLabels.hasResourceLabel(stored)).isTrue();
		assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
		assertEveryAiastVersionHasItsAiProvenance(id);
	}

	/** Creates a resource as the gateway or as the AI agent and returns its versionless id. */
	String createAs(boolean asAi, Resource resource) throws Exception {
		String body = json(resource);
		HttpResponse<String> response = asAi ? sendAsAi("POST", resource.fhirType(), body)
				: send("POST", resource.fhirType(), FHIR_JSON, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return ((Resource) parse(response)).getIdElement().toUnqualifiedVersionless().getValue();
	}

	IBaseResource read(String path) throws Exception {
		HttpResponse<String> response = send("GET", path, null, null, "Cache-Control", "no-cache");
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return parse(response);
	}

	static <T extends Resource> T withId(T resource, String id) {
		resource.setId(id);
		return resource;
	}

	static String metaParameters(String securityJson) {
		return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"meta\",\"valueMeta\":{\"security\":["
				+ securityJson + "]}}]}";
	}

	/** The module's Provenance whose target is a version of {@code id}, newest first. */
	List<Provenance> moduleProvenanceOf(String id) throws Exception {
		Bundle bundle = (Bundle) read("Provenance?_tag=" + MODULE_TAG.replace("|", "%7C") + "&_sort=-_lastUpdated&_count=200");
		return bundle.getEntry().stream().map(entry -> (Provenance) entry.getResource())
				.filter(provenance -> provenance.getTarget().stream()
						.anyMatch(target -> target.getReference().startsWith(id + "/_history/")))
				.toList();
	}

	/** What a user checks after any of these attempts: every AIAST-labelled version of the resource has its AI-Provenance. */
	void assertEveryAiastVersionHasItsAiProvenance(String id) throws Exception {
		Bundle history = (Bundle) read(id + "/_history");
		List<Provenance> provenance = moduleProvenanceOf(id);
		for (Bundle.BundleEntryComponent entry : history.getEntry()) {
			if (entry.getResource() == null || !AiLabels.isAiAsserted(entry.getResource())) {
				continue;
			}
			String version = id + "/_history/" + entry.getResource().getMeta().getVersionId();
			assertThat(provenance).as("AI-Provenance of " + version)
					.anySatisfy(p -> {
						assertThat(p.getTarget()).extracting(Reference::getReference).contains(version);
						assertThat(p.getMeta().getProfile()).extracting(CanonicalType::getValue)
								.contains("http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Provenance");
					});
		}
	}

	// ==== deletes of AI-written resources

	@Test
	void deleteOfAnAiResourceByTheGatewayIsAllowedAndRecorded() throws Exception {
		String id = createAs(true, AiWrites.observation("AI value entered in error"));

		HttpResponse<String> response = attempt("DELETE of an AI Observation (gateway)", () -> send("DELETE", id, null, null));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(send("GET", id, null, null).statusCode()).isEqualTo(410);
		assertDeleteRecorded(id, "1", TestGateway.CLIENT_ID);
	}

	@Test
	void deleteOfAnAiResourceByTheAiAgentIsRecordedAsTheAgents() throws Exception {
		String id = createAs(true, AiWrites.observation("AI value the agent withdraws"));

		HttpResponse<String> response = attempt("DELETE of an AI Observation (AI agent)", () -> sendAsAi("DELETE", id, null));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertDeleteRecorded(id, "1", AI_AGENT);
	}

	@Test
	void conditionalDeleteOfAiResourcesRecordsEachDelete() throws Exception {
		String code = "bypass-" + UUID.randomUUID();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			Observation observation = AiWrites.observation("AI value " + i);
			observation.getCode().addCoding().setSystem("http://example.org/bypass").setCode(code);
			ids.add(createAs(true, observation));
		}

		HttpResponse<String> response = attempt("conditional DELETE matching two AI Observations",
				() -> send("DELETE", "Observation?code=http://example.org/bypass%7C" + code, null, null));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		for (String id : ids) {
			assertThat(send("GET", id, null, null).statusCode()).isEqualTo(410);
			assertDeleteRecorded(id, "1", TestGateway.CLIENT_ID);
		}
	}

	@Test
	void theDeleteProvenanceCannotBeChangedOrDeletedByAClient() throws Exception {
		String id = createAs(true, AiWrites.observation("AI value deleted, its record kept"));
		assertThat(send("DELETE", id, null, null).statusCode()).isEqualTo(200);
		Provenance record = deleteProvenanceOf(id);
		String recordId = record.getIdElement().toUnqualifiedVersionless().getValue();
		record.getAgentFirstRep().getWho().setDisplay("someone else");

		HttpResponse<String> change = attempt("PUT changing the delete Provenance",
				() -> send("PUT", recordId, FHIR_JSON, json(record)));
		HttpResponse<String> delete = attempt("DELETE of the delete Provenance", () -> send("DELETE", recordId, null, null));

		assertThat(diagnostics(assertRefusal(change, 403))).contains(recordId, "was written by FHIR AI Trust");
		assertThat(diagnostics(assertRefusal(delete, 403))).contains(recordId, "was written by FHIR AI Trust");
		Provenance stored = (Provenance) read(recordId);
		assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
		assertThat(stored.getAgentFirstRep().getWho().getDisplay()).isEqualTo(TestGateway.CLIENT_ID);
	}

	@Test
	void aReviewersRecordDoesNotBlockDeletingTheReviewerButAClientsReferenceDoes() throws Exception {
		String reviewer = createAs(false, AiWrites.practitioner());
		String aiWrite = createAs(true, AiWrites.observation("AI value reviewed"));
		HttpResponse<String> review = send("POST", aiWrite + "/$ai-review", FHIR_JSON,
				"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"reviewer\",\"valueReference\":{\"reference\":\""
						+ reviewer + "\"}},{\"name\":\"outcome\",\"valueCode\":\"verified\"}]}");
		assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
		assertThat(((Provenance) parse(review)).getAgent()).extracting(agent -> agent.getWho().getReference())
				.as("a reference without version, which HAPI's referential integrity counts").contains(reviewer);
		String performer = createAs(false, AiWrites.practitioner());
		Observation clinicians = AiWrites.observation("clinician's value with a performer");
		clinicians.addPerformer(new Reference(performer));
		createAs(false, clinicians);

		HttpResponse<String> reviewerDeleted = attempt("DELETE of a Practitioner only the module's review Provenance names",
				() -> send("DELETE", reviewer, null, null));
		HttpResponse<String> performerDeleted = attempt("DELETE of a Practitioner a client's Observation names",
				() -> send("DELETE", performer, null, null));

		assertThat(reviewerDeleted.statusCode()).as(reviewerDeleted.body()).isEqualTo(200);
		assertThat(diagnostics(assertRefusal(performerDeleted, 409))).contains("Unable to delete " + performer,
				"First reference found was resource Observation/");
		assertThat(send("GET", performer, null, null).statusCode()).isEqualTo(200);
	}

	@Test
	void expungeIsRefusedByTheStartersScopesAndRemovesNothing() throws Exception {
		String id = createAs(true, AiWrites.observation("AI value someone tries to expunge"));
		assertThat(send("DELETE", id, null, null).statusCode()).isEqualTo(200);
		long versionsBefore = storedVersions();

		HttpResponse<String> response = attempt("$expunge of a deleted AI Observation",
				() -> send("POST", id + "/$expunge", FHIR_JSON, "{\"resourceType\":\"Parameters\",\"parameter\":["
						+ "{\"name\":\"expungeDeletedResources\",\"valueBoolean\":true},"
						+ "{\"name\":\"expungePreviousVersions\",\"valueBoolean\":true}]}"));

		// the starter's SMART scopes grant no $expunge, and its HAPI settings keep expunge off (docs/provenance.md)
		assertThat(diagnostics(assertRefusal(response, 403))).contains("Access denied by default policy");
		assertThat(storedVersions()).isEqualTo(versionsBefore);
		assertThat(AiLabels.hasResourceLabel((Observation) read(id + "/_history/1"))).isTrue();
		assertDeleteRecorded(id, "1", TestGateway.CLIENT_ID);
	}

	/** The one delete Provenance of a resource: activity DELETE, target the deleted version, the deleter, the tag. */
	void assertDeleteRecorded(String id, String deletedVersion, String deleter) throws Exception {
		Provenance record = deleteProvenanceOf(id);
		assertThat(record.getTarget()).extracting(Reference::getReference)
				.containsExactly(id + "/_history/" + deletedVersion);
		assertThat(record.getActivity().getCoding()).singleElement().satisfies(coding -> {
			assertThat(coding.getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-DataOperation");
			assertThat(coding.getCode()).isEqualTo("DELETE");
		});
		assertThat(record.getAgent()).singleElement().satisfies(agent -> {
			assertThat(agent.getWho().getIdentifier().getSystem()).isEqualTo("http://fhir-aitrust.org/NamingSystem/client");
			assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo(deleter);
		});
		assertThat(record.getMeta().getTag()).extracting(tag -> tag.getSystem() + "|" + tag.getCode()).contains(MODULE_TAG);
		assertThat(AiLabels.hasResourceLabel((Observation) read(id + "/_history/" + deletedVersion)))
				.as("the deleted version stays readable in history with its label").isTrue();
		assertEveryAiastVersionHasItsAiProvenance(id);
	}

	Provenance deleteProvenanceOf(String id) throws Exception {
		List<Provenance> deletes = moduleProvenanceOf(id).stream()
				.filter(p -> "DELETE".equals(p.getActivity().getCodingFirstRep().getCode()))
				.toList();
		assertThat(deletes).as("delete Provenance of " + id).hasSize(1);
		return deletes.get(0);
	}

	// ==== the review worklist: $ai-unreviewed and $data-quality's ai-unreviewed

	// ==== IG packages: $aitrust-install-package

	// ==== small-cell suppression in $ai-oversight

	// ==== label caps: sources, models, profiles

	// ==== input that must not fail a write or a report

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
