package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class DuplicateIdentifierCheckTest {

	private static final String MRN = "http://hospital.example.org/fhir/sid/mrn";

	private final InMemoryCheckContext context = new InMemoryCheckContext()
			.withIdentifier("Patient", MRN, "MRN-1001", "existing");
	private final DuplicateIdentifierCheck check = new DuplicateIdentifierCheck(FhirContext.forR4Cached());

	@Test
	void describesItselfAsUniquenessPlausibility() {
		assertThat(check.id()).isEqualTo("plausibility-duplicate-identifier");
		assertThat(check.category()).isEqualTo(KahnCategory.PLAUSIBILITY_UNIQUENESS);
	}

	@Test
	void aNewPatientWithANewMedicalRecordNumberPasses() {
		assertThat(check.evaluate(patient(null, "MRN-2002"), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aNewPatientReusingAnotherPatientsNumberFails() {
		assertThat(check.evaluate(patient(null, "MRN-1001"), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(patient("other", "MRN-1001"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void anUpdateOfThePatientThatOwnsTheNumberPasses() {
		assertThat(check.evaluate(patient("existing", "MRN-1001"), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void theSameNumberOnAnotherResourceTypeIsNoDuplicate() {
		Observation observation = new Observation();
		observation.addIdentifier().setSystem(MRN).setValue("MRN-1001");

		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void anyDuplicatedIdentifierAmongSeveralFails() {
		Patient patient = patient(null, "MRN-2002");
		patient.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-ssn").setValue("999-99-9999");
		patient.addIdentifier().setSystem(MRN).setValue("MRN-1001");

		assertThat(check.evaluate(patient, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aSingleIdentifierElementIsJudgedToo() {
		context.withIdentifier("Bundle", "urn:ietf:rfc:3986", "urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0", "b1");
		Bundle bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT);
		bundle.getIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0");

		assertThat(check.evaluate(bundle, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void identifiersWithoutSystemOrValueAndResourcesWithoutIdentifiersAreNotApplicable() {
		Patient noSystem = new Patient();
		noSystem.addIdentifier().setValue("MRN-1001");
		Patient noValue = new Patient();
		noValue.addIdentifier().setSystem(MRN);

		assertThat(check.evaluate(noSystem, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(noValue, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Patient().setActive(true), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Parameters(), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	private static Patient patient(String id, String mrn) {
		Patient patient = new Patient();
		if (id != null) {
			patient.setId(id);
		}
		patient.addIdentifier().setSystem(MRN).setValue(mrn);
		return patient;
	}
}
