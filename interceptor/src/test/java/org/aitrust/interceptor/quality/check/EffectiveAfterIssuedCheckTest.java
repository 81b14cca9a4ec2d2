package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.Test;

class EffectiveAfterIssuedCheckTest {

	private final InMemoryCheckContext context = new InMemoryCheckContext();
	private final EffectiveAfterIssuedCheck check = new EffectiveAfterIssuedCheck();

	@Test
	void describesItselfAsTemporalPlausibility() {
		assertThat(check.id()).isEqualTo("plausibility-effective-after-issued");
		assertThat(check.category()).isEqualTo(KahnCategory.PLAUSIBILITY_TEMPORAL);
	}

	@Test
	void aResultIssuedAfterTheSampleWasTakenPassesAndOneIssuedBeforeFails() {
		assertThat(check.evaluate(observation("2025-03-01T08:00:00Z", "2025-03-01T14:00:00Z"), context))
				.isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("2025-03-01T14:00:00Z", "2025-03-01T08:00:00Z"), context))
				.isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void theSameInstantPassesAndOffsetsAreHonoured() {
		assertThat(check.evaluate(observation("2025-03-01T08:00:00Z", "2025-03-01T08:00:00Z"), context))
				.isEqualTo(CheckOutcome.PASS);
		// 09:30 in Paris is 08:30 UTC: after an 08:00 UTC issue
		assertThat(check.evaluate(observation("2025-03-01T09:30:00+01:00", "2025-03-01T08:00:00Z"), context))
				.isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void anEffectiveDateComparesAtDayPrecision() {
		assertThat(check.evaluate(observation("2025-03-01", "2025-03-01T00:00:00Z"), context))
				.isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(observation("2025-03-02", "2025-03-01T23:00:00Z"), context))
				.isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aPeriodCountsFromItsStart() {
		Observation collection = observation(null, "2025-03-02T09:00:00Z");
		collection.setEffective(new Period().setStartElement(new DateTimeType("2025-03-01T09:00:00Z"))
				.setEndElement(new DateTimeType("2025-03-02T09:30:00Z")));
		assertThat(check.evaluate(collection, context)).isEqualTo(CheckOutcome.PASS);

		DiagnosticReport report = new DiagnosticReport();
		report.setEffective(new Period().setStartElement(new DateTimeType("2025-03-03T09:00:00Z")));
		report.setIssuedElement(new InstantType("2025-03-02T09:00:00Z"));
		assertThat(check.evaluate(report, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void withoutBothDatesOrOfAnotherTypeItIsNotApplicable() {
		assertThat(check.evaluate(observation("2025-03-01T08:00:00Z", null), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(observation(null, "2025-03-01T08:00:00Z"), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		Observation timed = observation(null, "2025-03-01T08:00:00Z");
		timed.setEffective(new Timing());
		assertThat(check.evaluate(timed, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		Condition condition = new Condition();
		condition.setOnset(new DateTimeType("2025-03-02"));
		condition.setRecordedDateElement(new DateTimeType("2025-03-01"));
		assertThat(check.evaluate(condition, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	private static Observation observation(String effective, String issued) {
		Observation observation = new Observation();
		if (effective != null) {
			observation.setEffective(new DateTimeType(effective));
		}
		if (issued != null) {
			observation.setIssuedElement(new InstantType(issued));
		}
		return observation;
	}
}
