package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class VitalSignRangeCheckTest {

	private static final String UCUM = "http://unitsofmeasure.org";

	private final InMemoryCheckContext context = new InMemoryCheckContext();
	private final VitalSignRangeCheck check = new VitalSignRangeCheck();

	@Test
	void describesItselfAsAtemporalPlausibility() {
		assertThat(check.id()).isEqualTo("plausibility-vital-sign-out-of-range");
		assertThat(check.category()).isEqualTo(KahnCategory.PLAUSIBILITY_ATEMPORAL);
	}

	@Test
	void aNormalHeartRatePassesAndATypoFails() {
		assertThat(check.evaluate(vitalSign("8867-4", "72", "/min"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(vitalSign("8867-4", "720", "/min"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void bothEndsOfTheRangeAreIncluded() {
		assertThat(check.evaluate(vitalSign("8867-4", "20", "/min"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(vitalSign("8867-4", "300", "/min"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(vitalSign("8867-4", "19.9", "/min"), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(vitalSign("8867-4", "300.1", "/min"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void theRangeOfTheValuesOwnUnitApplies() {
		// 98.6 is a normal temperature in Fahrenheit, and impossible in Celsius.
		assertThat(check.evaluate(vitalSign("8310-5", "98.6", "[degF]"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(vitalSign("8310-5", "98.6", "Cel"), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(vitalSign("8310-5", "37.2", "Cel"), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void bloodPressurePanelComponentsAreJudged() {
		assertThat(check.evaluate(bloodPressure("128", "84"), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(bloodPressure("1280", "84"), context)).isEqualTo(CheckOutcome.FAIL);
		// Pressure measured in kPa but labelled mm[Hg]: a systolic 17 is below any living patient's.
		assertThat(check.evaluate(bloodPressure("17", "11"), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(bloodPressure("128", "2"), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aLoincCodingAmongOtherCodingsIsFound() {
		Observation observation = vitalSign("2708-6", "104", "%");
		observation.getCode().getCoding().add(0, new Coding("http://snomed.info/sct", "431314004", "SpO2"));

		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void valuesNotInUcumOrInAnotherUnitAreLeftToOtherChecks() {
		Observation freeText = vitalSign("8867-4", "720", "/min");
		((Quantity) freeText.getValue()).setSystem(null).setCode(null).setUnit("beats/minute");
		Observation perSecond = vitalSign("8867-4", "1.2", "/s");

		assertThat(check.evaluate(freeText, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(perSecond, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void codesOutsideTheTableOrOutsideLoincAreNotApplicable() {
		Observation glucose = vitalSign("2339-0", "5400", "mg/dL");
		Observation snomedHeartRate = vitalSign("8867-4", "720", "/min");
		snomedHeartRate.getCode().getCodingFirstRep().setSystem("http://snomed.info/sct").setCode("364075005");

		assertThat(check.evaluate(glucose, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(snomedHeartRate, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void observationsWithoutQuantityAndOtherResourcesAreNotApplicable() {
		Observation text = vitalSign("8867-4", "72", "/min");
		text.setValue(new StringType("regular"));
		Observation absent = vitalSign("8867-4", "72", "/min");
		absent.setValue(null);
		absent.getDataAbsentReason().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/data-absent-reason").setCode("not-performed");

		assertThat(check.evaluate(text, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(absent, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Patient(), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void usesTheRangesConfiguredOnTheServer() {
		context.withVitalSignRanges(VitalSignRanges.of(List.of(
				new VitalSignRange("8867-4", "/min", BigDecimal.valueOf(90), BigDecimal.valueOf(220)))));

		assertThat(check.evaluate(vitalSign("8867-4", "72", "/min"), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(vitalSign("8310-5", "98.6", "Cel"), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	private static Observation vitalSign(String loincCode, String value, String ucumUnit) {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("vital-signs");
		observation.setCode(new CodeableConcept(new Coding("http://loinc.org", loincCode, null)));
		observation.setSubject(new Reference("Patient/1"));
		observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(ucumUnit).setSystem(UCUM)
				.setCode(ucumUnit));
		return observation;
	}

	private static Observation bloodPressure(String systolic, String diastolic) {
		Observation panel = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		panel.setCode(new CodeableConcept(new Coding("http://loinc.org", "85354-9", "Blood pressure panel")));
		panel.setSubject(new Reference("Patient/1"));
		panel.addComponent()
				.setCode(new CodeableConcept(new Coding("http://loinc.org", "8480-6", "Systolic blood pressure")))
				.setValue(mmHg(systolic));
		panel.addComponent()
				.setCode(new CodeableConcept(new Coding("http://loinc.org", "8462-4", "Diastolic blood pressure")))
				.setValue(mmHg(diastolic));
		return panel;
	}

	private static Quantity mmHg(String value) {
		return new Quantity().setValue(new BigDecimal(value)).setUnit("mmHg").setSystem(UCUM).setCode("mm[Hg]");
	}
}
