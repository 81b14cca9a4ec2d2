package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

class OnsetAfterAbatementCheckTest {

	private final InMemoryCheckContext context = new InMemoryCheckContext();
	private final OnsetAfterAbatementCheck check = new OnsetAfterAbatementCheck();

	@Test
	void describesItselfAsTemporalPlausibility() {
		assertThat(check.id()).isEqualTo("plausibility-onset-after-abatement");
		assertThat(check.category()).isEqualTo(KahnCategory.PLAUSIBILITY_TEMPORAL);
		assertThat(check.checkClass()).isEqualTo(CheckClass.CONVENTION);
	}

	@Test
	void aConditionThatAbatesAfterItsOnsetPassesAndOneThatAbatesBeforeFails() {
		assertThat(outcome(at("2020-01-05T10:00:00Z"), at("2020-02-01T10:00:00Z"))).isEqualTo(CheckOutcome.PASS);
		assertThat(outcome(at("2020-02-01T10:00:00Z"), at("2020-01-05T10:00:00Z"))).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void theSameInstantPassesAndOneSecondOfDisorderFails() {
		assertThat(outcome(at("2020-01-05T10:00:00Z"), at("2020-01-05T10:00:00Z"))).isEqualTo(CheckOutcome.PASS);
		assertThat(outcome(at("2020-01-05T10:00:01Z"), at("2020-01-05T10:00:00Z"))).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void partialDatesCompareAtTheCoarserPrecision() {
		assertThat(outcome(at("2020"), at("2020-03-01"))).as("onset some time in 2020").isEqualTo(CheckOutcome.PASS);
		assertThat(outcome(at("2020-03-15T09:00:00Z"), at("2020-03"))).isEqualTo(CheckOutcome.PASS);
		assertThat(outcome(at("2020-04"), at("2020-03-31"))).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void periodsCountFromTheOnsetStartToTheAbatementEnd() {
		Period onset = new Period().setStartElement(new DateTimeType("2020-03-01")).setEndElement(new DateTimeType("2020-06-01"));
		Period abatement = new Period().setStartElement(new DateTimeType("2020-02-01")).setEndElement(new DateTimeType("2020-04-01"));
		assertThat(outcome(onset, abatement)).isEqualTo(CheckOutcome.PASS);

		Period abatementStartOnly = new Period().setStartElement(new DateTimeType("2020-02-01"));
		assertThat(outcome(onset, abatementStartOnly)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void agesStringsAndMissingDatesAreNotJudged() {
		assertThat(outcome(new Age().setValue(40), at("2020-03-01"))).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(outcome(at("2020-03-01"), new StringType("in childhood"))).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(outcome(at("2020-03-01"), null)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(outcome(null, at("2020-03-01"))).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Observation(), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void anAllergyWhoseLastReactionPrecedesItsOnsetFails() {
		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setOnset(new DateTimeType("2019-05-01"));
		assertThat(check.evaluate(allergy, context)).as("no last occurrence").isEqualTo(CheckOutcome.NOT_APPLICABLE);

		allergy.setLastOccurrenceElement(new DateTimeType("2021-07-12T08:00:00Z"));
		assertThat(check.evaluate(allergy, context)).isEqualTo(CheckOutcome.PASS);

		allergy.setLastOccurrenceElement(new DateTimeType("2018-07-12T08:00:00Z"));
		assertThat(check.evaluate(allergy, context)).isEqualTo(CheckOutcome.FAIL);
	}

	private CheckOutcome outcome(Type onset, Type abatement) {
		Condition condition = new Condition();
		condition.setOnset(onset);
		condition.setAbatement(abatement);
		return check.evaluate(condition, context);
	}

	private static DateTimeType at(String value) {
		return new DateTimeType(value);
	}
}
