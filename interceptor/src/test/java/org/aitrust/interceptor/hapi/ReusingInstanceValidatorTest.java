package org.aitrust.interceptor.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ReusingInstanceValidatorTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void aFreshInstanceValidatorValidates() {
		FhirValidator validator = FHIR.newValidator();
		validator.registerValidatorModule(new ReusingInstanceValidator(new FhirInstanceValidator(FHIR), 1));

		Patient patient = new Patient();
		patient.addName().setFamily("Chalmers").addGiven("Peter");
		patient.setGender(AdministrativeGender.MALE);
		ValidationResult valid = validator.validateWithResult(patient);
		assertThat(errors(valid)).isEmpty();

		patient.addContact().setGender(AdministrativeGender.FEMALE);
		ValidationResult invalid = validator.validateWithResult(patient);
		assertThat(errors(invalid)).as("pat-1: a contact needs details or an organization")
				.anyMatch(m -> m.getMessage().contains("pat-1"));
	}

	@Test
	void eachCoreValidatorValidatesABoundedNumberOfResourcesAndIsThenReplaced() {
		ReusingInstanceValidator reusing = new ReusingInstanceValidator(new FhirInstanceValidator(FHIR), 2, 3);
		FhirValidator validator = FHIR.newValidator();
		validator.registerValidatorModule(reusing);
		Patient patient = new Patient();
		patient.addName().setFamily("Chalmers");

		for (int i = 0; i < 7; i++) {
			assertThat(errors(validator.validateWithResult(patient))).isEmpty();
		}

		assertThat(reusing.validatorsBuilt()).as("validations 1-3, 4-6 and 7, one at a time").isEqualTo(3);
	}

	@Test
	void theWorkerContextItCreatesComparesUnitsAsTheServersDoes() throws Exception {
		FhirInstanceValidator hapi = new FhirInstanceValidator(FHIR);
		new ReusingInstanceValidator(hapi, 1);

		assertThat(hapi.getWorkerContext().getUcumService().isComparable("g", "kg")).isTrue();
	}

	@Test
	void aWorkerContextAlreadySetIsKept() {
		FhirInstanceValidator hapi = new FhirInstanceValidator(FHIR);
		WorkerContextValidationSupportAdapter own = new WorkerContextValidationSupportAdapter(hapi.getValidationSupport());
		hapi.setWrappedWorkerContext(hapi.getValidationSupport(), own);
		new ReusingInstanceValidator(hapi, 1);

		assertThat(hapi.getWorkerContext()).isSameAs(own);
	}

	private static List<SingleValidationMessage> errors(ValidationResult result) {
		return result.getMessages().stream()
				.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
				.toList();
	}
}
