package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class EventBeforeBirthOrAfterDeathCheckTest {

	private final InMemoryCheckContext context = new InMemoryCheckContext();
	private final EventBeforeBirthOrAfterDeathCheck check = new EventBeforeBirthOrAfterDeathCheck();

	@Test
	void describesItselfAsTemporalPlausibility() {
		assertThat(check.id()).isEqualTo("plausibility-event-outside-life");
		assertThat(check.category()).isEqualTo(KahnCategory.PLAUSIBILITY_TEMPORAL);
	}

	@Test
	void observationDuringLifePasses() {
		context.withPatient(patient("p1", "1980-06-15"));

		assertThat(check.evaluate(observation("p1", "2020-01-01T10:00:00Z"), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void observationBeforeBirthFails() {
		context.withPatient(patient("p1", "1980-06-15"));

		assertThat(check.evaluate(observation("p1", "1979-12-31T10:00:00Z"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void anEventOnTheBirthDayPassesAndTheDayBeforeFails() {
		context.withPatient(patient("p1", "1980-06-15"));

		assertThat(check.evaluate(observation("p1", "1980-06-15T00:05:00+02:00"), context))
				.isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("p1", "1980-06-15"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("p1", "1980-06-14T23:59:59Z"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aBirthYearOnlyIsComparedAtYearPrecision() {
		context.withPatient(patient("p1", "1980"));

		assertThat(check.evaluate(observation("p1", "1980-01-01T00:00:00Z"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("p1", "1979-12-31T23:00:00Z"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aConditionRecordedBeforeBirthFails() {
		context.withPatient(patient("p1", "1980-06-15"));
		Condition condition = new Condition().setSubject(new Reference("Patient/p1"));
		condition.setRecordedDateElement(new DateTimeType("1975-02-01"));

		assertThat(check.evaluate(condition, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void anObservationAfterDeathFailsAndOneAtTheMomentOfDeathPasses() {
		context.withPatient(deceased(patient("p1", "1940-01-01"), "2024-11-02T04:10:00Z"));

		assertThat(check.evaluate(observation("p1", "2024-11-02T04:10:00Z"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("p1", "2024-11-02T05:00:00+01:00"), context))
				.isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("p1", "2024-11-02T04:10:01Z"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aDeathDateWithoutTimeAllowsEventsThatDay() {
		context.withPatient(deceased(patient("p1", "1940-01-01"), "2024-11-02"));

		assertThat(check.evaluate(observation("p1", "2024-11-02T20:00:00Z"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("p1", "2024-11-03T00:30:00Z"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aPrescriptionAuthoredAfterDeathFails() {
		context.withPatient(deceased(patient("p1", "1940-01-01"), "2024-11-02T04:10:00Z"));
		MedicationRequest request = new MedicationRequest().setSubject(new Reference("Patient/p1"));
		request.setAuthoredOnElement(new DateTimeType("2024-11-05T09:00:00Z"));

		assertThat(check.evaluate(request, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void resultsIssuedAndStaysEndingAfterDeathPass() {
		context.withPatient(deceased(patient("p1", "1940-01-01"), "2024-11-02T04:10:00Z"));
		DiagnosticReport report = new DiagnosticReport().setSubject(new Reference("Patient/p1"));
		report.setEffective(new DateTimeType("2024-11-01T22:00:00Z"));
		report.setIssuedElement(new InstantType("2024-11-03T08:00:00Z"));
		Encounter stay = new Encounter().setSubject(new Reference("Patient/p1"));
		stay.setPeriod(new Period()
				.setStartElement(new DateTimeType("2024-10-28T14:00:00Z"))
				.setEndElement(new DateTimeType("2024-11-02T09:00:00Z")));

		assertThat(check.evaluate(report, context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(stay, context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aDeathDateAloneStillBoundsEvents() {
		Patient noBirthDate = deceased(new Patient(), "2024-11-02");
		noBirthDate.setId("p1");
		context.withPatient(noBirthDate);

		assertThat(check.evaluate(observation("p1", "2024-10-01"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("p1", "2025-01-01"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aPatientWhoDiedBeforeBeingBornFails() {
		assertThat(check.evaluate(deceased(patient("p1", "1980-06-15"), "1980-06-15T10:00:00Z"), context))
				.isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(deceased(patient("p1", "1980-06-15"), "1979-01-01"), context))
				.isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void notApplicableWithoutAKnownPatient() {
		context.withPatient(patient("p1", "1980-06-15"));

		assertThat(check.evaluate(observation("unknown", "1970-01-01"), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Organization().setName("General Hospital"), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void notApplicableWhenThePatientHasNeitherBirthNorDeathDate() {
		Patient undated = new Patient();
		undated.setId("p1");
		context.withPatient(undated);

		assertThat(check.evaluate(observation("p1", "1970-01-01"), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(patient("p2", "1980-06-15"), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void notApplicableWithoutEventDates() {
		context.withPatient(patient("p1", "1980-06-15"));
		Observation undated = new Observation().setSubject(new Reference("Patient/p1"));

		assertThat(check.evaluate(undated, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	private static Patient patient(String id, String birthDate) {
		Patient patient = new Patient().setBirthDateElement(new DateType(birthDate));
		patient.setId(id);
		return patient;
	}

	private static Patient deceased(Patient patient, String deceased) {
		patient.setDeceased(new DateTimeType(deceased));
		return patient;
	}

	private static Observation observation(String patientId, String effective) {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8310-5");
		observation.setSubject(new Reference("Patient/" + patientId));
		observation.setEffective(new DateTimeType(effective));
		return observation;
	}
}
