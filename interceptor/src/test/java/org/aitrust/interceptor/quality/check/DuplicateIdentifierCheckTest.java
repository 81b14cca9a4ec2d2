package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
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
		observation.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(MRN).setValue("MRN-1001");

		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void anyDuplicatedIdentifierAmongSeveralFails() {
		Patient patient = patient(null, "MRN-2002");
		patient.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-ssn").setValue("999-99-9999")
				.setType(type("SS"));
		patient.addIdentifier().setSystem(MRN).setValue("MRN-1001").setType(type("MR"));

		assertThat(check.evaluate(patient, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aSingleIdentifierElementIsJudgedToo() {
		context.withIdentifier("Bundle", "urn:ietf:rfc:3986", "urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0", "b1");
		Bundle bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT);
		bundle.getIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
				.setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0");

		assertThat(check.evaluate(bundle, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void identifiersWithoutSystemOrValueAndResourcesWithoutIdentifiersAreNotApplicable() {
		Patient noSystem = new Patient();
		noSystem.addIdentifier().setValue("MRN-1001").setType(type("MR"));
		Patient noValue = new Patient();
		noValue.addIdentifier().setSystem(MRN).setType(type("MR"));

		assertThat(check.evaluate(noSystem, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(noValue, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Patient().setActive(true), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Parameters(), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void anIdentifierSharedByDesignIsNotJudged() {
		// Synthea: every ExplanationOfBenefit of a claim carries the same claim-group identifier, untyped, no use
		String claimGroup = "https://bluebutton.cms.gov/resources/identifier/claim-group";
		context.withIdentifier("ExplanationOfBenefit", claimGroup, "99999999999", "eob-1");
		ExplanationOfBenefit eob = new ExplanationOfBenefit();
		eob.addIdentifier().setSystem(claimGroup).setValue("99999999999");

		assertThat(check.evaluate(eob, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void aTypeThatSeveralResourcesShareIsNotJudged() {
		context.withIdentifier("Patient", "urn:oid:1.2.3.4", "M-77", "parent");
		Patient child = new Patient();
		child.addIdentifier().setSystem("urn:oid:1.2.3.4").setValue("M-77").setType(type("MB"));

		assertThat(check.evaluate(child, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void aTypeUniqueByDefinitionIsJudged() {
		context.withIdentifier("Patient", "urn:oid:2.16.840.1.113883.4.3.25", "S99999999", "existing");
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.3.25").setValue("S99999999").setType(type("DL"));

		assertThat(check.evaluate(patient, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aConfiguredSystemIsJudgedWhateverItsTypeAndUse() {
		String npi = "http://hl7.org/fhir/sid/us-npi";
		context.withIdentifier("Practitioner", npi, "9999999999", "existing");
		Practitioner practitioner = new Practitioner();
		practitioner.addIdentifier().setSystem(npi).setValue("9999999999");

		assertThat(check.evaluate(practitioner, context)).as("not configured").isEqualTo(CheckOutcome.NOT_APPLICABLE);
		context.withUniqueIdentifierSystem(npi);
		assertThat(check.evaluate(practitioner, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void judgingATypelessIdentifierLeavesItTypeless() {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:oid:1.2.3.4").setValue("x");

		check.evaluate(patient, context);

		assertThat(patient.getIdentifierFirstRep().hasType()).isFalse();
	}

	private static CodeableConcept type(String v2Code) {
		return new CodeableConcept(new Coding(DuplicateIdentifierCheck.V2_0203, v2Code, null));
	}

	private static Patient patient(String id, String mrn) {
		Patient patient = new Patient();
		if (id != null) {
			patient.setId(id);
		}
		patient.addIdentifier().setSystem(MRN).setValue(mrn).setType(type("MR"));
		return patient;
	}
}
