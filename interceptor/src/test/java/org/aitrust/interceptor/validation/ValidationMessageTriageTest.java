package org.aitrust.interceptor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Message texts and ids below are the ones HAPI 8.8 and the core validator produce for US Core examples offline. */
class ValidationMessageTriageTest {

	private static final String OMB_RACE = "http://hl7.org/fhir/us/core/ValueSet/omb-race-category";
	private static final String GENDER = "http://hl7.org/fhir/ValueSet/administrative-gender";

	private final ValidationMessageTriage triage = new ValidationMessageTriage(
			IssueSeverity.WARNING, IssueSeverity.INFORMATION,
			(valueSet, codings) -> !Set.of(GENDER).contains(valueSet));

	private static SingleValidationMessage message(ResultSeverityEnum severity, String id, String text) {
		SingleValidationMessage message = new SingleValidationMessage();
		message.setSeverity(severity);
		message.setMessageId(id);
		message.setMessage(text);
		message.setLocationString("Patient.extension[0].value.ofType(Coding)");
		return message;
	}

	@Test
	void aCodeAgainstAValueSetTheServerCannotHoldIsNotCheckable() {
		ValidationIssue issue = triage.triage(message(ResultSeverityEnum.ERROR, "Terminology_TX_NoValid_12",
				"The Coding provided (urn:oid:2.16.840.1.113883.6.238#2106-3) was not found in the value set 'OMB Race"
						+ " Categories' (" + OMB_RACE + "|6.1.0), and a code is required from this value set."));
		assertThat(issue.notCheckable()).isTrue();
		assertThat(issue.severity()).isEqualTo(IssueSeverity.INFORMATION);
		assertThat(issue.code()).isEqualTo("not-supported");
		assertThat(issue.expression()).isEqualTo("Patient.extension[0].value.ofType(Coding)");
	}

	@Test
	void aForeignCodeAgainstAValueSetTheServerHoldsIsTheDatasError() {
		ValidationIssue issue = triage.triage(message(ResultSeverityEnum.ERROR, "Terminology_TX_NoValid_12",
				"The Coding provided (http://example.org/sex#x) was not found in the value set 'AdministrativeGender' ("
						+ GENDER + "|4.0.1), and a code is required from this value set.  (error message = CodeSystem is"
						+ " unknown and can't be validated: http://example.org/sex)"));
		assertThat(issue.notCheckable()).isFalse();
		assertThat(issue.severity()).isEqualTo(IssueSeverity.ERROR);
		assertThat(issue.code()).isEqualTo("code-invalid");
	}

	@Test
	void unknownCodeSystemsAndMissingValueSetsAreNotCheckable() {
		assertThat(triage.triage(message(ResultSeverityEnum.ERROR, "Terminology_PassThrough_TX_Message",
				"CodeSystem is unknown and can't be validated: urn:oid:2.16.840.1.113883.6.238 for 'x#y'")).notCheckable()).isTrue();
		assertThat(triage.triage(message(ResultSeverityEnum.WARNING, "Terminology_TX_ValueSet_NotFound",
				"ValueSet 'http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.1021.32' not found")).notCheckable()).isTrue();
	}

	@Test
	void anUnknownClaimedProfileTakesTheConfiguredSeverity() {
		ValidationIssue issue = triage.triage(message(ResultSeverityEnum.ERROR, "Validation_VAL_Profile_Unknown",
				"Profile reference 'http://example.org/p' has not been checked because it could not be found"));
		assertThat(issue.severity()).isEqualTo(IssueSeverity.WARNING);
		assertThat(issue.notCheckable()).isFalse();
	}

	@Test
	void ordinaryErrorsKeepTheirSeverityAndInvariantsAreNamedAsSuch() {
		ValidationIssue minimum = triage.triage(message(ResultSeverityEnum.ERROR, "Validation_VAL_Profile_Minimum",
				"Device.type: minimum required = 1, but only found 0"));
		assertThat(minimum.severity()).isEqualTo(IssueSeverity.ERROR);
		assertThat(minimum.code()).isEqualTo("processing");
		ValidationIssue invariant = triage.triage(message(ResultSeverityEnum.ERROR,
				"http://fhir-aitrust.org/fhir/hospital/StructureDefinition/HospitalVitalSign#hosp-1",
				"Constraint failed: hosp-1: 'A final observation has an effective time'"));
		assertThat(invariant.code()).isEqualTo("invariant");
		assertThat(invariant.severity()).isEqualTo(IssueSeverity.ERROR);
	}

	@Test
	void informationIsNeverRaised() {
		ValidationIssue info = triage.triage(message(ResultSeverityEnum.INFORMATION, "Terminology_TX_System_Unknown",
				"Unknown code system"));
		assertThat(info.severity()).isEqualTo(IssueSeverity.INFORMATION);
	}
}
