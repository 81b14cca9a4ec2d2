package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Conformance resources stored on the server count for {@code $validate} from the moment they are committed, even
 * after the validator has looked for them and not found them (HAPI FHIR 8.8.0 keeps such a miss for ten minutes, a
 * StructureDefinition until restart); changed ones apply in their new form and deleted ones no longer apply. And
 * {@code $validate} with a Parameters body checks the resource it carries, against the profile named as a uri.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "aitrust.validation.enabled=true")
@IsolatedDatabase
class StoredConformanceResourcesIT {

	private static final String PROFILE = "http://example.org/fhir/StructureDefinition/patient-changing";
	private static final String NAMED_PROFILE = "http://example.org/fhir/StructureDefinition/patient-with-birth-date";
	private static final String QUESTIONNAIRE = "http://example.org/fhir/Questionnaire/intake";

	@LocalServerPort
	int port;

	@Test
	void aProfileAppliesFromItsCommitOnInItsCurrentForm() {
		IGenericClient client = TestGateway.client(port);
		Patient patient = new Patient();
		patient.getMeta().addProfile(PROFILE);
		assertThat(unknownProfileWarnings(validate(client, patient, null))).as("before the profile exists")
				.anyMatch(e -> e.contains(PROFILE));

		IIdType stored = client.create().resource(profileRequiring(PROFILE, "Patient.birthDate")).execute().getId();
		assertThat(errors(validate(client, patient, null))).as("created after a miss")
				.noneMatch(e -> e.contains("Failed to retrieve profile"))
				.anyMatch(e -> e.contains("Patient.birthDate"));

		StructureDefinition changed = profileRequiring(PROFILE, "Patient.gender");
		changed.setId(stored.toUnqualifiedVersionless());
		client.update().resource(changed).execute();
		assertThat(errors(validate(client, patient, null))).as("changed")
				.anyMatch(e -> e.contains("Patient.gender"))
				.noneMatch(e -> e.contains("Patient.birthDate"));

		client.delete().resourceById(stored.toUnqualifiedVersionless()).execute();
		assertThat(unknownProfileWarnings(validate(client, patient, null))).as("deleted")
				.anyMatch(e -> e.contains(PROFILE));
	}

	@Test
	void theProfileParameterNamesTheProfileForTheResourceItCarries() {
		IGenericClient client = TestGateway.client(port);
		client.create().resource(profileRequiring(NAMED_PROFILE, "Patient.birthDate")).execute();
		Patient withoutBirthDate = new Patient();
		withoutBirthDate.setActive(true);

		List<String> errors = errors(validate(client, withoutBirthDate, NAMED_PROFILE));

		assertThat(errors).anyMatch(e -> e.contains("Patient.birthDate"))
				.noneMatch(e -> e.contains("Failed to retrieve profile"))
				.noneMatch(e -> e.contains("Parameters"));
		assertThat(errors(validate(client, withoutBirthDate, NAMED_PROFILE, true))).as("as XML").isEqualTo(errors);
		Patient withBirthDate = withoutBirthDate.setBirthDateElement(new DateType("1970-01-01"));
		assertThat(errors(validate(client, withBirthDate, NAMED_PROFILE))).isEmpty();
	}

	@Test
	void aResponseIsCheckedAgainstItsQuestionnaireStoredAfterAMiss() {
		IGenericClient client = TestGateway.client(port);
		QuestionnaireResponse response = new QuestionnaireResponse();
		response.setQuestionnaire(QUESTIONNAIRE);
		response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
		response.addItem().setLinkId("unknown-question").addAnswer().setValue(new StringType("yes"));
		assertThat(errors(validate(client, response, null))).as("questionnaire not there yet")
				.noneMatch(e -> e.contains("unknown-question"));

		Questionnaire questionnaire = new Questionnaire();
		questionnaire.setUrl(QUESTIONNAIRE);
		questionnaire.setStatus(PublicationStatus.ACTIVE);
		questionnaire.addItem().setLinkId("name").setType(Questionnaire.QuestionnaireItemType.STRING).setRequired(true);
		client.create().resource(questionnaire).execute();

		assertThat(errors(validate(client, response, null))).as("questionnaire created after a miss")
				.anyMatch(e -> e.contains("unknown-question"));
	}

	/** A profile on Patient (differential only) that makes one element required. */
	private static StructureDefinition profileRequiring(String url, String path) {
		StructureDefinition profile = new StructureDefinition();
		profile.setUrl(url);
		profile.setName("PatientWithBirthDate");
		profile.setStatus(PublicationStatus.ACTIVE);
		profile.setKind(StructureDefinition.StructureDefinitionKind.RESOURCE);
		profile.setAbstract(false);
		profile.setType("Patient");
		profile.setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Patient");
		profile.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
		ElementDefinition element = profile.getDifferential().addElement().setPath(path).setMin(1);
		element.setId(path);
		return profile;
	}

	private static OperationOutcome validate(IGenericClient client, Resource resource, String profile) {
		return validate(client, resource, profile, false);
	}

	private static OperationOutcome validate(IGenericClient client, Resource resource, String profile, boolean xml) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("resource").setResource(resource);
		if (profile != null) {
			parameters.addParameter().setName("profile").setValue(new UriType(profile));
		}
		var operation = client.operation().onType(resource.getClass()).named("$validate").withParameters(parameters)
				.returnResourceType(OperationOutcome.class);
		return xml ? operation.encodedXml().execute() : operation.encodedJson().execute();
	}

	/** A claimed profile the server does not know is a warning by default ({@code aitrust.validation.unknown-profile}). */
	private static List<String> unknownProfileWarnings(OperationOutcome outcome) {
		return outcome.getIssue().stream()
				.filter(i -> i.getSeverity() == IssueSeverity.WARNING)
				.filter(i -> i.getDetails().getCoding().stream().anyMatch(c -> "Validation_VAL_Profile_Unknown".equals(c.getCode())))
				.map(i -> i.getDiagnostics())
				.toList();
	}

	private static List<String> errors(OperationOutcome outcome) {
		return outcome.getIssue().stream()
				.filter(i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL)
				.map(i -> i.getDiagnostics() + " @ " + i.getExpression())
				.toList();
	}
}
