package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class RequiredElementsCheckTest {

	private static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

	private final InMemoryCheckContext context = new InMemoryCheckContext();
	private final RequiredElementsCheck check = new RequiredElementsCheck(FhirContext.forR4Cached());

	@Test
	void describesItselfAsCompleteness() {
		assertThat(check.id()).isEqualTo("completeness-missing-required-element");
		assertThat(check.category()).isEqualTo(KahnCategory.COMPLETENESS);
		assertThat(check.category().subcategory()).isNull();
	}

	@Test
	void listsTheExpectedElementsOfEachJudgedType() {
		assertThat(RequiredElementsCheck.expectedElementsByType())
				.containsOnlyKeys("Observation", "Condition", "Encounter", "Patient", "MedicationRequest", "Procedure",
						"Immunization")
				.containsEntry("Observation", List.of("status", "code", "subject", "effective[x]"))
				.containsEntry("Condition", List.of("code", "subject", "clinicalStatus"));
	}

	@Test
	void aCompleteObservationPasses() {
		assertThat(check.evaluate(observation(), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.missingElements(observation())).isEmpty();
	}

	@Test
	void anObservationWithoutTimeOrSubjectFailsNamingBoth() {
		Observation observation = observation();
		observation.setEffective(null);
		observation.setSubject(null);

		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.missingElements(observation)).containsExactly("subject", "effective[x]");
	}

	@Test
	void aDataAbsentReasonOnTheElementExplainsItsAbsence() {
		Observation observation = observation();
		DateTimeType unknownTime = new DateTimeType();
		unknownTime.addExtension(DATA_ABSENT_REASON, new CodeType("unknown"));
		observation.setEffective(unknownTime);

		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aDataAbsentReasonElsewhereDoesNotExplainAMissingElement() {
		Observation observation = observation();
		observation.setEffective(null);
		observation.setValue(null);
		observation.getDataAbsentReason().addCoding(
				new Coding("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", null));
		observation.addExtension(DATA_ABSENT_REASON, new CodeType("unknown"));

		assertThat(check.missingElements(observation)).containsExactly("effective[x]");
	}

	@Test
	void aPrimitiveWithOnlyAnotherExtensionIsMissing() {
		Patient patient = patient();
		DateType birthDate = new DateType();
		birthDate.addExtension("http://hl7.org/fhir/StructureDefinition/patient-birthTime",
				new DateTimeType("1980-06-15T07:30:00+02:00"));
		patient.setBirthDateElement(birthDate);

		assertThat(check.missingElements(patient)).containsExactly("birthDate");
	}

	@Test
	void aPatientWithoutBirthDateFailsUnlessItsAbsenceIsExplained() {
		Patient patient = patient();
		patient.setBirthDateElement(null);

		assertThat(check.evaluate(patient, context)).isEqualTo(CheckOutcome.FAIL);

		DateType explained = new DateType();
		explained.addExtension(DATA_ABSENT_REASON, new CodeType("asked-unknown"));
		patient.setBirthDateElement(explained);

		assertThat(check.evaluate(patient, context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void anEmptyNameIsMissingAndANameWithADataAbsentReasonIsExplained() {
		Patient patient = patient();
		patient.getName().clear();
		patient.addName(new HumanName());

		assertThat(check.missingElements(patient)).containsExactly("name");

		patient.getName().clear();
		HumanName masked = new HumanName();
		masked.addExtension(DATA_ABSENT_REASON, new CodeType("masked"));
		patient.addName(masked);

		assertThat(check.missingElements(patient)).isEmpty();
	}

	@Test
	void aConditionNeedsAClinicalStatusUnlessEnteredInError() {
		Condition condition = condition();
		condition.setClinicalStatus(null);

		assertThat(check.missingElements(condition)).containsExactly("clinicalStatus");

		condition.setVerificationStatus(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-ver-status", "entered-in-error", null)));

		assertThat(check.evaluate(condition, context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(condition(), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void encounterMedicationRequestProcedureAndImmunizationAreJudged() {
		Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
				.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"))
				.setSubject(new Reference("Patient/1"))
				.setPeriod(new Period().setStartElement(new DateTimeType("2025-03-01T09:00:00Z")));
		MedicationRequest request = new MedicationRequest()
				.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
				.setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
				.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "197361",
						"Amlodipine 5 MG Oral Tablet")))
				.setSubject(new Reference("Patient/1"))
				.setAuthoredOnElement(new DateTimeType("2025-03-01"));
		Procedure procedure = new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED)
				.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "80146002", "Appendectomy")))
				.setSubject(new Reference("Patient/1"));
		Immunization immunization = new Immunization().setStatus(Immunization.ImmunizationStatus.COMPLETED)
				.setVaccineCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/cvx", "208", null)))
				.setPatient(new Reference("Patient/1"))
				.setOccurrence(new StringType("last spring"));

		assertThat(check.evaluate(encounter, context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(request, context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(procedure, context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(immunization, context)).isEqualTo(CheckOutcome.PASS);

		encounter.setClass_(null);
		request.setMedication(null);
		procedure.setCode(null);
		immunization.setOccurrence(null);

		assertThat(check.missingElements(encounter)).containsExactly("class");
		assertThat(check.missingElements(request)).containsExactly("medication[x]");
		assertThat(check.missingElements(procedure)).containsExactly("code");
		assertThat(check.missingElements(immunization)).containsExactly("occurrence[x]");
	}

	@Test
	void otherResourceTypesAreNotApplicable() {
		Organization organization = new Organization();

		assertThat(check.evaluate(organization, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.missingElements(organization)).isEmpty();
	}

	private static Observation observation() {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")));
		observation.setSubject(new Reference("Patient/1"));
		observation.setEffective(new DateTimeType("2025-03-01T09:00:00Z"));
		return observation;
	}

	private static Patient patient() {
		Patient patient = new Patient();
		patient.addName().setFamily("Chalmers").addGiven("Peter");
		patient.setGender(Enumerations.AdministrativeGender.MALE);
		patient.setBirthDateElement(new DateType("1974-12-25"));
		return patient;
	}

	private static Condition condition() {
		Condition condition = new Condition();
		condition.setClinicalStatus(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
		condition.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "38341003", "Hypertension")));
		condition.setSubject(new Reference("Patient/1"));
		return condition;
	}
}
