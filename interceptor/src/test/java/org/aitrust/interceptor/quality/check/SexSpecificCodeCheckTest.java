package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class SexSpecificCodeCheckTest {

	private static final String SNOMED = "http://snomed.info/sct";
	private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";

	private final InMemoryCheckContext context = new InMemoryCheckContext()
			.withPatient(patient("f", AdministrativeGender.FEMALE))
			.withPatient(patient("m", AdministrativeGender.MALE))
			.withPatient(patient("o", AdministrativeGender.OTHER))
			.withPatient(patient("u", AdministrativeGender.UNKNOWN))
			.withPatient(patient("none", null));
	private final SexSpecificCodeCheck check = new SexSpecificCodeCheck();

	@Test
	void aPregnancyIsPlausibleForAWomanAndNotForAMan() {
		assertThat(check.evaluate(condition("f", SNOMED, "72892002"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(condition("m", SNOMED, "72892002"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aProstatectomyIsPlausibleForAManAndNotForAWoman() {
		assertThat(check.evaluate(procedure("m", "90470006"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(procedure("f", "90470006"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void icd10CmEntriesCoverTheCodesBelowThem() {
		assertThat(check.evaluate(condition("f", ICD, "N40.1"), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(condition("m", ICD, "N40.1"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(condition("m", ICD, "O80"), context)).as("chapter 15").isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(condition("m", ICD, "z3a.20"), context)).isEqualTo(CheckOutcome.FAIL);
		// D07.5 (prostate) is male, D07.3 female: the entry is the longest prefix, not the category
		assertThat(check.evaluate(condition("m", ICD, "D07.5"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(condition("m", ICD, "D07.39"), context)).isEqualTo(CheckOutcome.FAIL);
		// D07 itself, and codes next to listed ones, are not sex-specific
		assertThat(check.evaluate(condition("m", ICD, "D07.9"), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(condition("f", ICD, "N39.0"), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void otherUnknownOrMissingGenderIsNotJudged() {
		for (String patient : new String[] {"o", "u", "none", "absent"}) {
			assertThat(check.evaluate(condition(patient, SNOMED, "72892002"), context)).as(patient)
					.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		}
	}

	@Test
	void codesNotInTheTableRefutedOrErroneousRecordsAndOtherResourcesAreNotApplicable() {
		assertThat(check.evaluate(condition("m", SNOMED, "44465007"), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		Condition refuted = condition("m", SNOMED, "72892002");
		refuted.setVerificationStatus(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted", null)));
		assertThat(check.evaluate(refuted, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		Procedure notDone = procedure("f", "90470006").setStatus(Procedure.ProcedureStatus.NOTDONE);
		assertThat(check.evaluate(notDone, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Observation().setSubject(new Reference("Patient/m")), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void anyTabledCodingOfTheOtherSexFails() {
		Condition condition = condition("m", SNOMED, "44465007");
		condition.getCode().addCoding(new Coding(ICD, "O26.891", null));
		assertThat(check.evaluate(condition, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void theTableHasBothSexesAndOnlySupportedSystems() {
		assertThat(SexSpecificCodes.defaults().entries()).extracting(SexSpecificCodes.Entry::sex)
				.contains(AdministrativeGender.FEMALE, AdministrativeGender.MALE)
				.containsOnly(AdministrativeGender.FEMALE, AdministrativeGender.MALE);
		assertThat(SexSpecificCodes.defaults().entries()).extracting(SexSpecificCodes.Entry::system)
				.containsOnly(SexSpecificCodes.SNOMED_CT, SexSpecificCodes.ICD_10_CM);
	}

	private static Condition condition(String patient, String system, String code) {
		Condition condition = new Condition().setSubject(new Reference("Patient/" + patient));
		condition.getCode().addCoding(new Coding(system, code, null));
		return condition;
	}

	private static Procedure procedure(String patient, String snomed) {
		Procedure procedure = new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED)
				.setSubject(new Reference("Patient/" + patient));
		procedure.getCode().addCoding(new Coding(SNOMED, snomed, null));
		return procedure;
	}

	private static Patient patient(String id, AdministrativeGender gender) {
		Patient patient = new Patient();
		patient.setId(id);
		if (gender != null) {
			patient.setGender(gender);
		}
		return patient;
	}
}
