package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.aitrust.interceptor.core.UtcDays;
import org.aitrust.interceptor.oversight.OversightReportBuilder;
import org.aitrust.interceptor.store.PatientStrata;
import org.aitrust.interceptor.validation.IgPackageProvider;
import org.aitrust.provenance.AiLabels;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.aitrust.testsupport.NpmPackages;
import org.aitrust.testsupport.SharedCorpora;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.StringType;
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

	/** Marks the resources one run of the worklist test writes, so they are told apart from other sections' writes. */
	static final String WORKLIST_RUN = "urn:aitrust:test:worklist-run";

	/**
	 * 2,000 AI writes about three patients, every one reviewed with {@code $ai-review} but the newest 10 (7
	 * Observations, 3 RiskAssessments): {@code $ai-unreviewed} lists exactly those 10 page by page, newest first, with
	 * and without {@code type} and {@code patient}, its {@code total} is what its pages list, and {@code $data-quality}'s
	 * {@code ai-unreviewed} counts the same.
	 */
	@Test
	void theWorklistListsExactlyTheNewestUnreviewedAiWritesAcrossPagesWithAndWithoutTypeAndPatient() throws Exception {
		long started = System.nanoTime();
		String run = UUID.randomUUID().toString();
		String reviewer = createAsGateway(AiWrites.practitioner());
		List<String> patients = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			patients.add(createAsGateway(new Patient().addName(new HumanName().setFamily("Worklist" + i))));
		}
		List<String> reviewed = new ArrayList<>();
		for (int transaction = 0; transaction < 10; transaction++) {
			Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (int i = 0; i < 199; i++) {
				bundle.addEntry().setResource(worklistObservation(run, patients.get(i % 3)))
						.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
			}
			HttpResponse<String> stored = sendAsAi("POST", "", json(bundle));
			assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
			((Bundle) parse(stored)).getEntry()
					.forEach(e -> reviewed.add(new IdType(e.getResponse().getLocation()).toUnqualifiedVersionless().getValue()));
		}
		Map<String, String> newest = new LinkedHashMap<>(); // id -> patient
		for (int i = 0; i < 10; i++) {
			String patient = patients.get(i % 3);
			Resource resource = i % 3 == 2 ? worklistRiskAssessment(run, patient) : worklistObservation(run, patient);
			HttpResponse<String> stored = sendAsAi("POST", resource.fhirType(), json(resource));
			assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
			newest.put(parse(stored).getIdElement().toUnqualifiedVersionless().getValue(), patient);
		}
		long written = System.nanoTime();
		reviewAll(reviewed, reviewer);
		long setUp = System.nanoTime();
		System.out.printf("[bypass] worklist set-up: 2,000 AI writes %d s, 1,990 reviews %d s%n",
				(written - started) / 1_000_000_000, (setUp - written) / 1_000_000_000);
		assertThat(reviewed).hasSize(1_990).doesNotHaveDuplicates();

		Worklist all = worklist("worklist: $ai-unreviewed, all types and patients, pages of 4", "", 4, run);
		assertThat(all.ofThisRun()).containsExactlyElementsOf(newestFirst(newest.keySet()));
		assertThat(all.listed()).doesNotContainAnyElementsOf(reviewed);
		Worklist observations = worklist("worklist: $ai-unreviewed?type=Observation, pages of 3",
				"type=Observation&", 3, run);
		assertThat(observations.ofThisRun()).containsExactlyElementsOf(
				newestFirst(newest.keySet()).stream().filter(id -> id.startsWith("Observation/")).toList());
		Worklist risks = worklist("worklist: $ai-unreviewed?type=RiskAssessment, pages of 2",
				"type=RiskAssessment&", 2, run);
		assertThat(risks.ofThisRun()).hasSize(3).allMatch(id -> id.startsWith("RiskAssessment/"));
		for (String patient : patients) {
			List<String> ofPatient = newestFirst(newest.keySet()).stream()
					.filter(id -> newest.get(id).equals(patient)).toList();
			Worklist byPatient = worklist("worklist: $ai-unreviewed?patient=" + patient + ", pages of 2",
					"patient=" + patient + "&", 2, run);
			assertThat(byPatient.listed()).as("a patient of this run has only this run's resources")
					.isEqualTo(byPatient.ofThisRun()).containsExactlyElementsOf(ofPatient);
			Worklist observationsOfPatient = worklist("worklist: $ai-unreviewed?type=Observation&patient=<id>",
					"type=Observation&patient=" + patient.substring("Patient/".length()) + "&", 50, run);
			assertThat(observationsOfPatient.listed())
					.containsExactlyElementsOf(ofPatient.stream().filter(id -> id.startsWith("Observation/")).toList());
		}

		IGenericClient client = TestGateway.client(port);
		assertThat(DataQualityReports.counts(DataQualityReports.report(client)).get("ai-unreviewed")[1])
				.as("$data-quality's ai-unreviewed is the worklist's total").isEqualTo(all.total());
		assertThat(DataQualityReports.counts(DataQualityReports.report(client, "resourceType", "RiskAssessment"))
				.get("ai-unreviewed")[1]).isEqualTo(risks.total());
		assertThat(DataQualityReports.counts(DataQualityReports.report(client, "resourceType", "Observation"))
				.get("ai-unreviewed")[1]).isEqualTo(observations.total());
	}

	@Test
	void aWorklistRequestItCannotAnswerIsRefusedWithWhatToSend() throws Exception {
		for (String[] refused : new String[][] {
				{"type=NotAType", "'type' must name a resource type"},
				{"patient=Group/1", "'patient' must be a Patient"},
				{"_count=0", "_count must be between 1 and 500"},
				{"_count=501", "_count must be between 1 and 500"},
				{"cursor=bm90LWEtY3Vyc29y", "'cursor' is not a position a 'next' link gave"},
				{"patinet=Patient/1", "unknown parameter 'patinet'"}}) {
			HttpResponse<String> response = attempt("worklist: $ai-unreviewed?" + refused[0],
					() -> send("GET", "$ai-unreviewed?" + refused[0], null, null));
			assertThat(diagnostics(assertRefusal(response, 400))).contains(refused[1]);
		}
	}

	/** What the pages of one worklist request listed, following {@code next} links to the end. */
	record Worklist(List<String> listed, List<String> ofThisRun, long total) {}

	/**
	 * Every page of {@code $ai-unreviewed?<filters>_count=<pageSize>}: each page's {@code total} is the same and is
	 * what all pages list, no entry is listed twice, entries come newest first, and no page is longer than asked.
	 */
	Worklist worklist(String attempt, String filters, int pageSize, String run) throws Exception {
		String query = filters + "_count=" + pageSize;
		List<String> listed = new ArrayList<>();
		List<String> ofThisRun = new ArrayList<>();
		List<Instant> lastUpdated = new ArrayList<>();
		Set<Integer> totals = new HashSet<>();
		HttpResponse<String> response = attempt(attempt, () -> send("GET", "$ai-unreviewed?" + query, null, null));
		while (true) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			Bundle page = (Bundle) parse(response);
			assertThat(page.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
			assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(pageSize);
			totals.add(page.getTotal());
			for (Bundle.BundleEntryComponent entry : page.getEntry()) {
				Resource resource = (Resource) entry.getResource();
				listed.add(resource.getIdElement().toUnqualifiedVersionless().getValue());
				lastUpdated.add(resource.getMeta().getLastUpdated().toInstant());
				if (resource instanceof DomainResource domain && domain.getExtensionByUrl(WORKLIST_RUN) != null
						&& run.equals(domain.getExtensionByUrl(WORKLIST_RUN).getValue().primitiveValue())) {
					ofThisRun.add(listed.get(listed.size() - 1));
				}
			}
			Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
			if (next == null) {
				break;
			}
			String path = next.getUrl().substring(next.getUrl().indexOf("/fhir/") + "/fhir/".length());
			response = send("GET", path, null, null);
		}
		assertThat(totals).as("every page's total").containsExactly(listed.size());
		assertThat(listed).doesNotHaveDuplicates();
		assertThat(lastUpdated).as("newest first").isSortedAccordingTo(Comparator.reverseOrder());
		return new Worklist(listed, ofThisRun, listed.size());
	}

	/** Ids of resources created one after the other, newest first. */
	static List<String> newestFirst(Collection<String> createdInOrder) {
		List<String> ids = new ArrayList<>(createdInOrder);
		Collections.reverse(ids);
		return ids;
	}

	/** One {@code $ai-review} per resource, four at a time, each as the gateway naming the reviewer. */
	void reviewAll(List<String> ids, String reviewer) throws Exception {
		String body = json(new Parameters()
				.addParameter("reviewer", new Reference(reviewer))
				.addParameter("outcome", new CodeType("verified")));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<HttpResponse<String>>> reviews = new ArrayList<>();
			for (String id : ids) {
				reviews.add(pool.submit(() -> send("POST", id + "/$ai-review", FHIR_JSON, body)));
			}
			for (Future<HttpResponse<String>> review : reviews) {
				HttpResponse<String> response = review.get();
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			}
		} finally {
			pool.shutdownNow();
		}
	}

	String createAsGateway(Resource resource) throws Exception {
		HttpResponse<String> created = send("POST", resource.fhirType(), FHIR_JSON, json(resource));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return parse(created).getIdElement().toUnqualifiedVersionless().getValue();
	}

	static Observation worklistObservation(String run, String patient) {
		Observation observation = new Observation();
		observation.addExtension(WORKLIST_RUN, new StringType(run));
		observation.setStatus(Observation.ObservationStatus.PRELIMINARY);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		observation.setSubject(new Reference(patient));
		observation.setValue(new Quantity().setValue(72).setUnit("/min").setSystem("http://unitsofmeasure.org")
				.setCode("/min"));
		return observation;
	}

	static RiskAssessment worklistRiskAssessment(String run, String patient) {
		RiskAssessment risk = new RiskAssessment();
		risk.addExtension(WORKLIST_RUN, new StringType(run));
		risk.setStatus(RiskAssessment.RiskAssessmentStatus.PRELIMINARY);
		risk.setSubject(new Reference(patient));
		risk.addPrediction().getOutcome().setText("readmission within 30 days");
		return risk;
	}

// ==== IG packages: $aitrust-install-package

	static final String US_CORE_PATIENT = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";

	@Test
	void aGzipBombIsRefusedWithoutExpandingIt() throws Exception {
		// about 5 MB that expand to 1 GB of zeros: made by streaming, never held expanded
		byte[] bomb = NpmPackages.gzipBomb("bypass.bomb", 1L << 30);
		String body = installBody(bomb, false);
		List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP).toList();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();

		HttpResponse<String> response = attempt("IG package: gzip of a tar expanding to 1 GB",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, body));

		long peakGrowth = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() - before;
		assertThat(diagnostics(assertRefusal(response, 413)))
				.contains("expands to more than the 200MB allowed", "max-uncompressed-size");
		assertThat(peakGrowth).as("heap growth while the server read the bomb (the server runs in this JVM)")
				.isLessThan(256L << 20);
		assertPackageAbsent("bypass.bomb");
		assertStillValidatingAndStoring();
	}

	@Test
	void aPackageOfAHundredThousandEntriesIsRefused() throws Exception {
		byte[] many = NpmPackages.manyEntries("bypass.many", 100_000);

		HttpResponse<String> response = attempt("IG package: tar of 100,000 entries",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, installBody(many, false)));

		assertThat(diagnostics(assertRefusal(response, 413))).contains("more than the 20000 entries allowed", "max-entries");
		assertPackageAbsent("bypass.many");
		assertStillValidatingAndStoring();
	}

	@Test
	void aPackageSquattingUsCoreOrRedefiningItsProfilesIsRefused() throws Exception {
		// the administrator installs the real US Core 6.1.0; the attacker comes after it
		byte[] usCore = Files.readAllBytes(SharedCorpora.require("packages").resolve("hl7.fhir.us.core-6.1.0.tgz"));
		HttpResponse<String> installed = attempt("IG package: the real hl7.fhir.us.core#6.1.0, by the administrator",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, installBody(usCore, false)));
		assertThat(installed.statusCode()).as(installed.body()).isEqualTo(200);
		HttpResponse<String> again = attempt("IG package: the same hl7.fhir.us.core#6.1.0 again",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, installBody(usCore, false)));
		assertThat(((Parameters) parse(again)).getParameterBool("installed")).as("identical: nothing changes").isFalse();

		String relaxedPatient = "{\"resourceType\":\"StructureDefinition\",\"id\":\"us-core-patient\",\"url\":\""
				+ US_CORE_PATIENT + "\",\"version\":\"6.1.0\",\"name\":\"USCorePatientProfile\",\"status\":\"active\","
				+ "\"kind\":\"resource\",\"abstract\":false,\"type\":\"Patient\",\"baseDefinition\":"
				+ "\"http://hl7.org/fhir/StructureDefinition/Patient\",\"derivation\":\"constraint\"}";
		byte[] squatter = NpmPackages.of("hl7.fhir.us.core", "6.1.0",
				Map.of("StructureDefinition-us-core-patient.json", relaxedPatient));
		HttpResponse<String> squatting = attempt("IG package: other content claiming hl7.fhir.us.core#6.1.0",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, installBody(squatter, true)));
		assertThat(diagnostics(assertRefusal(squatting, 409))).contains("hl7.fhir.us.core#6.1.0 is already active");

		byte[] redefining = NpmPackages.of("bypass.relaxed", "1.0.0",
				Map.of("StructureDefinition-us-core-patient.json", relaxedPatient));
		HttpResponse<String> redefined = attempt("IG package: bypass.relaxed redefining the US Core Patient profile",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, installBody(redefining, false)));
		assertThat(diagnostics(assertRefusal(redefined, 409)))
				.contains(US_CORE_PATIENT + " (defined by hl7.fhir.us.core#6.1.0)", "replace=true");
		assertPackageAbsent("bypass.relaxed");

		assertThat(jdbc().queryForList("SELECT PACKAGE_VERSION FROM AITRUST_IG_PACKAGE WHERE PACKAGE_NAME = ?",
				String.class, "hl7.fhir.us.core")).as("one US Core stored, the real one").containsExactly("6.1.0");
		assertThat(jdbc().queryForObject("SELECT CONTENT FROM AITRUST_IG_PACKAGE WHERE PACKAGE_NAME = ?",
				byte[].class, "hl7.fhir.us.core")).isEqualTo(usCore);
		// US Core's own profile is still in force: a Patient claiming it without identifier, name or gender fails it
		Patient bare = new Patient();
		bare.getMeta().addProfile(US_CORE_PATIENT);
		OperationOutcome verdict = (OperationOutcome) parse(send("POST", "Patient/$validate", FHIR_JSON, json(bare)));
		assertThat(verdict.getIssue()).filteredOn(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
				.extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
				.anySatisfy(message -> assertThat(message).contains("Patient.identifier"));
		assertStillValidatingAndStoring();
	}

	static String installBody(byte[] tgz, boolean replace) {
		Parameters install = new Parameters();
		install.addParameter().setName("package").setValue(new Base64BinaryType(tgz));
		if (replace) {
			install.addParameter().setName("replace").setValue(new BooleanType(true));
		}
		return json(install);
	}

	/** Not active ({@code $aitrust-packages}) and not stored. */
	void assertPackageAbsent(String name) throws Exception {
		HttpResponse<String> active = send("GET", IgPackageProvider.PACKAGES, null, null);
		assertThat(active.statusCode()).isEqualTo(200);
		assertThat(((Parameters) parse(active)).getParameters("package")).extracting(p -> p.getPart().stream()
				.filter(part -> part.getName().equals("name")).findFirst().orElseThrow().getValue().primitiveValue())
				.isNotEmpty().doesNotContain(name);
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM AITRUST_IG_PACKAGE WHERE PACKAGE_NAME = ?", Long.class, name))
				.isZero();
	}

	/** After a refused package the server still validates ({@code $validate}) and stores a write. */
	void assertStillValidatingAndStoring() throws Exception {
		Patient patient = new Patient();
		patient.addName().setFamily("AfterPackageRefusal");
		HttpResponse<String> validated = send("POST", "Patient/$validate", FHIR_JSON, json(patient));
		assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
		assertThat(parse(validated)).isInstanceOf(OperationOutcome.class);
		HttpResponse<String> created = send("POST", "Patient", FHIR_JSON, json(patient));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

// ==== small-cell suppression in $ai-oversight

	/** The model of {@link #AI_AGENT}, as $ai-oversight names it. */
	static final String SUPPRESSION_MODEL = "BypassScribe|1.0";

	@Test
	void onePatientWithElevenAiWritesIsMaskedInTheStrata() throws Exception {
		String patient = suppressionPatient("1931-05-01", "other");
		String reviewer = created(send("POST", "Practitioner", FHIR_JSON,
				json(new Practitioner().addName(new HumanName().setFamily("Suppression")))));
		for (int i = 0; i < 11; i++) {
			String write = created(sendAsAi("POST", "Observation", json(suppressionVital(patient, 60 + i))));
			Parameters review = new Parameters();
			review.addParameter().setName("reviewer").setValue(new Reference(reviewer));
			review.addParameter().setName("outcome").setValue(new CodeType("verified"));
			assertThat(send("POST", write + "/$ai-review", FHIR_JSON, json(review)).statusCode()).isEqualTo(200);
		}
		LocalDate monday = UtcDays.of(java.time.Instant.now()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

		HttpResponse<String> response = attempt("$ai-oversight: one patient's 11 reviewed AI writes in a stratum",
				() -> send("GET", "$ai-oversight?model=" + SUPPRESSION_MODEL.replace("|", "%7C") + "&start=" + monday
						+ "&end=" + monday, null, null, "Accept", FHIR_JSON));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		MeasureReport report = (MeasureReport) ((Bundle) parse(response)).getEntryFirstRep().getResource();
		List<Long> keyed = jdbc().query("SELECT COUNT(*), COUNT(DISTINCT PATIENT_KEY) FROM AITRUST_QUALITY_REVIEW"
				+ " WHERE PATIENT_KEY = ?", (rs, row) -> List.of(rs.getLong(1), rs.getLong(2)),
				PatientStrata.keyOf(patient)).get(0);
		assertThat(keyed).as("11 reviews kept under one pseudonymous key").containsExactly(11L, 1L);
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM AITRUST_QUALITY_REVIEW WHERE PATIENT_KEY LIKE ?",
				Long.class, "%" + new IdType(patient).getIdPart() + "%")).as("no patient id in clear").isZero();
		for (String dimension : List.of("age-band", "gender")) {
			String value = dimension.equals("age-band") ? "65+" : "other";
			for (MeasureReport.MeasureReportGroupStratifierComponent stratifier :
					suppressionStratifiers(report, "review-corrected", dimension)) {
				stratifier.getStratum().stream().filter(stratum -> value.equals(stratum.getValue().getText()))
						.forEach(stratum -> assertThat(stratum.getPopulation()).as(dimension + " " + value
								+ ": 11 reviews but one patient").allSatisfy(population -> assertThat(
								population.getCountElement().getExtensionByUrl(OversightReportBuilder.DATA_ABSENT_REASON))
								.isNotNull()));
			}
		}
		assertMaskedCellsAddUpToTheThreshold(report);
	}

	@Test
	void twoQueriesWhoseEndDiffersByADayDoNotRevealThatDaysCount() throws Exception {
		String patient = suppressionPatient("2015-03-01", "female");
		for (int i = 0; i < 3; i++) {
			created(sendAsAi("POST", "Observation", json(suppressionVital(patient, 70 + i))));
		}
		LocalDate monday = UtcDays.of(java.time.Instant.now()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

		MeasureReport untilToday = suppressionReport("$ai-oversight: start Monday, end Wednesday", monday,
				monday.plusDays(2));
		MeasureReport untilYesterday = suppressionReport("$ai-oversight: start Monday, end Tuesday", monday,
				monday.plusDays(1));
		MeasureReport weekBefore = suppressionReport("$ai-oversight: the week before, ending the Sunday before",
				monday.minusDays(7), monday.minusDays(1));
		MeasureReport twoWeeks = suppressionReport("$ai-oversight: the week before and this week, ending Monday",
				monday.minusDays(7), monday);

		assertThat(untilToday.getPeriod().getStartElement().getValueAsString()).startsWith(monday.toString());
		assertThat(untilToday.getPeriod().getEndElement().getValueAsString()).startsWith(monday.plusDays(6).toString());
		assertThat(groups(untilYesterday)).as("both widen to the same calendar week: nothing to subtract")
				.isEqualTo(groups(untilToday));
		assertThat(weekBefore.getPeriod().getEndElement().getValueAsString()).startsWith(monday.minusDays(1).toString());
		assertThat(twoWeeks.getPeriod().getEndElement().getValueAsString()).startsWith(monday.plusDays(6).toString());
		// ends a day apart across a week boundary: the two reports differ by a whole week, and every stratifier of a
		// week is the same in both, so subtracting them gives only what the week's own strata show
		for (MeasureReport.MeasureReportGroupStratifierComponent stratifier : weekStrata(twoWeeks)) {
			String week = ((org.hl7.fhir.r4.model.Period) stratifier.getExtensionByUrl(
					OversightReportBuilder.EXTENSION_WINDOW).getValue()).getStartElement().getValueAsString();
			MeasureReport alone = week.startsWith(monday.toString()) ? untilToday : weekBefore;
			assertThat(weekStrata(alone).stream().map(BypassAttemptsIT::json).toList()).as(week)
					.contains(json(stratifier));
		}
		assertMaskedCellsAddUpToTheThreshold(untilToday);
	}

	@Test
	void twoSmallCellsCannotBeRecoveredFromTheTotal() throws Exception {
		String reviewer = created(send("POST", "Practitioner", FHIR_JSON,
				json(new Practitioner().addName(new HumanName().setFamily("Suppression")))));
		for (String[] cell : List.of(new String[] {"2012-01-01", "male"}, new String[] {"1950-01-01", "unknown"})) {
			String patient = suppressionPatient(cell[0], cell[1]);
			for (int i = 0; i < 2; i++) {
				String write = created(sendAsAi("POST", "Observation", json(suppressionVital(patient, 80 + i))));
				Parameters review = new Parameters();
				review.addParameter().setName("reviewer").setValue(new Reference(reviewer));
				review.addParameter().setName("outcome").setValue(new CodeType("rejected"));
				assertThat(send("POST", write + "/$ai-review", FHIR_JSON, json(review)).statusCode()).isEqualTo(200);
			}
		}
		LocalDate monday = UtcDays.of(java.time.Instant.now()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

		MeasureReport report = suppressionReport("$ai-oversight: two small strata beside the model's total", monday,
				monday);

		assertMaskedCellsAddUpToTheThreshold(report);
	}

	@Test
	void aPeriodLongerThanTheLimitIsRefusedNamingTheProperty() throws Exception {
		HttpResponse<String> response = attempt("$ai-oversight: 730 days at once", () -> send("GET",
				"$ai-oversight?start=2025-01-01&end=2026-12-31", null, null, "Accept", FHIR_JSON));

		OperationOutcome outcome = assertRefusal(response, 400);
		assertThat(diagnostics(outcome)).contains("730 days", "at most 400 days", "aitrust.oversight.max-report-days");
	}

	/** A Patient of this age and gender, created by the gateway (not the AI agent); its versionless reference. */
	String suppressionPatient(String birthDate, String gender) throws Exception {
		Patient patient = new Patient();
		patient.addName().setFamily("Suppression");
		patient.setBirthDateElement(new DateType(birthDate));
		patient.setGender(Enumerations.AdministrativeGender.fromCode(gender));
		return created(send("POST", "Patient", FHIR_JSON, json(patient)));
	}

	static Observation suppressionVital(String patient, int value) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		observation.setSubject(new Reference(patient));
		observation.setEffective(new DateTimeType("2026-11-01T10:00:00Z"));
		observation.setValue(new Quantity().setValue(value).setUnit("/min").setSystem("http://unitsofmeasure.org")
				.setCode("/min"));
		return observation;
	}

	/** The versionless reference of what a 201 created. */
	static String created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return new IdType(response.headers().firstValue("Location").orElseThrow()).toUnqualifiedVersionless().getValue();
	}

	MeasureReport suppressionReport(String attempt, LocalDate start, LocalDate end) throws Exception {
		HttpResponse<String> response = attempt(attempt, () -> send("GET", "$ai-oversight?model="
				+ SUPPRESSION_MODEL.replace("|", "%7C") + "&start=" + start + "&end=" + end, null, null, "Accept", FHIR_JSON));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (MeasureReport) ((Bundle) parse(response)).getEntryFirstRep().getResource();
	}

	static List<MeasureReport.MeasureReportGroupStratifierComponent> weekStrata(MeasureReport report) {
		return report.getGroup().stream().flatMap(g -> g.getStratifier().stream())
				.filter(s -> s.getExtensionByUrl(OversightReportBuilder.EXTENSION_WINDOW) != null).toList();
	}

	static String json(MeasureReport.MeasureReportGroupStratifierComponent stratifier) {
		MeasureReport holder = new MeasureReport();
		holder.addGroup().addStratifier(stratifier.copy());
		return json(holder);
	}

	/** Every figure of a report, without the time it was made. */
	static String groups(MeasureReport report) {
		MeasureReport figures = report.copy();
		figures.setDateElement(null);
		return json(figures);
	}

	static List<MeasureReport.MeasureReportGroupStratifierComponent> suppressionStratifiers(MeasureReport report,
			String group, String dimension) {
		return report.getGroup().stream().filter(g -> group.equals(g.getCode().getCodingFirstRep().getCode()))
				.flatMap(g -> g.getStratifier().stream())
				.filter(s -> dimension.equals(s.getCodeFirstRep().getCodingFirstRep().getCode())).toList();
	}

	/**
	 * What a reader can subtract in a one-week report: the group's count (the model's, that week) minus a
	 * stratifier's shown cells is the sum of its masked cells, which must be at least the threshold (11), unless every
	 * cell is masked or none is listed.
	 */
	static void assertMaskedCellsAddUpToTheThreshold(MeasureReport report) {
		for (MeasureReport.MeasureReportGroupComponent group : report.getGroup()) {
			for (MeasureReport.MeasureReportGroupStratifierComponent stratifier : group.getStratifier()) {
				if (stratifier.getExtensionByUrl(OversightReportBuilder.EXTENSION_WINDOW) == null) {
					continue;
				}
				for (MeasureReport.MeasureReportGroupPopulationComponent total : group.getPopulation()) {
					String code = total.getCode().getCodingFirstRep().getCode();
					List<IntegerType> cells = stratifier.getStratum().stream().flatMap(s -> s.getPopulation().stream())
							.filter(p -> code.equals(p.getCode().getCodingFirstRep().getCode()))
							.map(MeasureReport.StratifierGroupPopulationComponent::getCountElement).toList();
					long shown = cells.stream().filter(c -> c.getValue() != null).mapToLong(IntegerType::getValue).sum();
					boolean someMasked = cells.stream().anyMatch(c -> c.getValue() == null);
					boolean someShown = cells.stream().anyMatch(c -> c.getValue() != null);
					if (someMasked && someShown && cells.size() > 1) {
						assertThat(total.getCount() - shown).as(group.getCode().getCodingFirstRep().getCode() + " "
								+ stratifier.getCodeFirstRep().getCodingFirstRep().getCode() + " " + code
								+ ": total minus shown cells").isGreaterThanOrEqualTo(11);
					}
				}
			}
		}
	}

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
		return FhirResponses.send(http, uri(path), TIMEOUT, method, contentType, body, headers);
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
		return FhirResponses.parse(response);
	}

	/** The status, and a body that is an OperationOutcome with at least one error (or fatal) issue. */
	static OperationOutcome assertRefusal(HttpResponse<String> response, int status) {
		return FhirResponses.assertOperationOutcome(response, status);
	}

	static String diagnostics(OperationOutcome outcome) {
		return FhirResponses.diagnostics(outcome);
	}
}
