package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class PeriodOrderCheckTest {

	private final InMemoryCheckContext context = new InMemoryCheckContext();
	private final PeriodOrderCheck check = new PeriodOrderCheck(FhirContext.forR4Cached());

	@Test
	void describesItselfAsTemporalPlausibility() {
		assertThat(check.id()).isEqualTo("plausibility-period-start-after-end");
		// the order of two times, as DQD's plausibleStartBeforeEnd (Plausibility/Temporal)
		assertThat(check.category()).isEqualTo(KahnCategory.PLAUSIBILITY_TEMPORAL);
	}

	@Test
	void anEncounterThatEndsAfterItStartsPasses() {
		assertThat(check.evaluate(encounter("2025-03-01T08:00:00Z", "2025-03-04T11:30:00Z"), context))
				.isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void anEncounterThatEndsBeforeItStartsFails() {
		assertThat(check.evaluate(encounter("2025-03-04T11:30:00Z", "2025-03-01T08:00:00Z"), context))
				.isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void equalEndsPassAndOneSecondOfDisorderFails() {
		assertThat(check.evaluate(encounter("2025-03-01T08:00:00Z", "2025-03-01T08:00:00Z"), context))
				.isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(encounter("2025-03-01T08:00:01Z", "2025-03-01T08:00:00Z"), context))
				.isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void endsOfDifferentPrecisionCompareAtTheCoarserOne() {
		assertThat(check.evaluate(encounter("2025-03-01", "2025-03-01T08:00:00Z"), context))
				.isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(encounter("2025-03", "2025-03-01"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(encounter("2025-03-02", "2025-03-01T23:00:00Z"), context))
				.isEqualTo(CheckOutcome.FAIL);
		// Both times: 09:00 in Paris is 08:00 UTC, before 08:30 UTC.
		assertThat(check.evaluate(encounter("2025-03-01T09:00:00+01:00", "2025-03-01T08:30:00Z"), context))
				.isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aReversedPeriodDeepInsideTheResourceFails() {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:oid:1.2.36.146.595.217.0.1").setValue("12345")
				.setPeriod(period("2020-01-01", "2019-01-01"));

		assertThat(check.evaluate(patient, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aReversedPeriodInAnExtensionOrContainedResourceFails() {
		Observation withExtension = new Observation();
		withExtension.setEffective(period("2025-03-01", "2025-03-02"));
		withExtension.addExtension(
				"http://example.org/fhir/StructureDefinition/exposure", period("2025-02", "2025-01"));
		Observation withContained = new Observation();
		Practitioner performer = new Practitioner();
		performer.setId("performer");
		performer.addQualification().setPeriod(period("2010", "2005"));
		withContained.addContained(performer);
		withContained.addPerformer(new Reference("#performer"));

		assertThat(check.evaluate(withExtension, context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(withContained, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void oneBadPeriodAmongGoodOnesFails() {
		Encounter encounter = encounter("2025-03-01T08:00:00Z", "2025-03-04T11:30:00Z");
		encounter.addLocation().setPeriod(period("2025-03-02T10:00:00Z", "2025-03-02T09:00:00Z"));

		assertThat(check.evaluate(encounter, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void openEndedPeriodsAndResourcesWithoutPeriodsAreNotApplicable() {
		Encounter ongoing = new Encounter().setPeriod(new Period().setStartElement(new DateTimeType("2025-03-01")));

		assertThat(check.evaluate(ongoing, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Patient().setActive(true), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	private static Encounter encounter(String start, String end) {
		Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
		encounter.setPeriod(period(start, end));
		return encounter;
	}

	private static Period period(String start, String end) {
		return new Period().setStartElement(new DateTimeType(start)).setEndElement(new DateTimeType(end));
	}
}
