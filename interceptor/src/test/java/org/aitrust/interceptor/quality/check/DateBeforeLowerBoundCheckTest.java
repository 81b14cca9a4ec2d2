package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class DateBeforeLowerBoundCheckTest {

	/** 1850-01-01 as the earliest plausible date. */
	private final InMemoryCheckContext context = new InMemoryCheckContext();
	private final DateBeforeLowerBoundCheck check = new DateBeforeLowerBoundCheck();

	@Test
	void describesItselfAsTemporalPlausibility() {
		assertThat(check.id()).isEqualTo("plausibility-date-before-lower-bound");
		assertThat(check.category()).isEqualTo(KahnCategory.PLAUSIBILITY_TEMPORAL);
	}

	@Test
	void aBirthOnTheBoundPassesAndTheDayBeforeFails() {
		assertThat(check.evaluate(bornOn("1850-01-01"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(bornOn("1849-12-31"), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(bornOn("1975-06-15"), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aYearComparesAtYearPrecision() {
		assertThat(check.evaluate(bornOn("1850"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(bornOn("1849"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aPlaceholderClinicalDateFailsAmongPlausibleOnes() {
		Condition condition = new Condition().setOnset(new DateTimeType("0001-01-01"))
				.setRecordedDateElement(new DateTimeType("2025-03-01T09:00:00Z"));
		assertThat(check.evaluate(condition, context)).isEqualTo(CheckOutcome.FAIL);

		Observation observation = new Observation().setEffective(new DateTimeType("0202-03-01T09:00:00Z"));
		assertThat(check.evaluate(observation, context)).as("2020 typed as 0202").isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void theBoundIsTheConfiguredOne() {
		context.withEarliestPlausibleDate(LocalDate.of(1900, 1, 1));

		assertThat(check.evaluate(bornOn("1899-12-31"), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(bornOn("1900-01-01"), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aResourceWithoutDatesIsNotApplicable() {
		assertThat(check.evaluate(new Patient(), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Organization(), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	private static Patient bornOn(String date) {
		Patient patient = new Patient();
		patient.setBirthDateElement(new DateType(date));
		return patient;
	}
}
