package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class FutureDateCheckTest {

	/** 2025-03-10T12:00:00Z, with five minutes of clock skew allowed. */
	private final InMemoryCheckContext context = new InMemoryCheckContext().withClockSkew(Duration.ofMinutes(5));
	private final FutureDateCheck check = new FutureDateCheck();

	@Test
	void describesItselfAsTemporalPlausibility() {
		assertThat(check.id()).isEqualTo("plausibility-future-date");
		assertThat(check.category()).isEqualTo(KahnCategory.PLAUSIBILITY_TEMPORAL);
		assertThat(check.description()).isNotBlank();
	}

	@Test
	void observationTakenThisMorningPasses() {
		assertThat(check.evaluate(heartRateAt("2025-03-10T07:30:00Z"), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void observationDatedNextYearFails() {
		assertThat(check.evaluate(heartRateAt("2026-03-10T07:30:00Z"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aDateExactlyAtTheClockSkewLimitPassesAndOneSecondLaterFails() {
		assertThat(check.evaluate(heartRateAt("2025-03-10T12:05:00Z"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(heartRateAt("2025-03-10T12:05:01Z"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void withoutClockSkewOneSecondAheadFails() {
		context.withClockSkew(Duration.ZERO);

		assertThat(check.evaluate(heartRateAt("2025-03-10T12:00:00Z"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(heartRateAt("2025-03-10T12:00:01Z"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void offsetsAreHonoured() {
		// 13:03 in Paris (UTC+1) is 12:03 UTC: within the skew.
		assertThat(check.evaluate(heartRateAt("2025-03-10T13:03:00+01:00"), context)).isEqualTo(CheckOutcome.PASS);
		// 13:00 in New York (UTC-4) is 17:00 UTC: five hours ahead.
		assertThat(check.evaluate(heartRateAt("2025-03-10T13:00:00-04:00"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aFutureIssuedDateFailsEvenWhenTheEffectiveDateIsPast() {
		Observation observation = heartRateAt("2025-03-10T07:30:00Z");
		observation.setIssuedElement(new InstantType("2025-03-11T07:30:00Z"));

		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aBirthDateThatHasBegunSomewhereOnEarthPasses() {
		// At 12:00 UTC on 10 March it is already 02:00 on 11 March in Kiribati (UTC+14).
		assertThat(check.evaluate(bornOn("2025-03-11"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(bornOn("2025-03-12"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void partialBirthDatesAreInTheFutureOnlyWhenTheirWholeYearOrMonthIs() {
		assertThat(check.evaluate(bornOn("2025"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(bornOn("2025-03"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(bornOn("2025-04"), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(bornOn("2026"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aFinishedEncounterEndingTomorrowFails() {
		Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
		encounter.setPeriod(new Period()
				.setStartElement(new DateTimeType("2025-03-09T22:00:00Z"))
				.setEndElement(new DateTimeType("2025-03-11T10:00:00Z")));

		assertThat(check.evaluate(encounter, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void plannedDatesMayLieAhead() {
		Encounter planned = new Encounter().setStatus(Encounter.EncounterStatus.PLANNED);
		planned.setPeriod(new Period().setStartElement(new DateTimeType("2025-04-01T09:00:00Z")));
		CarePlan plan = new CarePlan();
		plan.setPeriod(new Period()
				.setStartElement(new DateTimeType("2025-03-01"))
				.setEndElement(new DateTimeType("2025-12-31")));

		assertThat(check.evaluate(planned, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(plan, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void resourcesWithoutClinicalDatesAreNotApplicable() {
		Observation undated = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		undated.setSubject(new Reference("Patient/1"));

		assertThat(check.evaluate(undated, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Organization().setName("General Hospital"), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		Patient withoutBirthDate = new Patient().addName(new HumanName().setFamily("Doe"));
		assertThat(check.evaluate(withoutBirthDate, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void followsTheContextClock() {
		Observation observation = heartRateAt("2025-03-10T13:00:00Z");
		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.FAIL);

		context.at(Instant.parse("2025-03-10T13:00:00Z"));
		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.PASS);
	}

	private static Observation heartRateAt(String effective) {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4").setDisplay("Heart rate");
		observation.setSubject(new Reference("Patient/1"));
		observation.setEffective(new DateTimeType(effective));
		return observation;
	}

	private static Patient bornOn(String birthDate) {
		return new Patient().setBirthDateElement(new DateType(birthDate));
	}
}
