package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.aitrust.server.AiWrites.clientDevice;
import static org.aitrust.server.AiWrites.labelled;
import static org.aitrust.server.AiWrites.observation;
import static org.aitrust.server.AiWrites.practitioner;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.aitrust.provenance.AiModel;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The module's records are evidence only the module writes: clients cannot create, change or delete its Devices and
 * model cards (nor take their ids first), cannot make an AI write arrive already reviewed, and a Provenance they write
 * with a verifier is not a review. The module's records are written with the system's authority, so a host's
 * {@code AuthorizationInterceptor} need not let AI clients create Provenance.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.provenance.enabled=true",
			"aitrust.quality.enabled=true",
			"aitrust.provenance.agents[0].id=scribe",
			"aitrust.provenance.agents[0].model-name=IntegrityScribe",
			"aitrust.provenance.agents[0].model-version=2.0",
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs",
			"aitrust.provenance.agents[0].model-card-url=https://models.example.org/integrity/2.0/card.md",
			"aitrust.provenance.agents[1].id=late-bot",
			"aitrust.provenance.agents[1].model-name=LateBot",
			"aitrust.provenance.agents[1].model-version=1.0",
			"aitrust.provenance.agents[1].manufacturer=Example AI Labs",
			"aitrust.provenance.agents[2].id=guarded-bot",
			"aitrust.provenance.agents[2].model-name=GuardedBot",
			"aitrust.provenance.agents[2].model-version=1.0",
			"aitrust.provenance.agents[2].manufacturer=Example AI Labs"
		})
@IsolatedDatabase
class ModuleRecordIntegrityIT {

	static final String AGENT_HEADER = "X-AI-Agent";
	static final String PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

	@LocalServerPort
	int port;

	@Autowired
	RestfulServer restfulServer;

	IGenericClient client;

	@BeforeEach
	void connect() {
		client = TestGateway.client(port);
	}

	// ---- Devices and model cards ------------------------------------------------------------------------

	@Test
	void aClientCannotUpdateDeleteOrForgeTheModulesDeviceOrModelCard() {
		IdType write = create(observation("device-integrity"), "scribe");
		Device device = client.read().resource(Device.class).withId(aiAgentOf(aiProvenanceOf(write))).execute();
		DocumentReference card = client.read().resource(DocumentReference.class)
				.withId(((Reference) device.getExtensionByUrl(AiTransparency.EXTENSION_MODEL_CARD_DESCRIPTION).getValue())
						.getReference())
				.execute();
		assertThat(device.getIdElement().getIdPart()).startsWith("ai-model-");
		assertThat(device.getMeta().getTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_MODULE_WRITTEN))
				.isNotNull();
		assertThat(card.getMeta().getTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_MODULE_WRITTEN))
				.isNotNull();

		for (IBaseResource record : List.<IBaseResource>of(device, card)) {
			IIdType id = record.getIdElement().toUnqualifiedVersionless();
			IBaseResource changed = changedCopyOf(record);
			IBaseResource forged = changedCopyOf(record);
			forged.setId((String) null);

			assertForbidden(id + " PUT", () -> client.update().resource(changed).withId(id).execute());
			assertForbidden(id + " DELETE", () -> client.delete().resourceById(id).execute());
			assertForbidden(id + " POST of a copy", () -> client.create().resource(forged).execute());
			assertForbidden(id + " PATCH", () -> client.patch()
					.withBody("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"entered-in-error\"}]")
					.withId(id).execute());

			IBaseResource after = client.read().resource(record.getClass()).withId(id)
					.cacheControl(CacheControlDirective.noCache()).execute();
			assertThat(after.getIdElement().getVersionIdPart()).as(id.getValue())
					.isEqualTo(record.getIdElement().getVersionIdPart());
		}
		assertThat(client.read().resource(Device.class).withId(device.getIdElement().toUnqualifiedVersionless())
				.execute().getStatus()).isEqualTo(Device.FHIRDeviceStatus.ACTIVE);
	}

	@Test
	void aClientCannotTakeTheIdOfAModelsDeviceBeforeTheModuleFirstUsesIt() throws Exception {
		String deviceId = "ai-model-" + hashOf(new AiModel("LateBot", "1.0", "Example AI Labs"));
		Device squatter = new Device();
		squatter.setId("Device/" + deviceId);
		squatter.addDeviceName().setName("Not LateBot").setType(Device.DeviceNameType.MODELNAME);
		DocumentReference cardSquatter = new DocumentReference();
		cardSquatter.setId("DocumentReference/ai-model-card-" + hashOf(new AiModel("LateBot", "1.0", "Example AI Labs")));
		cardSquatter.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT);
		cardSquatter.addContent().getAttachment().setUrl("https://attacker.example.org/card.md");

		assertForbidden("PUT Device/" + deviceId, () -> client.update().resource(squatter).execute());
		assertForbidden("PUT a model card id", () -> client.update().resource(cardSquatter).execute());
		assertThatThrownBy(() -> client.read().resource(Device.class).withId(deviceId).execute())
				.isInstanceOf(ResourceNotFoundException.class);

		IdType write = create(observation("late"), "late-bot");

		assertThat(aiAgentOf(aiProvenanceOf(write))).isEqualTo("Device/" + deviceId);
		Device device = client.read().resource(Device.class).withId(deviceId).execute();
		assertThat(device.getDeviceNameFirstRep().getName()).isEqualTo("LateBot");
	}

	@Test
	void aClientDeviceNamingTheModulesModelIdentifierIsRefused() {
		Device forged = new Device();
		forged.addIdentifier().setSystem(AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL).setValue("IntegrityScribe|2.0");
		forged.addDeviceName().setName("IntegrityScribe").setType(Device.DeviceNameType.MODELNAME);

		assertForbidden("POST of a Device with the module's identifier", () -> client.create().resource(forged).execute());
	}

	// ---- reviews -----------------------------------------------------------------------------------------

	@Test
	void anXProvenanceNamingAVerifierIsRefusedWith400AndNothingIsStored() {
		IIdType device = client.create().resource(clientDevice("HeaderVerifier")).execute().getId().toUnqualifiedVersionless();
		IIdType practitioner = client.create().resource(practitioner()).execute().getId().toUnqualifiedVersionless();
		for (String type : List.of("verifier", "enterer")) {
			String header = "{\"resourceType\":\"Provenance\",\"agent\":["
					+ "{\"type\":{\"coding\":[{\"system\":\"" + PARTICIPANT + "\",\"code\":\"author\"}]},"
					+ "\"who\":{\"reference\":\"" + device.getValue() + "\"}},"
					+ "{\"type\":{\"coding\":[{\"system\":\"" + PARTICIPANT + "\",\"code\":\"" + type + "\"}]},"
					+ "\"who\":{\"reference\":\"" + practitioner.getValue() + "\"}}]}";
			String marker = UUID.randomUUID().toString();
			Observation observation = observation("already-reviewed");
			observation.addIdentifier().setSystem("urn:test:integrity").setValue(marker);

			assertThatThrownBy(() -> client.create().resource(observation).withAdditionalHeader("X-Provenance", header).execute())
					.as(type)
					.isInstanceOfSatisfying(InvalidRequestException.class, e -> {
						assertThat(e.getStatusCode()).isEqualTo(400);
						assertThat(diagnosticsOf(e)).contains(type);
					});
			Bundle found = client.search().forResource(Observation.class)
					.where(Observation.IDENTIFIER.exactly().systemAndCode("urn:test:integrity", marker))
					.returnBundle(Bundle.class).cacheControl(CacheControlDirective.noCache()).execute();
			assertThat(found.getEntry()).as(type).isEmpty();
		}
	}

	@Test
	void aProvenanceAClientWritesWithAVerifierIsNotAReview() {
		String source = "integrity-" + UUID.randomUUID().toString().substring(0, 8);
		IdType write = create(labelled(observation("client-verifier")), source);
		IIdType practitioner = client.create().resource(practitioner()).execute().getId().toUnqualifiedVersionless();
		Provenance claim = new Provenance();
		claim.addTarget(new Reference(write.toUnqualified().getValue()));
		claim.setRecordedElement(new org.hl7.fhir.r4.model.InstantType(new java.util.Date()));
		claim.addAgent().setWho(new Reference(practitioner.getValue()))
				.getType().addCoding().setSystem(PARTICIPANT).setCode("verifier");

		IIdType stored = client.create().resource(claim).execute().getId();
		org.hl7.fhir.r4.model.Meta reservedTag = new org.hl7.fhir.r4.model.Meta();
		reservedTag.addTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_MODULE_WRITTEN, null);

		assertForbidden("$meta-add of the module's tag", () -> client.meta().add()
				.onResource(stored.toUnqualifiedVersionless()).meta(reservedTag).execute());
		assertThat(client.read().resource(Provenance.class).withId(stored.toUnqualifiedVersionless())
				.cacheControl(CacheControlDirective.noCache()).execute().getMeta().getTag()).isEmpty();
		assertThat(unreviewedObservationIds()).contains(write.toUnqualifiedVersionless().getValue());
		assertThat(DataQualityReports.counts(DataQualityReports.report(client, "source", source)).get("ai-reviewed"))
				.as("{denominator, numerator}").containsExactly(1, 0);
	}

	// ---- a host's AuthorizationInterceptor -----------------------------------------------------------------

	@Test
	void anAiClientAllowedToCreateObservationsButNotProvenanceStillGetsItsAiProvenance() {
		AuthorizationInterceptor authorization = new AuthorizationInterceptor() {
			@Override
			public List<IAuthRule> buildRuleList(RequestDetails request) {
				return new RuleBuilder()
						.allow("AI clients write Observations").create().resourcesOfType(Observation.class).withAnyId().andThen()
						.allow("everyone reads").read().allResources().withAnyId().andThen()
						.denyAll("nothing else")
						.build();
			}
		};
		restfulServer.registerInterceptor(authorization);
		IdType write;
		try {
			assertForbidden("a Provenance the rules do not allow", () -> client.create().resource(new Provenance()
					.addTarget(new Reference("Observation/any"))).execute());

			write = create(observation("authorized"), "guarded-bot");
		} finally {
			restfulServer.unregisterInterceptor(authorization);
		}

		Provenance provenance = aiProvenanceOf(write);
		assertThat(provenance.getTargetFirstRep().getReference()).isEqualTo(write.toUnqualified().getValue());
		Device device = client.read().resource(Device.class).withId(aiAgentOf(provenance)).execute();
		assertThat(device.getDeviceNameFirstRep().getName()).isEqualTo("GuardedBot");
	}

	@Test
	void aReviewerAllowedNeitherToCreateNorToReadProvenanceStillRecordsAReviewThatCounts() {
		IdType write = create(observation("reviewed-under-rules"), "guarded-bot");
		IIdType reviewer = client.create().resource(practitioner()).execute().getId().toUnqualifiedVersionless();
		AuthorizationInterceptor authorization = new AuthorizationInterceptor() {
			@Override
			public List<IAuthRule> buildRuleList(RequestDetails request) {
				return new RuleBuilder()
						.allow("reviewers read Observations").read().resourcesOfType(Observation.class).withAnyId().andThen()
						.allow("reviewers review").operation().named("$ai-review").onAnyInstance().andAllowAllResponses().andThen()
						.allow("reviewers see the worklist").operation().named("$ai-unreviewed").onServer()
						.andRequireExplicitResponseAuthorization().andThen()
						.denyAll("nothing else")
						.build();
			}
		};
		restfulServer.registerInterceptor(authorization);
		try {
			assertThat(unreviewedObservationIds()).contains(write.toUnqualifiedVersionless().getValue());
			assertForbidden("reading Provenance", () -> client.search().forResource(Provenance.class)
					.returnBundle(Bundle.class).execute());

			Parameters review = new Parameters();
			review.addParameter().setName("reviewer").setValue(new Reference(reviewer.getValue()));
			review.addParameter().setName("outcome").setValue(new CodeType("verified"));
			client.operation().onInstance(write.toUnqualifiedVersionless()).named("$ai-review")
					.withParameters(review).returnResourceType(Provenance.class).execute();

			assertThat(unreviewedObservationIds()).doesNotContain(write.toUnqualifiedVersionless().getValue());
		} finally {
			restfulServer.unregisterInterceptor(authorization);
		}
	}

	// ---- helpers -------------------------------------------------------------------------------------------

	private static String hashOf(AiModel model) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(model.identifierValue().getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest, 0, 16);
	}

	private static IBaseResource changedCopyOf(IBaseResource record) {
		if (record instanceof Device device) {
			Device copy = device.copy();
			copy.setStatus(Device.FHIRDeviceStatus.ENTEREDINERROR);
			return copy;
		}
		DocumentReference copy = ((DocumentReference) record).copy();
		copy.getContentFirstRep().getAttachment().setUrl("https://attacker.example.org/card.md");
		return copy;
	}

	private static void assertForbidden(String what, Runnable request) {
		assertThatThrownBy(request::run).as(what).isInstanceOfSatisfying(ForbiddenOperationException.class, e -> {
			assertThat(e.getStatusCode()).isEqualTo(403);
			assertThat(diagnosticsOf(e)).isNotBlank();
		});
	}

	/** The diagnostics of the OperationOutcome the server answered with. */
	private static String diagnosticsOf(BaseServerResponseException e) {
		assertThat(e.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
		return ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDiagnostics();
	}

	private IdType create(IBaseResource resource, String agentHeader) {
		return (IdType) client.create().resource(resource).withAdditionalHeader(AGENT_HEADER, agentHeader).execute().getId();
	}

	private Provenance aiProvenanceOf(IdType id) {
		Bundle bundle = client.search().forResource(Provenance.class)
				.where(Provenance.TARGET.hasId(id.toUnqualifiedVersionless().getValue()))
				.returnBundle(Bundle.class).cacheControl(CacheControlDirective.noCache()).execute();
		return bundle.getEntry().stream().map(e -> (Provenance) e.getResource())
				.filter(p -> p.getMeta().hasProfile(AiTransparency.PROFILE_AI_PROVENANCE))
				.findFirst().orElseThrow();
	}

	private static String aiAgentOf(Provenance provenance) {
		return AiWrites.aiAgentOf(provenance).getWho().getReference();
	}

	private List<String> unreviewedObservationIds() {
		return AiWrites.unreviewedObservationIds(client);
	}
}
