package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.aitrust.server.AiWrites.aiAgentOf;
import static org.aitrust.server.AiWrites.clientDevice;
import static org.aitrust.server.AiWrites.labelled;
import static org.aitrust.server.AiWrites.observation;
import static org.aitrust.server.AiWrites.practitioner;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * AI provenance end to end over HTTP: detection by label, by registered agent and by X-Provenance; the
 * Provenance field by field; transactions; atomicity; label removal; review; search; immutability; bad input;
 * and conformance of what the module writes to the AI Transparency IG's profiles.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.provenance.enabled=true",
			"aitrust.provenance.agents[0].id=scribe",
			"aitrust.provenance.agents[0].model-name=ClinicalScribe",
			"aitrust.provenance.agents[0].model-version=3.1",
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs",
			"aitrust.provenance.agents[0].model-card-url=https://models.example.org/scribe/3.1/card.md",
			"aitrust.provenance.agents[1].id=triage-bot",
			"aitrust.provenance.agents[1].model-name=TriageNet",
			"aitrust.provenance.agents[1].model-version=1.0",
			"aitrust.provenance.agents[1].manufacturer=Example AI Labs"
		})
@IsolatedDatabase
class AiProvenanceIT {

	static final String AIAST_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
	static final String AI_PROVENANCE = "http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Provenance";
	static final String AI_DEVICE = "http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Device";
	static final String PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
	static final String AGENT_HEADER = "X-AI-Agent";
	static final FhirContext FHIR = FhirTestClients.fhirContext();

	static FhirValidator profileValidator;

	@LocalServerPort
	int port;

	@Autowired
	IInterceptorService storageInterceptors;

	IGenericClient client;

	@BeforeAll
	static void loadAiTransparencyProfiles() throws Exception {
		NpmPackageValidationSupport npm = new NpmPackageValidationSupport(FHIR);
		npm.loadPackageFromClasspath(AiTransparency.MODULE_PACKAGE_LOCATION);
		ValidationSupportChain chain = new ValidationSupportChain(
				npm,
				new DefaultProfileValidationSupport(FHIR),
				new CommonCodeSystemsTerminologyService(FHIR),
				new InMemoryTerminologyServerValidationSupport(FHIR),
				new SnapshotGeneratingValidationSupport(FHIR));
		FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
		instanceValidator.setAssumeValidRestReferences(true);
		profileValidator = FHIR.newValidator().registerValidatorModule(instanceValidator);
	}

	@BeforeEach
	void connect() {
		client = TestGateway.client(port);
	}

	// ---- detection ------------------------------------------------------------------------------------

	@Test
	void aResourceLabelledAiastGetsAnAiProvenanceNamingTheUnidentifiedAiSystem() {
		IdType id = create(labelled(observation("label-only")), null);

		Observation stored = client.read().resource(Observation.class).withId(id).execute();
		Provenance provenance = singleProvenanceOf(id);

		assertThat(stored.getMeta().getSecurity(AIAST_SYSTEM, "AIAST")).isNotNull();
		assertThat(provenance.getTargetFirstRep().getReference()).isEqualTo(id.toUnqualified().getValue());
		Device device = client.read().resource(Device.class)
				.withId(aiAgentOf(provenance).getWho().getReference()).execute();
		assertThat(device.getDeviceNameFirstRep().getName()).isEqualTo("Unidentified AI system");
		assertThat(device.getMeta().hasProfile(AI_DEVICE)).isTrue();
	}

	@Test
	void anInlineLabelMakesAnAiWriteAndIsKeptAsSent() {
		DiagnosticReport report = new DiagnosticReport();
		report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
		report.getCode().setText("Blood culture");
		report.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PROCESSINLINELABEL", null);
		report.getConclusionElement().setValue("Staphylococcus aureus bacteraemia")
				.addExtension("http://hl7.org/fhir/uv/security-label-ds4p/StructureDefinition/extension-inline-sec-label",
						new Coding(AIAST_SYSTEM, "AIAST", null));

		IdType id = create(report, null);

		DiagnosticReport stored = client.read().resource(DiagnosticReport.class).withId(id).execute();
		assertThat(stored.getMeta().getSecurity(AIAST_SYSTEM, "AIAST")).isNotNull();
		assertThat(stored.getConclusionElement().getExtension()).hasSize(1);
		assertThat(singleProvenanceOf(id).getMeta().hasProfile(AI_PROVENANCE)).isTrue();
	}

	@Test
	void aWriteFromARegisteredAgentIsLabelledAndAttributedToItsModelVersion() {
		IdType id = create(observation("agent-write"), "scribe");

		Observation stored = client.read().resource(Observation.class).withId(id).execute();
		Provenance provenance = singleProvenanceOf(id);
		Provenance.ProvenanceAgentComponent ai = aiAgentOf(provenance);
		Device device = client.read().resource(Device.class).withId(ai.getWho().getReference()).execute();

		assertThat(stored.getMeta().getSecurity(AIAST_SYSTEM, "AIAST")).isNotNull();
		assertThat(device.getDeviceNameFirstRep().getName()).isEqualTo("ClinicalScribe");
		assertThat(device.getVersionFirstRep().getValue()).isEqualTo("3.1");
		assertThat(device.getManufacturer()).isEqualTo("Example AI Labs");
		assertThat(device.getType().getCodingFirstRep().getCode()).isEqualTo("Artificial-Intelligence");
		Reference modelCard = (Reference) device.getExtensionByUrl(
				"http://hl7.org/fhir/uv/aitransparency/StructureDefinition/aitransparency.modelCardDescription").getValue();
		DocumentReference card = client.read().resource(DocumentReference.class).withId(modelCard.getReference()).execute();
		assertThat(card.getContentFirstRep().getAttachment().getUrl()).isEqualTo("https://models.example.org/scribe/3.1/card.md");
		assertThat(provenance.getEntity()).extracting(e -> e.getWhat().getReference())
				.contains(modelCard.getReference());
		// the agent's own Device stands for it; it is not also listed as a submitting client
		assertThat(provenance.getAgent()).hasSize(1);
	}

	@Test
	void everyProvenanceFieldIsAsTheProfileAndTheRequestSay() {
		IdType id = create(labelled(observation("fields")), "ehr-frontend");

		Provenance provenance = singleProvenanceOf(id);

		assertThat(provenance.getMeta().hasProfile(AI_PROVENANCE)).isTrue();
		assertThat(provenance.getTarget()).extracting(Reference::getReference)
				.containsExactly(id.toUnqualified().getValue());
		assertThat(id.getVersionIdPart()).isEqualTo("1");
		assertThat(provenance.getRecorded()).isCloseTo(new java.util.Date(), 120_000);
		assertThat(provenance.getReasonFirstRep().getCodingFirstRep().getCode()).isEqualTo("AIAST");
		assertThat(provenance.getActivity().getCodingFirstRep().getSystem())
				.isEqualTo("http://terminology.hl7.org/CodeSystem/v3-DataOperation");
		assertThat(provenance.getActivity().getCodingFirstRep().getCode()).isEqualTo("CREATE");
		assertThat(provenance.getPolicy()).extracting(p -> p.getValue())
				.containsExactly("http://hl7.org/fhir/uv/aitransparency");
		Provenance.ProvenanceAgentComponent ai = aiAgentOf(provenance);
		assertThat(ai.getType().getCodingFirstRep().getCode()).isEqualTo("author");
		assertThat(ai.getWho().getReference()).startsWith("Device/");
		Provenance.ProvenanceAgentComponent submitter = provenance.getAgent().stream()
				.filter(a -> a.getType().getCodingFirstRep().getCode().equals("enterer")).findFirst().orElseThrow();
		assertThat(submitter.getWho().getIdentifier().getValue()).isEqualTo("ehr-frontend");
		assertThat(provenance.hasOccurred()).isFalse();
	}

	@Test
	void anXProvenanceHeaderMakesAnAiWriteWithItsDeviceOccurrenceAndInputs() throws Exception {
		IIdType device = client.create().resource(clientDevice("RadiologySummarizer")).execute().getId();
		String header = "{\"resourceType\":\"Provenance\",\"occurredDateTime\":\"2026-11-20T10:00:00Z\","
				+ "\"agent\":[{\"type\":{\"coding\":[{\"system\":\"" + PARTICIPANT + "\",\"code\":\"author\"}]},"
				+ "\"who\":{\"reference\":\"" + device.toUnqualifiedVersionless().getValue() + "\"}}],"
				+ "\"entity\":[{\"role\":\"source\",\"what\":{\"display\":\"CT head report text\"}}]}";

		IdType id = (IdType) client.create().resource(observation("x-provenance"))
				.withAdditionalHeader("X-Provenance", header).execute().getId();

		Provenance provenance = singleProvenanceOf(id);
		assertThat(client.read().resource(Observation.class).withId(id).execute()
				.getMeta().getSecurity(AIAST_SYSTEM, "AIAST")).isNotNull();
		assertThat(aiAgentOf(provenance).getWho().getReference()).isEqualTo(device.toUnqualifiedVersionless().getValue());
		assertThat(provenance.getOccurredDateTimeType().getValueAsString()).isEqualTo("2026-11-20T10:00:00Z");
		assertThat(provenance.getEntity()).extracting(e -> e.getWhat().getDisplay()).contains("CT head report text");
		assertThat(provenance.getTargetFirstRep().getReference()).isEqualTo(id.toUnqualified().getValue());
	}

	@Test
	void aWriteWithoutAnyAiSignIsLeftAlone() {
		IdType id = create(observation("human"), "ehr-frontend");

		assertThat(client.read().resource(Observation.class).withId(id).execute().getMeta().getSecurity()).isEmpty();
		assertThat(provenancesOf(id)).isEmpty();
	}

	// ---- versions, transactions, atomicity -------------------------------------------------------------

	@Test
	void updatingAnAiResourceRecordsAProvenanceForTheNewVersion() {
		IdType v1 = create(observation("update"), "scribe");
		Observation current = client.read().resource(Observation.class).withId(v1.toVersionless()).execute();
		current.setStatus(Observation.ObservationStatus.AMENDED);

		IdType v2 = (IdType) client.update().resource(current).withAdditionalHeader(AGENT_HEADER, "scribe")
				.execute().getId();

		assertThat(v2.getVersionIdPart()).isEqualTo("2");
		assertThat(provenancesOf(v1)).extracting(p -> p.getTargetFirstRep().getReference())
				.containsExactlyInAnyOrder(v1.toUnqualified().getValue(), v2.toUnqualified().getValue());
		Provenance second = provenancesOf(v1).stream()
				.filter(p -> p.getTargetFirstRep().getReference().endsWith("/_history/2")).findFirst().orElseThrow();
		assertThat(second.getActivity().getCodingFirstRep().getCode()).isEqualTo("UPDATE");
	}

	@Test
	void aPatchByAnAgentRecordsAProvenanceForThePatchedVersion() {
		IdType v1 = create(observation("patch"), "scribe");
		String patch = "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"amended\"}]";

		MethodOutcome outcome = client.patch().withBody(patch).withId(v1.toVersionless())
				.withAdditionalHeader(AGENT_HEADER, "scribe").execute();

		assertThat(outcome.getId().getVersionIdPart()).isEqualTo("2");
		assertThat(provenancesOf(v1)).extracting(p -> p.getTargetFirstRep().getReference())
				.contains(v1.toUnqualifiedVersionless().getValue() + "/_history/2");
	}

	@Test
	void aConditionalCreateThatMatchesWritesNoSecondProvenance() {
		String marker = UUID.randomUUID().toString();
		Observation observation = observation("conditional");
		observation.addIdentifier().setSystem("urn:test:conditional").setValue(marker);

		IIdType first = client.create().resource(observation).conditionalByUrl("Observation?identifier=urn:test:conditional|" + marker)
				.withAdditionalHeader(AGENT_HEADER, "scribe").execute().getId();
		client.create().resource(observation).conditionalByUrl("Observation?identifier=urn:test:conditional|" + marker)
				.withAdditionalHeader(AGENT_HEADER, "scribe").execute();

		assertThat(provenancesOf(new IdType(first.getValue()))).hasSize(1);
	}

	@Test
	void aTransactionOf20EntriesOf12AiGets12ProvenanceWithVersionedTargetsToAssignedIds() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient patient = new Patient();
		patient.addName().setFamily("Transaction");
		String patientUuid = "urn:uuid:" + UUID.randomUUID();
		transaction.addEntry().setFullUrl(patientUuid).setResource(patient).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		for (int i = 0; i < 19; i++) {
			Observation observation = observation("tx-" + i);
			observation.setSubject(new Reference(patientUuid));
			if (i < 12) {
				labelled(observation);
			}
			transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation).getRequest()
					.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}

		Bundle response = client.transaction().withBundle(transaction).execute();

		List<String> aiVersions = new ArrayList<>();
		for (int i = 1; i <= 12; i++) {
			aiVersions.add(new IdType(response.getEntry().get(i).getResponse().getLocation()).toUnqualified().getValue());
		}
		List<String> targets = new ArrayList<>();
		for (int i = 1; i < 20; i++) {
			IdType id = new IdType(response.getEntry().get(i).getResponse().getLocation());
			provenancesOf(id).forEach(p -> targets.add(p.getTargetFirstRep().getReference()));
		}
		assertThat(targets).hasSize(12).containsExactlyInAnyOrderElementsOf(aiVersions);
		assertThat(targets).allMatch(t -> t.matches("Observation/[^/]+/_history/1"));
	}

	@Test
	void eachEntryOfABatchIsJudgedOnItsOwn() {
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().setResource(labelled(observation("batch-ai"))).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		batch.addEntry().setResource(observation("batch-human")).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

		Bundle response = client.transaction().withBundle(batch).execute();

		IdType ai = new IdType(response.getEntry().get(0).getResponse().getLocation());
		IdType human = new IdType(response.getEntry().get(1).getResponse().getLocation());
		assertThat(singleProvenanceOf(ai).getTargetFirstRep().getReference()).isEqualTo(ai.toUnqualified().getValue());
		assertThat(provenancesOf(human)).isEmpty();
	}

	@Test
	void aConditionalUpdateByAnAgentRecordsAProvenance() {
		String marker = UUID.randomUUID().toString();
		Observation observation = observation("conditional-update");
		observation.addIdentifier().setSystem("urn:test:conditional-update").setValue(marker);

		MethodOutcome outcome = client.update().resource(observation)
				.conditionalByUrl("Observation?identifier=urn:test:conditional-update|" + marker)
				.withAdditionalHeader(AGENT_HEADER, "scribe").execute();

		IdType id = (IdType) outcome.getId();
		assertThat(singleProvenanceOf(id).getTargetFirstRep().getReference()).isEqualTo(id.toUnqualified().getValue());
	}

	@Test
	void whenTheProvenanceCannotBeStoredTheResourceIsNotStoredEither() {
		String marker = UUID.randomUUID().toString();
		Observation observation = labelled(observation("atomic"));
		observation.addIdentifier().setSystem("urn:test:atomic").setValue(marker);
		// The module stores its Provenance with the system's authority, which only HAPI's own interceptor service sees.
		FailingProvenanceStore failure = new FailingProvenanceStore();
		storageInterceptors.registerInterceptor(failure);
		try {
			assertThatThrownBy(() -> client.create().resource(observation).execute())
					.isInstanceOf(InternalErrorException.class);
		} finally {
			storageInterceptors.unregisterInterceptor(failure);
		}

		Bundle found = client.search().forResource(Observation.class)
				.where(Observation.IDENTIFIER.exactly().systemAndCode("urn:test:atomic", marker))
				.returnBundle(Bundle.class).cacheControl(ca.uhn.fhir.rest.api.CacheControlDirective.noCache()).execute();
		assertThat(found.getEntry()).isEmpty();
	}

	// ---- label removal, review, search -----------------------------------------------------------------

	@Test
	void aClientThatIsNotAnAgentCannotRemoveTheLabel() {
		IdType id = create(observation("removal"), "scribe");
		Observation current = client.read().resource(Observation.class).withId(id.toVersionless()).execute();
		current.getMeta().getSecurity().clear();

		assertThatThrownBy(() -> client.update().resource(current).withAdditionalHeader(AGENT_HEADER, "ehr-frontend").execute())
				.isInstanceOf(UnprocessableEntityException.class)
				.hasMessageContaining("AIAST");
		Observation after = client.read().resource(Observation.class).withId(id.toVersionless()).execute();
		assertThat(after.getIdElement().getVersionIdPart()).isEqualTo("1");
		assertThat(after.getMeta().getSecurity(AIAST_SYSTEM, "AIAST")).isNotNull();
	}

	@Test
	void aReviewIsRecordedAsAVerifierProvenanceLinkedToTheAiProvenance() {
		IdType id = create(observation("review"), "scribe");
		IIdType reviewer = client.create().resource(practitioner()).execute().getId().toUnqualifiedVersionless();
		assertThat(unreviewedObservationIds()).contains(id.toUnqualifiedVersionless().getValue());

		Provenance review = review(id, reviewer.getValue(), "corrected", "Dose unit fixed");

		Provenance aiProvenance = provenancesOf(id).stream().filter(p -> p.getMeta().hasProfile(AI_PROVENANCE))
				.findFirst().orElseThrow();
		assertThat(review.getTargetFirstRep().getReference()).isEqualTo(id.toUnqualified().getValue());
		assertThat(review.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("verifier");
		assertThat(review.getAgentFirstRep().getWho().getReference()).isEqualTo(reviewer.getValue());
		assertThat(review.getActivity().getCodingFirstRep().getCode()).isEqualTo("corrected");
		assertThat(review.getActivity().getText()).isEqualTo("Dose unit fixed");
		assertThat(review.getEntityFirstRep().getWhat().getReference())
				.isEqualTo(aiProvenance.getIdElement().toUnqualifiedVersionless().getValue());
		assertThat(client.read().resource(Observation.class).withId(id.toVersionless()).execute()
				.getMeta().getSecurity(AIAST_SYSTEM, "AIAST")).isNotNull();
		assertThat(unreviewedObservationIds()).doesNotContain(id.toUnqualifiedVersionless().getValue());
	}

	@Test
	void reviewingANonAiResourceOrWithAMissingReviewerOrABadOutcomeIsRefused() {
		IdType human = create(observation("not-ai"), null);
		IdType ai = create(observation("review-errors"), "scribe");
		String reviewer = client.create().resource(practitioner()).execute().getId().toUnqualifiedVersionless().getValue();

		assertThatThrownBy(() -> review(human, reviewer, "verified", null))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("AIAST");
		assertThatThrownBy(() -> review(ai, "Practitioner/does-not-exist", "verified", null))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("does not exist");
		assertThatThrownBy(() -> review(ai, "Patient/1", "verified", null))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("Practitioner");
		assertThatThrownBy(() -> review(ai, reviewer, "approved", null))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("verified");
		assertThat(provenancesOf(ai)).hasSize(1);
	}

	@Test
	void revincludeReturnsTheResourceWithAllItsProvenance() {
		IdType id = create(observation("revinclude"), "scribe");
		String reviewer = client.create().resource(practitioner()).execute().getId().toUnqualifiedVersionless().getValue();
		review(id, reviewer, "verified", null);

		Bundle bundle = client.search().byUrl("Observation?_id=" + id.getIdPart() + "&_revinclude=Provenance:target")
				.returnBundle(Bundle.class).cacheControl(ca.uhn.fhir.rest.api.CacheControlDirective.noCache()).execute();

		assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType())
				.containsExactlyInAnyOrder("Observation", "Provenance", "Provenance");
	}

	@Test
	void securitySearchFindsAiWrittenResources() {
		IdType ai = create(observation("security-ai"), "triage-bot");
		IdType human = create(observation("security-human"), null);

		Bundle bundle = client.search().byUrl("Observation?_security=" + AIAST_SYSTEM + "|AIAST&_count=500")
				.returnBundle(Bundle.class).cacheControl(ca.uhn.fhir.rest.api.CacheControlDirective.noCache()).execute();

		List<String> ids = bundle.getEntry().stream()
				.map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue()).toList();
		assertThat(ids).contains(ai.toUnqualifiedVersionless().getValue())
				.doesNotContain(human.toUnqualifiedVersionless().getValue());
	}

	// ---- immutability and bad input ---------------------------------------------------------------------

	@Test
	void moduleWrittenProvenanceCannotBeUpdatedDeletedOrForged() {
		IdType id = create(observation("immutable"), "scribe");
		Provenance provenance = singleProvenanceOf(id);
		provenance.setRecordedElement(new org.hl7.fhir.r4.model.InstantType("2020-01-01T00:00:00Z"));
		Provenance forged = provenance.copy();
		forged.setId((String) null);

		assertThatThrownBy(() -> client.update().resource(provenance).execute())
				.isInstanceOf(ForbiddenOperationException.class);
		assertThatThrownBy(() -> client.delete().resourceById(provenance.getIdElement().toUnqualifiedVersionless()).execute())
				.isInstanceOf(ForbiddenOperationException.class);
		assertThatThrownBy(() -> client.create().resource(forged).execute())
				.isInstanceOf(ForbiddenOperationException.class);
		assertThat(singleProvenanceOf(id).getRecorded()).isAfter(new java.util.Date(1_600_000_000_000L));
	}

	@Test
	void malformedXProvenanceHeadersGet400AndWriteNothing() {
		IIdType device = client.create().resource(clientDevice("HeaderCheck")).execute().getId().toUnqualifiedVersionless();
		String deviceAgent = "\"agent\":[{\"who\":{\"reference\":\"" + device.getValue() + "\"}}]";
		List<String> headers = List.of(
				"this is not json",
				"{\"resourceType\":\"Patient\"}",
				"{\"resourceType\":\"Provenance\",\"agent\":[{\"who\":{\"reference\":\"Practitioner/1\"}}]}",
				"{\"resourceType\":\"Provenance\"," + deviceAgent + ",\"target\":[{\"reference\":\"Patient/other\"}]}",
				"{\"resourceType\":\"Provenance\",\"agent\":[{\"who\":{\"reference\":\"Device/no-such-device\"}}]}");
		for (String header : headers) {
			String marker = UUID.randomUUID().toString();
			Observation observation = observation("bad-header");
			observation.addIdentifier().setSystem("urn:test:bad-header").setValue(marker);

			assertThatThrownBy(() -> client.create().resource(observation).withAdditionalHeader("X-Provenance", header).execute())
					.as(header).isInstanceOf(InvalidRequestException.class)
					.satisfies(e -> assertThat(((BaseServerResponseException) e).getStatusCode()).isEqualTo(400));
			Bundle found = client.search().forResource(Observation.class)
					.where(Observation.IDENTIFIER.exactly().systemAndCode("urn:test:bad-header", marker))
					.returnBundle(Bundle.class).cacheControl(ca.uhn.fhir.rest.api.CacheControlDirective.noCache()).execute();
			assertThat(found.getEntry()).as(header).isEmpty();
		}
	}

	@Test
	void anAgentHeaderWithControlCharactersOrMarkupIsRefused() {
		assertThatThrownBy(() -> create(observation("injection"), "scribe<script>"))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining(AGENT_HEADER);
	}

	// ---- devices and conformance ------------------------------------------------------------------------

	@Test
	void concurrentFirstWritesOfANewModelVersionCreateOneDevice() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<IdType>> writes = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				int n = i;
				writes.add(() -> create(observation("parallel-" + n), "triage-bot"));
			}
			List<IdType> ids = new ArrayList<>();
			for (Future<IdType> write : pool.invokeAll(writes)) {
				ids.add(write.get());
			}

			List<String> devices = ids.stream().map(id -> aiAgentOf(singleProvenanceOf(id)).getWho().getReference())
					.distinct().toList();
			assertThat(devices).hasSize(1);
			Bundle byIdentifier = client.search().forResource(Device.class)
					.where(Device.DEVICE_NAME.matchesExactly().value("TriageNet"))
					.returnBundle(Bundle.class).cacheControl(ca.uhn.fhir.rest.api.CacheControlDirective.noCache()).execute();
			assertThat(byIdentifier.getEntry()).hasSize(1);
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	void theProvenanceAndDeviceTheModuleWritesConformToTheIgProfiles() {
		IdType id = create(labelled(observation("conformance")), "ehr-frontend");
		IdType byAgent = create(observation("conformance-agent"), "scribe");
		List<IBaseResource> written = new ArrayList<>();
		for (IdType target : List.of(id, byAgent)) {
			Provenance provenance = singleProvenanceOf(target);
			written.add(provenance);
			written.add(client.read().resource(Device.class).withId(aiAgentOf(provenance).getWho().getReference()).execute());
		}

		for (IBaseResource resource : written) {
			ValidationResult result = profileValidator.validateWithResult(resource);
			String errors = result.getMessages().stream()
					.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
					.map(m -> m.getLocationString() + ": " + m.getMessage())
					.collect(Collectors.joining("\n"));
			assertThat(errors).as(resource.getIdElement().getValue()).isEmpty();
		}
	}

	@Test
	void theServersOwnValidateFindsNoErrorInAiLabelledResources() {
		IdType observation = create(observation("validate"), "scribe");
		DiagnosticReport inline = new DiagnosticReport();
		inline.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
		inline.getCode().setText("Blood culture");
		inline.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PROCESSINLINELABEL", null);
		inline.getConclusionElement().setValue("No growth")
				.addExtension("http://hl7.org/fhir/uv/security-label-ds4p/StructureDefinition/extension-inline-sec-label",
						new Coding(AIAST_SYSTEM, "AIAST", null));
		IdType report = create(inline, null);
		List<IBaseResource> labelled = List.of(
				client.read().resource(Observation.class).withId(observation).execute(),
				client.read().resource(DiagnosticReport.class).withId(report).execute());

		for (IBaseResource resource : labelled) {
			MethodOutcome outcome = client.validate().resource(resource).execute();
			org.hl7.fhir.r4.model.OperationOutcome issues = (org.hl7.fhir.r4.model.OperationOutcome) outcome.getOperationOutcome();
			assertThat(issues.getIssue())
					.as(resource.fhirType())
					.filteredOn(i -> i.getSeverity().ordinal() <= org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.ERROR.ordinal())
					.extracting(i -> i.getDiagnostics())
					.isEmpty();
		}
	}

	// ---- helpers ------------------------------------------------------------------------------------------

	@Interceptor
	public static class FailingProvenanceStore {
		@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
		public void failOnProvenance(IBaseResource resource) {
			if (resource instanceof Provenance) {
				throw new InternalErrorException("simulated failure to store the Provenance");
			}
		}
	}

	private IdType create(IBaseResource resource, String agentHeader) {
		var create = client.create().resource(resource);
		if (agentHeader != null) {
			create = create.withAdditionalHeader(AGENT_HEADER, agentHeader);
		}
		return (IdType) create.execute().getId();
	}

	private List<Provenance> provenancesOf(IdType id) {
		Bundle bundle = client.search().forResource(Provenance.class)
				.where(Provenance.TARGET.hasId(id.toUnqualifiedVersionless().getValue()))
				.count(200)
				.returnBundle(Bundle.class).cacheControl(ca.uhn.fhir.rest.api.CacheControlDirective.noCache()).execute();
		return bundle.getEntry().stream().map(e -> (Provenance) e.getResource()).toList();
	}

	private Provenance singleProvenanceOf(IdType id) {
		List<Provenance> all = provenancesOf(id);
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	private Provenance review(IdType id, String reviewer, String outcome, String note) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("reviewer").setValue(new Reference(reviewer));
		parameters.addParameter().setName("outcome").setValue(new CodeType(outcome));
		if (note != null) {
			parameters.addParameter().setName("note").setValue(new StringType(note));
		}
		return client.operation().onInstance(id.toUnqualifiedVersionless()).named("$ai-review")
				.withParameters(parameters).returnResourceType(Provenance.class).execute();
	}

	private List<String> unreviewedObservationIds() {
		return AiWrites.unreviewedObservationIds(client);
	}
}
