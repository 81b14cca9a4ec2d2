package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;

class ClinicalTimesTest {

	@Test
	void observationGivesEffectiveAsOccurrenceAndIssuedAsRecorded() {
		Observation observation = new Observation();
		observation.setEffective(new DateTimeType("2025-03-01T08:15:00+01:00"));
		observation.setIssuedElement(new InstantType("2025-03-01T09:00:00.000+01:00"));

		assertThat(ClinicalTimes.dates(observation))
				.extracting(ClinicalDate::element, ClinicalDate::kind, date -> date.value().toString())
				.containsExactly(
						tuple("Observation.effective", ClinicalDate.Kind.OCCURRENCE, "2025-03-01T08:15:00+01:00"),
						tuple("Observation.issued", ClinicalDate.Kind.RECORDED, "2025-03-01T09:00:00.000+01:00"));
		assertThat(ClinicalTimes.clinicalTime(observation)).contains(Instant.parse("2025-03-01T07:15:00Z"));
	}

	@Test
	void clinicalTimeFallsBackToTheRecordedDate() {
		Observation observation = new Observation();
		observation.setIssuedElement(new InstantType("2025-03-01T09:00:00.000Z"));

		assertThat(ClinicalTimes.clinicalTime(observation)).contains(Instant.parse("2025-03-01T09:00:00Z"));
	}

	@Test
	void conditionGivesOnsetAbatementAndRecordedDate() {
		Condition condition = new Condition();
		condition.setOnset(new Period()
				.setStartElement(new DateTimeType("2019-06"))
				.setEndElement(new DateTimeType("2019-07")));
		condition.setAbatement(new DateTimeType("2020-01-15"));
		condition.setRecordedDateElement(new DateTimeType("2019-08-02"));

		assertThat(ClinicalTimes.dates(condition))
				.extracting(ClinicalDate::element, ClinicalDate::kind)
				.containsExactly(
						tuple("Condition.onset.start", ClinicalDate.Kind.OCCURRENCE),
						tuple("Condition.onset.end", ClinicalDate.Kind.END),
						tuple("Condition.abatement", ClinicalDate.Kind.END),
						tuple("Condition.recordedDate", ClinicalDate.Kind.RECORDED));
		assertThat(ClinicalTimes.clinicalTime(condition)).contains(Instant.parse("2019-06-01T00:00:00Z"));
	}

	@Test
	void onsetAsAnAgeGivesNoDate() {
		Condition condition = new Condition();
		condition.setOnset(new Age().setValue(42).setSystem("http://unitsofmeasure.org").setCode("a"));

		assertThat(ClinicalTimes.dates(condition)).isEmpty();
		assertThat(ClinicalTimes.clinicalTime(condition)).isEmpty();
	}

	@Test
	void periodsOfPlansPlannedEncountersAndPreauthorizationsArePlanned() {
		CarePlan plan = new CarePlan();
		plan.setPeriod(new Period().setStartElement(new DateTimeType("2025-04-01")));
		Encounter planned = new Encounter().setStatus(Encounter.EncounterStatus.PLANNED);
		planned.setPeriod(new Period().setStartElement(new DateTimeType("2025-04-01")));
		Encounter finished = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
		finished.setPeriod(new Period().setStartElement(new DateTimeType("2025-03-01")));
		Claim preauthorization = new Claim().setUse(Claim.Use.PREAUTHORIZATION);
		preauthorization.setBillablePeriod(new Period().setStartElement(new DateTimeType("2025-04-01")));
		preauthorization.setCreatedElement(new DateTimeType("2025-03-09"));

		assertThat(ClinicalTimes.dates(plan)).extracting(ClinicalDate::planned).containsExactly(true);
		assertThat(ClinicalTimes.dates(planned)).extracting(ClinicalDate::planned).containsExactly(true);
		assertThat(ClinicalTimes.dates(finished)).extracting(ClinicalDate::planned).containsExactly(false);
		assertThat(ClinicalTimes.dates(preauthorization))
				.extracting(ClinicalDate::element, ClinicalDate::planned)
				.containsExactly(tuple("Claim.billablePeriod.start", true), tuple("Claim.created", false));
		assertThat(ClinicalTimes.clinicalTime(plan)).contains(Instant.parse("2025-04-01T00:00:00Z"));
	}

	@Test
	void patientGivesBirthAndDeathButNoClinicalTime() {
		Patient patient = new Patient().setBirthDateElement(new DateType("1950"));
		patient.setDeceased(new DateTimeType("2024-11-02T04:10:00Z"));

		assertThat(ClinicalTimes.dates(patient))
				.extracting(ClinicalDate::kind)
				.containsExactly(ClinicalDate.Kind.BIRTH, ClinicalDate.Kind.DEATH);
		assertThat(ClinicalTimes.clinicalTime(patient)).isEmpty();
	}

	@Test
	void documentReferenceGivesItsDateAsRecorded() {
		DocumentReference document = new DocumentReference();
		document.setDateElement(new InstantType("2025-03-01T09:00:00Z"));

		assertThat(ClinicalTimes.dates(document)).extracting(ClinicalDate::kind)
				.containsExactly(ClinicalDate.Kind.RECORDED);
		assertThat(ClinicalTimes.clinicalTime(document)).contains(Instant.parse("2025-03-01T09:00:00Z"));
	}

	@Test
	void typesWithoutClinicalDatesGiveNone() {
		Organization organization = new Organization().setName("General Hospital");

		assertThat(ClinicalTimes.dates(organization)).isEmpty();
		assertThat(ClinicalTimes.clinicalTime(organization)).isEmpty();
	}
}
