package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.provenance.AiDeviceRegistry;
import org.aitrust.provenance.AiModel;
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
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A registered agent's declared kinds of AI, attached Markdown model card and description end up in the AI-Device and
 * the AI-ModelCard the module stores, both valid against the module's AI Transparency package; a changed declaration
 * of the same model version is a new version of the same Device and card.
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
			"aitrust.provenance.agents[0].model-card-data=classpath:model-cards/clinical-scribe.md",
			"aitrust.provenance.agents[0].ai-kinds[0]=Large-Language-Models",
			"aitrust.provenance.agents[0].ai-kinds[1]=Clinical-Documentation-and-Workflow",
			"aitrust.provenance.agents[0].description=Drafts clinical notes for a clinician to review."
		})
@IsolatedDatabase
class AiDeviceDeclarationIT {

	private static final FhirContext FHIR = FhirTestClients.fhirContext();
	private static final String AGENT_HEADER = "X-AI-Agent";
	private static FhirValidator profileValidator;

	@LocalServerPort
	int port;

	@Autowired
	ModuleRecordWriter records;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService hapiTransactions;

	@BeforeAll
	static void loadAiTransparencyProfiles() throws Exception {
		NpmPackageValidationSupport npm = new NpmPackageValidationSupport(FHIR);
		npm.loadPackageFromClasspath(AiTransparency.MODULE_PACKAGE_LOCATION);
		FhirInstanceValidator instanceValidator = new FhirInstanceValidator(new ValidationSupportChain(
				npm,
				new DefaultProfileValidationSupport(FHIR),
				new CommonCodeSystemsTerminologyService(FHIR),
				new InMemoryTerminologyServerValidationSupport(FHIR),
				new SnapshotGeneratingValidationSupport(FHIR)));
		instanceValidator.setAssumeValidRestReferences(true);
		profileValidator = FHIR.newValidator().registerValidatorModule(instanceValidator);
	}

	@Test
	void theDeclaredDeviceAndItsAttachedCardAreStoredAndValid() throws Exception {
		IGenericClient client = TestGateway.client(port);
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().setText("declared-" + UUID.randomUUID());
		IdType written = (IdType) client.create().resource(observation).withAdditionalHeader(AGENT_HEADER, "scribe")
				.execute().getId();

		Provenance provenance = client.search().forResource(Provenance.class)
				.where(Provenance.TARGET.hasId(written.toUnqualifiedVersionless())).returnBundle(Bundle.class)
				.execute().getEntry().stream().map(e -> (Provenance) e.getResource()).findFirst().orElseThrow();
		String deviceRef = provenance.getAgent().stream().map(a -> a.getWho().getReference())
				.filter(ref -> ref != null && ref.startsWith("Device/")).findFirst().orElseThrow();
		Device device = client.read().resource(Device.class).withId(deviceRef).execute();
		Reference cardRef = (Reference) device.getExtensionByUrl(AiTransparency.EXTENSION_MODEL_CARD_DESCRIPTION).getValue();
		DocumentReference card = client.read().resource(DocumentReference.class).withId(cardRef.getReference()).execute();

		assertThat(device.getExtensionsByUrl(AiTransparency.EXTENSION_AI_KIND))
				.extracting(e -> ((CodeableConcept) e.getValue()).getCodingFirstRep().getCode())
				.containsExactly("Large-Language-Models", "Clinical-Documentation-and-Workflow");
		assertThat(device.getNoteFirstRep().getText()).isEqualTo("Drafts clinical notes for a clinician to review.");
		byte[] expected;
		try (InputStream in = getClass().getResourceAsStream("/model-cards/clinical-scribe.md")) {
			expected = in.readAllBytes();
		}
		assertThat(card.getContent()).singleElement().satisfies(content -> {
			assertThat(content.getAttachment().getContentType()).isEqualTo("text/markdown");
			assertThat(content.getAttachment().getUrl()).isEqualTo("https://models.example.org/scribe/3.1/card.md");
			assertThat(content.getAttachment().getData()).isEqualTo(expected);
		});
		assertThat(card.getDescription()).isEqualTo("Drafts clinical notes for a clinician to review.");
		assertThat(errors(device)).as("AI-Device").isEmpty();
		assertThat(errors(card)).as("AI-ModelCard").isEmpty();
	}

	@Test
	void aChangedDeclarationOfTheSameModelVersionIsANewVersionOfTheSameDeviceAndCard() {
		IGenericClient client = TestGateway.client(port);
		String name = "Restarted-" + UUID.randomUUID();
		AiModel before = new AiModel(name, "1", "Acme", "https://models.example.org/r.md", null,
				List.of("Rule-Based-Systems"), null, "First declaration.");
		AiModel after = new AiModel(name, "1", "Acme", "https://models.example.org/r.md", null,
				List.of("Hybrid-Models"), null, "Second declaration.");

		// A registry per start: its cache is empty, as after a restart.
		String device = firstUse(before);
		firstUse(before);
		Device unchanged = client.read().resource(Device.class).withId(device).execute();
		String changedId = firstUse(after);
		Device changed = client.read().resource(Device.class).withId(device).execute();
		DocumentReference card = client.read().resource(DocumentReference.class)
				.withId(((Reference) changed.getExtensionByUrl(AiTransparency.EXTENSION_MODEL_CARD_DESCRIPTION).getValue())
						.getReference()).execute();

		assertThat(changedId).isEqualTo(device);
		assertThat(unchanged.getMeta().getVersionId()).as("the same declaration again changes nothing").isEqualTo("1");
		assertThat(changed.getMeta().getVersionId()).isEqualTo("2");
		assertThat(((CodeableConcept) changed.getExtensionByUrl(AiTransparency.EXTENSION_AI_KIND).getValue())
				.getCodingFirstRep().getCode()).isEqualTo("Hybrid-Models");
		assertThat(card.getMeta().getVersionId()).isEqualTo("2");
		assertThat(card.getDescription()).isEqualTo("Second declaration.");
	}

	/** The registry's first use of a model, inside a HAPI transaction as the provenance interceptor's is. */
	private String firstUse(AiModel model) {
		return hapiTransactions.withSystemRequest().execute(() ->
				new AiDeviceRegistry(records, transactionManager, 10).deviceFor(model).device().getValue());
	}

	private static List<String> errors(IBaseResource resource) {
		ValidationResult result = profileValidator.validateWithResult(resource);
		return result.getMessages().stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.map(m -> m.getLocationString() + ": " + m.getMessage())
				.toList();
	}
}
