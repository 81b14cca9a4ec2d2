package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.junit.jupiter.api.Test;

class UcumUnitCheckTest {

	private static final String UCUM = "http://unitsofmeasure.org";

	private final InMemoryCheckContext context = new InMemoryCheckContext();
	private final UcumUnitCheck check = new UcumUnitCheck(FhirContext.forR4Cached());

	@Test
	void describesItselfAsValueConformance() {
		assertThat(check.id()).isEqualTo("conformance-non-ucum-quantity");
		assertThat(check.category()).isEqualTo(KahnCategory.CONFORMANCE_VALUE);
	}

	@Test
	void aGlucoseResultInUcumWithAUcumReferenceRangePasses() {
		assertThat(check.evaluate(glucose(ucum("5.4", "mmol/L")), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aUnitTextThatIsNotUcumFails() {
		Quantity textOnly = new Quantity().setValue(new BigDecimal("5.4")).setUnit("millimoles per litre");

		assertThat(check.evaluate(glucose(textOnly), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aUcumUnitTextWithoutSystemOrCodePasses() {
		Quantity textOnly = new Quantity().setValue(new BigDecimal("5.4")).setUnit("mmol/L");

		assertThat(check.evaluate(glucose(textOnly), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aUcumCodeWithoutSystemPasses() {
		Quantity noSystem = new Quantity().setValue(new BigDecimal("5.4")).setUnit("millimoles per litre").setCode("mmol/L");

		assertThat(check.evaluate(glucose(noSystem), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aCodeWithoutSystemThatIsNotUcumFailsWhateverItsUnitText() {
		Quantity noSystem = new Quantity().setValue(new BigDecimal("84")).setUnit("/min").setCode("beats/min");

		assertThat(check.evaluate(glucose(noSystem), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void anInvalidCodeInTheUcumSystemFails() {
		Quantity mmHg = new Quantity().setValue(new BigDecimal("120")).setUnit("mmHg").setSystem(UCUM).setCode("mmHg");

		assertThat(check.evaluate(glucose(mmHg), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(glucose(ucum("120", "mm[Hg]")), context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aUcumTextUnitInAnotherSystemFails() {
		Quantity other = new Quantity().setValue(new BigDecimal("5.4")).setUnit("mmol/L")
				.setSystem("http://example.org/units").setCode("mmol/L");

		assertThat(check.evaluate(glucose(other), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aUcumSystemWithoutCodeIsJudgedByItsUnitText() {
		Quantity ucumText = new Quantity().setValue(new BigDecimal("5.4")).setUnit("mmol/L").setSystem(UCUM);
		Quantity otherText = new Quantity().setValue(new BigDecimal("5.4")).setUnit("millimoles per litre").setSystem(UCUM);
		Quantity noUnit = new Quantity().setValue(new BigDecimal("5.4")).setSystem(UCUM);

		assertThat(check.evaluate(glucose(ucumText), context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.evaluate(glucose(otherText), context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(glucose(noUnit), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aBareNumberWithoutAnyUnitFails() {
		// Synthea's dose quantities: a dose of 1, of what?
		assertThat(check.evaluate(glucose(new Quantity().setValue(1)), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aUnitFromAnotherCodeSystemFails() {
		Quantity snomed = new Quantity().setValue(new BigDecimal("5.4")).setUnit("millimole/liter")
				.setSystem("http://snomed.info/sct").setCode("258813002");

		assertThat(check.evaluate(glucose(snomed), context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aNonUcumReferenceRangeFailsEvenWhenTheValueIsUcum() {
		Observation observation = glucose(ucum("5.4", "mmol/L"));
		observation.getReferenceRangeFirstRep().getLow().setSystem(null).setCode(null).setUnit("millimoles per litre");

		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aComponentValueCounts() {
		Observation panel = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		panel.getCode().addCoding().setSystem("http://loinc.org").setCode("85354-9");
		panel.addComponent().setValue(ucum("128", "mm[Hg]"));
		panel.addComponent().setValue(new Quantity().setValue(84).setUnit("mmHg"));

		assertThat(check.evaluate(panel, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void doseQuantitiesAndDurationsCount() {
		MedicationRequest tablets = prescription();
		tablets.getDosageInstructionFirstRep().addDoseAndRate().setDose(new SimpleQuantity().setValue(1)
				.setUnit("tablet").setSystem("http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm")
				.setCode("TAB"));
		MedicationRequest milligrams = prescription();
		milligrams.getDosageInstructionFirstRep().addDoseAndRate().setDose(ucumSimple("500", "mg"));
		milligrams.getDispenseRequest().setExpectedSupplyDuration(
				(Duration) new Duration().setValue(30).setUnit("days"));
		MedicationRequest allUcum = prescription();
		allUcum.getDosageInstructionFirstRep().addDoseAndRate().setDose(ucumSimple("500", "mg"));
		allUcum.getDispenseRequest().setExpectedSupplyDuration(
				(Duration) new Duration().setValue(30).setUnit("days").setSystem(UCUM).setCode("d"));

		assertThat(check.evaluate(tablets, context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(milligrams, context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.evaluate(allUcum, context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void quantitiesInContainedResourcesCount() {
		Observation contained = glucose(new Quantity().setValue(new BigDecimal("5.4")).setUnit("millimoles per litre"));
		contained.setId("glucose");
		Observation panel = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		panel.addContained(contained);
		panel.addHasMember(new Reference("#glucose"));

		assertThat(check.evaluate(panel, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void quantitiesWithoutValueAndResourcesWithoutQuantitiesAreNotApplicable() {
		Observation unitOnly = glucose(new Quantity().setUnit("mmol/L"));
		unitOnly.getReferenceRange().clear();

		assertThat(check.evaluate(unitOnly, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.evaluate(new Patient().setActive(true), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	private static Observation glucose(Quantity value) {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("15074-8").setDisplay("Glucose");
		observation.setSubject(new Reference("Patient/1"));
		observation.setValue(value);
		observation.addReferenceRange().setLow(ucumSimple("3.9", "mmol/L")).setHigh(ucumSimple("5.6", "mmol/L"));
		return observation;
	}

	private static MedicationRequest prescription() {
		MedicationRequest request = new MedicationRequest()
				.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
				.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		request.setSubject(new Reference("Patient/1"));
		return request;
	}

	private static Quantity ucum(String value, String code) {
		return new Quantity().setValue(new BigDecimal(value)).setUnit(code).setSystem(UCUM).setCode(code);
	}

	private static SimpleQuantity ucumSimple(String value, String code) {
		return (SimpleQuantity) new SimpleQuantity().setValue(new BigDecimal(value)).setUnit(code).setSystem(UCUM)
				.setCode(code);
	}
}
