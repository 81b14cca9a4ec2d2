package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class EventOutsideEncounterCheckTest {

	/** No margin unless a test sets one. */
	private final InMemoryCheckContext context = new InMemoryCheckContext()
			.withEncounter(encounter("visit", "2025-03-01T08:00:00Z", "2025-03-01T12:00:00Z"))
			.withEncounter(encounter("stay", "2025-03-01T08:00:00Z", null))
			.withEncounter(encounter("unscheduled", null, null))
			.withEncounter(encounter("day", "2025-03-01", "2025-03-01"));
	private final EventOutsideEncounterCheck check = new EventOutsideEncounterCheck();

	@Test
	void describesItselfAsTemporalPlausibilityThatDescribesTheData() {
		assertThat(check.id()).isEqualTo("plausibility-event-outside-encounter");
		assertThat(check.category()).isEqualTo(KahnCategory.PLAUSIBILITY_TEMPORAL);
		assertThat(check.checkClass()).isEqualTo(CheckClass.CHARACTERIZATION);
	}

	@Test
	void anObservationDuringTheVisitPassesAndOneBeforeOrAfterFails() {
		assertThat(check.evaluate(observation("visit", "2025-03-01T10:00:00Z"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("visit", "2025-03-01T07:59:59Z"), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(observation("visit", "2025-03-01T12:00:01Z"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void theBoundsThemselvesAreWithin() {
		assertThat(check.evaluate(observation("visit", "2025-03-01T08:00:00Z"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("visit", "2025-03-01T12:00:00Z"), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void theMarginWidensBothBoundsExactly() {
		context.withEncounterMargin(Duration.ofHours(1));

		assertThat(check.evaluate(observation("visit", "2025-03-01T07:00:00Z"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("visit", "2025-03-01T06:59:59Z"), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(observation("visit", "2025-03-01T13:00:00Z"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("visit", "2025-03-01T13:00:01Z"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void anEventDateComparesAtDayPrecisionAndADayMarginWidensADayByOne() {
		assertThat(check.evaluate(observation("visit", "2025-03-01"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("day", "2025-03-01T23:30:00+05:00"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("day", "2025-03-02"), context)).isEqualTo(CheckOutcome.FAIL);

		context.withEncounterMargin(Duration.ofDays(1));
		assertThat(check.evaluate(observation("day", "2025-03-02"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("day", "2025-02-28"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("day", "2025-03-03"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void anEncounterWithoutAnEndJudgesOnlyItsStart() {
		assertThat(check.evaluate(observation("stay", "2025-09-01T10:00:00Z"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("stay", "2025-02-28T10:00:00Z"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void withoutAKnownEncounterWithAStartOrAnEventDateItIsNotApplicable() {
		assertThat(check.evaluate(observation("unscheduled", "2025-03-01T10:00:00Z"), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(observation("elsewhere", "2025-03-01T10:00:00Z"), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(observation("visit", null), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Observation().setEffective(new DateTimeType("2025-03-01")), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(encounter("visit", "2020-01-01", null), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void eachTypeIsJudgedByItsEventDate() {
		Procedure procedure = new Procedure().setPerformed(new Period().setStartElement(new DateTimeType("2025-03-02")));
		assertThat(check.evaluate(in("visit", procedure), context)).isEqualTo(CheckOutcome.FAIL);

		DiagnosticReport report = new DiagnosticReport().setEffective(new DateTimeType("2025-03-01T09:00:00Z"));
		assertThat(check.evaluate(in("visit", report), context)).isEqualTo(CheckOutcome.PASS);

		MedicationRequest request = new MedicationRequest().setAuthoredOnElement(new DateTimeType("2025-02-27"));
		assertThat(check.evaluate(in("visit", request), context)).isEqualTo(CheckOutcome.FAIL);

		Immunization immunization = new Immunization().setOccurrence(new DateTimeType("2025-03-01T11:00:00Z"));
		assertThat(check.evaluate(in("visit", immunization), context)).isEqualTo(CheckOutcome.PASS);

		// a condition that began years before the visit, recorded during it
		Condition condition = new Condition().setOnset(new DateTimeType("2010-05-01"))
				.setRecordedDateElement(new DateTimeType("2025-03-01T09:00:00Z"));
		assertThat(check.evaluate(in("visit", condition), context)).isEqualTo(CheckOutcome.PASS);
		condition.setRecordedDateElement(new DateTimeType("2025-03-05"));
		assertThat(check.evaluate(in("visit", condition), context)).isEqualTo(CheckOutcome.FAIL);
	}

	private static Observation observation(String encounterId, String effective) {
		Observation observation = new Observation();
		if (effective != null) {
			observation.setEffective(new DateTimeType(effective));
		}
		return in(encounterId, observation);
	}

	private static <T extends Resource> T in(String encounterId, T resource) {
		resource.setProperty("encounter", new Reference("Encounter/" + encounterId));
		return resource;
	}

	private static Encounter encounter(String id, String start, String end) {
		Encounter encounter = new Encounter();
		encounter.setId(id);
		Period period = new Period();
		if (start != null) {
			period.setStartElement(new DateTimeType(start));
		}
		if (end != null) {
			period.setEndElement(new DateTimeType(end));
		}
		if (start != null || end != null) {
			encounter.setPeriod(period);
		}
		return encounter;
	}
}
