package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.aitrust.interceptor.provenance.AiDeviceRegistry;
import org.aitrust.provenance.AiModel;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.aitrust.testsupport.NpmPackages;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter's audit (on by default there): each audited action leaves the IHE BALP AuditEvent it should in the
 * server, with the AI agent and the human where the BALP profiles place them, and clients cannot forge or remove one.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.provenance.agents[0].id=ai-scribe",
			"aitrust.provenance.agents[0].model-name=ClinicalScribe",
			"aitrust.provenance.agents[0].model-version=3.1",
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs"
		})
@IsolatedDatabase
class BalpAuditIT {

	private static final FhirContext FHIR = FhirTestClients.fhirContext();
	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final String SCRIBE_SECRET = UUID.randomUUID().toString();
	private static final String CLIENTS = "http://fhir-aitrust.org/NamingSystem/client";
	private static final String CLIENT_TYPE = BalpProfileEnum.BASIC_CREATE.getAgentClientTypeCoding().getCode();
	private static final String SERVER_TYPE = BalpProfileEnum.BASIC_CREATE.getAgentServerTypeCoding().getCode();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void secrets(DynamicPropertyRegistry registry) {
		registry.add("aitrust.server.issuer.clients.ai-scribe.secret", () -> SCRIBE_SECRET);
	}

	@Test
	void anAiWriteIsAPatientCreateWhoseClientIsTheAiDeviceAndWhoseUserIsTheAgentItself() throws Exception {
		IGenericClient gateway = TestGateway.client(port);
		String patient = gateway.create().resource(new Patient().addName(new org.hl7.fhir.r4.model.HumanName()
				.setFamily("Audit"))).execute().getId().toUnqualifiedVersionless().getValue();
		String scribe = TestGateway.clientToken(port, "ai-scribe", SCRIBE_SECRET, "system/*.cruds");

		HttpResponse<String> written = send("POST", "Observation", scribe, observation(patient));
		assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
		String observation = FHIR.newJsonParser().parseResource(Observation.class, written.body()).getIdElement()
				.toUnqualifiedVersionless().getValue();

		AuditEvent event = single(entityNamed(observation));
		assertThat(profileOf(event)).isEqualTo(BalpProfileEnum.PATIENT_CREATE.getProfileUrl());
		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("create");
		AuditEvent.AuditEventAgentComponent client = agentOfType(event, CLIENT_TYPE);
		assertThat(client.getWho().getReference()).endsWith(AiDeviceRegistry.deviceIdOf(
				new AiModel("ClinicalScribe", "3.1", "Example AI Labs")).getValue());
		assertThat(client.getWho().getIdentifier().getValue()).isEqualTo("ai-scribe");
		assertThat(client.getRequestor()).isFalse();
		AuditEvent.AuditEventAgentComponent user = requestor(event);
		assertThat(user.getWho().getIdentifier().getSystem()).isEqualTo(CLIENTS);
		assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("ai-scribe");
		assertThat(agentOfType(event, SERVER_TYPE).getWho().getDisplay()).endsWith("/fhir");
		assertThat(event.getEntity()).anySatisfy(entity -> {
			assertThat(entity.getRole().getCode()).isEqualTo("1");
			assertThat(entity.getWhat().getReference()).isEqualTo(patient);
		});
	}

	@Test
	void aReviewIsACreateOfTheReviewProvenanceWhoseUserIsTheClinician() throws Exception {
		IGenericClient gateway = TestGateway.client(port);
		gateway.update().resource(new Practitioner().setId("Practitioner/" + TestGateway.REVIEWER)).execute();
		String scribe = TestGateway.clientToken(port, "ai-scribe", SCRIBE_SECRET, "system/*.cruds");
		HttpResponse<String> written = send("POST", "Observation", scribe, observation(null));
		String target = FHIR.newJsonParser().parseResource(Observation.class, written.body()).getIdElement()
				.toUnqualifiedVersionless().getValue();
		String reviewer = new BrowserSignIn(port).signIn(TestGateway.REVIEWER, TestGateway.reviewerPassword(),
				"user/*.rs aitrust/review").path("access_token").asText();
		Parameters review = new Parameters();
		review.addParameter().setName("outcome").setValue(new CodeType("verified"));

		HttpResponse<String> reviewed = send("POST", target + "/$ai-review", reviewer, review);
		assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
		String provenance = FHIR.newJsonParser().parseResource(Provenance.class, reviewed.body()).getIdElement()
				.toUnqualifiedVersionless().getValue();

		AuditEvent event = single(entityNamed(provenance));
		// A Create, not a PatientCreate naming the reviewed Observation as the patient (HAPI's compartment lookup for
		// Provenance takes every target for one).
		assertThat(profileOf(event)).isEqualTo(BalpProfileEnum.BASIC_CREATE.getProfileUrl());
		assertThat(event.getEntity()).noneMatch(entity -> "1".equals(entity.getRole().getCode()));
		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
		assertThat(requestor(event).getWho().getReference()).isEqualTo("Practitioner/" + TestGateway.REVIEWER);
		assertThat(agentOfType(event, CLIENT_TYPE).getWho().getIdentifier().getValue()).isEqualTo("aitrust-dashboard");
	}

	@Test
	void reportReadsAreQueriesAndAPatientsWorklistAPatientQuery() throws Exception {
		String gateway = TestGateway.token(port);
		String patient = "Patient/" + UUID.randomUUID();

		for (String read : List.of("$data-quality", "$ai-oversight", "$ai-unreviewed?patient=" + patient)) {
			HttpResponse<String> answer = send("GET", read, gateway, null);
			assertThat(answer.statusCode()).as(read + ": " + answer.body()).isEqualTo(200);
		}

		for (String operation : List.of("$data-quality", "$ai-oversight")) {
			AuditEvent event = single(queryOf(operation));
			assertThat(profileOf(event)).isEqualTo(BalpProfileEnum.BASIC_QUERY.getProfileUrl());
			assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
			assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("operation");
			assertThat(agentOfType(event, BalpProfileEnum.BASIC_QUERY.getAgentClientTypeCoding().getCode())
					.getWho().getIdentifier().getValue()).isEqualTo(TestGateway.CLIENT_ID);
			assertThat(requestor(event).getWho().getIdentifier().getValue()).isEqualTo(TestGateway.CLIENT_ID);
		}
		AuditEvent worklist = single(queryOf("$ai-unreviewed"));
		assertThat(profileOf(worklist)).isEqualTo(BalpProfileEnum.PATIENT_QUERY.getProfileUrl());
		assertThat(worklist.getEntity()).anySatisfy(entity -> {
			assertThat(entity.getRole().getCode()).isEqualTo("1");
			assertThat(entity.getWhat().getReference()).isEqualTo(patient);
		});
	}

	@Test
	void aPackageInstallIsACreateOfThePackage() throws Exception {
		String name = "aitrust.test.audit" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
		byte[] tgz = NpmPackages.of(name, "1.0.0", Map.of());
		Parameters install = new Parameters();
		install.addParameter().setName("package").setValue(new Base64BinaryType(tgz));

		HttpResponse<String> installed = send("POST", "$aitrust-install-package", TestGateway.token(port), install);
		assertThat(installed.statusCode()).as(installed.body()).isEqualTo(200);

		AuditEvent event = single(e -> e.getEntity().stream()
				.anyMatch(entity -> (name + "#1.0.0").equals(entity.getWhat().getIdentifier().getValue())));
		assertThat(profileOf(event)).isEqualTo(BalpProfileEnum.BASIC_CREATE.getProfileUrl());
		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
		assertThat(requestor(event).getWho().getIdentifier().getValue()).isEqualTo(TestGateway.CLIENT_ID);
	}

	/** $aitrust-rollup deletes rows past retention: administrators only, and audited as an update of the store. */
	@Test
	void aRollupRunIsAnAdministratorsUpdateOfTheQualityStore() throws Exception {
		Parameters empty = new Parameters();
		String scribe = TestGateway.clientToken(port, "ai-scribe", SCRIBE_SECRET, "system/*.cruds");
		HttpResponse<String> refused = send("POST", "$aitrust-rollup", scribe, empty);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);

		HttpResponse<String> run = send("POST", "$aitrust-rollup", TestGateway.token(port), empty);

		assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
		Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, run.body());
		assertThat(answer.getParameterBool("ran")).isTrue();
		assertThat(answer.getParameter("days-rolled-up")).isNotNull();
		assertThat(answer.getParameter("raw-rows-deleted")).isNotNull();
		AuditEvent event = single(e -> e.getEntity().stream()
				.anyMatch(entity -> "$aitrust-rollup".equals(entity.getDescription())));
		assertThat(profileOf(event)).isEqualTo(BalpProfileEnum.BASIC_UPDATE.getProfileUrl());
		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.U);
		assertThat(requestor(event).getWho().getIdentifier().getValue()).isEqualTo(TestGateway.CLIENT_ID);
	}

	@Test
	void noClientMayWriteChangeOrDeleteAnAuditEventWhateverItsScopes() throws Exception {
		String gateway = TestGateway.token(port);
		send("GET", "$data-quality", gateway, null);
		AuditEvent stored = auditEvents().get(0);
		String id = stored.getIdElement().toUnqualifiedVersionless().getValue();
		AuditEvent forged = stored.copy();
		forged.setId((String) null);
		forged.getAgentFirstRep().getWho().setDisplay("someone else");

		assertThat(send("POST", "AuditEvent", gateway, forged).statusCode()).isEqualTo(403);
		forged.setId(id);
		assertThat(send("PUT", id, gateway, forged).statusCode()).isEqualTo(403);
		assertThat(send("DELETE", id, gateway, null).statusCode()).isEqualTo(403);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		forged.setId((String) null);
		transaction.addEntry().setResource(forged).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("AuditEvent");
		assertThat(send("POST", "", gateway, transaction).statusCode()).isEqualTo(403);
		Parameters meta = new Parameters();
		meta.addParameter().setName("meta").setValue(new org.hl7.fhir.r4.model.Meta()
				.addTag(new Coding("urn:test", "hidden", null)));
		assertThat(send("POST", id + "/$meta-add", gateway, meta).statusCode()).isEqualTo(403);

		AuditEvent after = TestGateway.client(port).read().resource(AuditEvent.class).withId(id).execute();
		assertThat(after.getMeta().getVersionId()).isEqualTo(stored.getMeta().getVersionId());
	}

	// ---- helpers ---------------------------------------------------------------------------------------

	/**
	 * The event whose data entity is a version of the resource. The server stores absolute references (as BALP does)
	 * and HAPI writes those to its own base relative in its answers, so both forms are accepted.
	 */
	private static Predicate<AuditEvent> entityNamed(String relativeId) {
		java.util.regex.Pattern version = java.util.regex.Pattern.compile(
				"(^|/)" + java.util.regex.Pattern.quote(relativeId) + "/_history/\\d+$");
		return event -> event.getEntity().stream().anyMatch(entity -> "4".equals(entity.getRole().getCode())
				&& entity.getWhat().getReference() != null
				&& version.matcher(entity.getWhat().getReference()).find());
	}

	private static Predicate<AuditEvent> queryOf(String operation) {
		return event -> event.getEntity().stream().anyMatch(entity -> "24".equals(entity.getRole().getCode())
				&& entity.hasQuery()
				&& new String(entity.getQuery(), StandardCharsets.UTF_8).contains("/fhir/" + operation));
	}

	private AuditEvent single(Predicate<AuditEvent> which) {
		List<AuditEvent> matching = auditEvents().stream().filter(which).toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

	/** Every stored AuditEvent (reading them is audited too, which adds events these tests do not look for). */
	private List<AuditEvent> auditEvents() {
		IGenericClient client = TestGateway.client(port);
		List<AuditEvent> events = new ArrayList<>();
		// no-cache: HAPI reuses an identical search's results for a minute, which would hide the newest events
		Bundle page = client.search().forResource(AuditEvent.class).count(500).returnBundle(Bundle.class)
				.cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true)).execute();
		while (page != null) {
			page.getEntry().forEach(entry -> events.add((AuditEvent) entry.getResource()));
			page = page.getLink(Bundle.LINK_NEXT) == null ? null : client.loadPage().next(page).execute();
		}
		return events;
	}

	private static String profileOf(AuditEvent event) {
		return event.getMeta().getProfile().get(0).getValue();
	}

	private static AuditEvent.AuditEventAgentComponent agentOfType(AuditEvent event, String code) {
		return event.getAgent().stream()
				.filter(agent -> agent.getType().getCoding().stream().anyMatch(c -> code.equals(c.getCode())))
				.findFirst().orElseThrow(() -> new AssertionError("no agent of type " + code));
	}

	private static AuditEvent.AuditEventAgentComponent requestor(AuditEvent event) {
		return event.getAgent().stream().filter(AuditEvent.AuditEventAgentComponent::getRequestor)
				.findFirst().orElseThrow(() -> new AssertionError("no requestor agent"));
	}

	private static Observation observation(String patient) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("urn:test").setCode(UUID.randomUUID().toString());
		if (patient != null) {
			observation.setSubject(new Reference(patient));
		}
		return observation;
	}

	private HttpResponse<String> send(String method, String path, String token, IBaseResource body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/" + path))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "application/fhir+json");
		if (body != null) {
			request.header("Content-Type", "application/fhir+json")
					.method(method, HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(body)));
		} else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
