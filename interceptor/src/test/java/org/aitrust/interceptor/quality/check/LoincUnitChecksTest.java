package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** The units-per-LOINC-code check, the laboratory range check and the table they share. */
class LoincUnitChecksTest {

	private static final String UCUM = "http://unitsofmeasure.org";

	private final InMemoryCheckContext context = new InMemoryCheckContext();
	private final LoincUnitCheck units = new LoincUnitCheck();
	private final LaboratoryRangeCheck ranges = new LaboratoryRangeCheck();

	@Test
	void theTableCoversAtLeastFiftyLaboratoryCodesInValidUcum() {
		Set<String> laboratory = LoincUnits.defaults().rows().stream()
				.filter(row -> !Set.of("vital", "body", "score").contains(row.group()))
				.map(LoincUnit::loincCode).collect(Collectors.toSet());
		assertThat(laboratory).hasSizeGreaterThanOrEqualTo(50);
		assertThat(LoincUnits.defaults().rows()).allSatisfy(row -> {
			assertThat(UcumUnits.valid(row.unit())).as(row.loincCode() + " " + row.unit()).isTrue();
			assertThat(row.group()).isNotBlank();
			if (row.hasRange()) {
				assertThat(row.low().signum()).as(row.loincCode()).isGreaterThanOrEqualTo(0);
			}
		});
	}

	@Test
	void everyVitalSignRangeIsAnAllowedUnitWhoseRangeStaysWithTheVitalSignCheck() {
		for (VitalSignRange vital : VitalSignRanges.defaults().ranges()) {
			Quantity quantity = ucum("1", vital.ucumUnit());
			assertThat(LoincUnits.defaults().rowFor(vital.loincCode(), quantity))
					.as(vital.loincCode() + " " + vital.ucumUnit())
					.hasValueSatisfying(row -> assertThat(row.hasRange()).isFalse());
		}
	}

	@Test
	void aHeartRateInKilogramsFailsAndPerMinutePasses() {
		assertThat(units.evaluate(observation("8867-4", ucum("72", "/min")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(units.evaluate(observation("8867-4", ucum("72", "kg")), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void anUnknownUnitForAKnownCodeFailsWhateverItsForm() {
		// valid UCUM but not glucose's, free text, another system, no unit at all
		assertThat(units.evaluate(observation("2345-7", ucum("95", "mmol/mol")), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(units.evaluate(observation("2345-7", new Quantity(95).setUnit("milligrams")), context))
				.isEqualTo(CheckOutcome.FAIL);
		assertThat(units.evaluate(observation("2345-7",
				new Quantity(95).setSystem("urn:local-units").setCode("mg/dL")), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(units.evaluate(observation("2345-7", new Quantity(95)), context)).isEqualTo(CheckOutcome.FAIL);
		// UCUM is case-sensitive: mg/dl is not mg/dL
		assertThat(units.evaluate(observation("2345-7", ucum("95", "mg/dl")), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void eachAllowedUnitPassesIncludingUcumWrittenAsUnitTextWithoutACode() {
		assertThat(units.evaluate(observation("2345-7", ucum("95", "mg/dL")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(units.evaluate(observation("2345-7", ucum("5.3", "mmol/L")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(units.evaluate(observation("2345-7", new Quantity(95).setUnit("mg/dL")), context))
				.isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aDimensionlessCodeTakesOneAnAnnotationOrNoUnit() {
		assertThat(units.evaluate(observation("44261-6", ucum("12", "{score}")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(units.evaluate(observation("44261-6", ucum("12", "1")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(units.evaluate(observation("44261-6", new Quantity(12)), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(units.evaluate(observation("44261-6", ucum("12", "%")), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void componentsAreJudgedUnderTheirOwnCodes() {
		Observation panel = observation("85354-9", null);
		panel.addComponent().setValue(ucum("120", "mm[Hg]")).getCode().addCoding(loinc("8480-6"));
		panel.addComponent().setValue(ucum("80", "mm[Hg]")).getCode().addCoding(loinc("8462-4"));
		assertThat(units.evaluate(panel, context)).isEqualTo(CheckOutcome.PASS);

		panel.getComponent().get(1).setValue(ucum("80", "kPa"));
		assertThat(units.evaluate(panel, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void codesOutsideTheTableOtherValuesAndOtherResourcesAreNotApplicable() {
		assertThat(units.evaluate(observation("99999-9", ucum("1", "kg")), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(units.evaluate(observation("8867-4", null).setValue(new StringType("fast")), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(units.evaluate(observation("8867-4", new Quantity().setUnit("/min")), context))
				.as("no number").isEqualTo(CheckOutcome.NOT_APPLICABLE);
		Observation snomedOnly = new Observation();
		snomedOnly.getCode().addCoding(new Coding("http://snomed.info/sct", "364075005", "Heart rate"));
		snomedOnly.setValue(ucum("72", "kg"));
		assertThat(units.evaluate(snomedOnly, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(units.evaluate(new Patient(), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void aLaboratoryValueOutsideItsRangeFailsWithBothEndsIncluded() {
		assertThat(ranges.evaluate(observation("2951-2", ucum("140", "mmol/L")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(ranges.evaluate(observation("2951-2", ucum("1400", "mmol/L")), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(ranges.evaluate(observation("2951-2", ucum("80", "mmol/L")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(ranges.evaluate(observation("2951-2", ucum("250", "mmol/L")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(ranges.evaluate(observation("2951-2", ucum("79.9", "mmol/L")), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(ranges.evaluate(observation("2951-2", ucum("250.1", "mmol/L")), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void theRangeOfTheValuesOwnUnitApplies() {
		// 140 is a normal haemoglobin in g/L and impossible in g/dL
		assertThat(ranges.evaluate(observation("718-7", ucum("140", "g/L")), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(ranges.evaluate(observation("718-7", ucum("140", "g/dL")), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(ranges.evaluate(observation("44261-6", ucum("30", "{score}")), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void vitalSignsWrongUnitsAndBoundsAreLeftToOtherChecks() {
		// the vital sign check owns heart rate's range; a wrong unit is the unit check's; "<0.1" is a bound
		assertThat(ranges.evaluate(observation("8867-4", ucum("1800", "/min")), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(ranges.evaluate(observation("2951-2", ucum("1400", "kg")), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(ranges.evaluate(observation("1988-5",
				ucum("0.1", "mg/L").setComparator(Quantity.QuantityComparator.LESS_THAN)), context))
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void oneFailingComponentFailsTheRangeCheck() {
		Observation panel = observation("24323-8", null);
		panel.addComponent().setValue(ucum("140", "mmol/L")).getCode().addCoding(loinc("2951-2"));
		panel.addComponent().setValue(ucum("45", "mmol/L")).getCode().addCoding(loinc("2823-3"));
		assertThat(ranges.evaluate(panel, context)).isEqualTo(CheckOutcome.FAIL);
	}

	static Observation observation(String loincCode, Quantity value) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding(loinc(loincCode));
		if (value != null) {
			observation.setValue(value);
		}
		return observation;
	}

	private static Coding loinc(String code) {
		return new Coding("http://loinc.org", code, null);
	}

	private static Quantity ucum(String value, String code) {
		return new Quantity().setValue(new BigDecimal(value)).setSystem(UCUM).setCode(code).setUnit(code);
	}
}
