package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * What the checks with breakdowns report besides their outcome: where (element paths) and what (units, LOINC codes,
 * code systems) each violation is, each item once per resource, and nothing for a resource that passes.
 */
class CheckFindingsTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private final InMemoryCheckContext context = new InMemoryCheckContext().withKnownCodeSystem("http://loinc.org");

	@Test
	void aNonUcumQuantityIsReportedByElementPathAndUnit() {
		Observation observation = new Observation();
		observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", null)));
		observation.setValue(new Quantity().setValue(72).setUnit("beats/min"));
		observation.addComponent().setValue(new Quantity().setValue(1).setSystem("http://example.org/units").setCode("bpm"));
		observation.addComponent().setValue(new Quantity().setValue(2).setSystem("http://example.org/units").setCode("bpm"));
		observation.addComponent().setValue(new Quantity().setValue(120).setSystem("http://unitsofmeasure.org").setCode("mm[Hg]"));
		Medication contained = new Medication();
		contained.setId("med");
		contained.addIngredient().setStrength(new Ratio().setNumerator(new Quantity().setValue(5)));
		observation.addContained(contained);

		CheckFindings found = new UcumUnitCheck(FHIR).evaluateWithFindings(observation, context);

		assertThat(found.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(found.items(FindingKind.ELEMENT_PATH)).containsExactly(
				"Observation.component.valueQuantity",
				"Observation.contained.ofType(Medication).ingredient.strength.numerator",
				"Observation.valueQuantity");
		assertThat(found.items(FindingKind.UNIT)).as("each unit once, the two components' bpm too")
				.containsExactly("(no unit)", "beats/min", "http://example.org/units|bpm");
		assertThat(new UcumUnitCheck(FHIR).evaluate(observation, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void aPassingResourceReportsNoItems() {
		Observation observation = new Observation();
		observation.setValue(new Quantity().setValue(72).setSystem("http://unitsofmeasure.org").setCode("/min"));

		CheckFindings found = new UcumUnitCheck(FHIR).evaluateWithFindings(observation, context);

		assertThat(found.outcome()).isEqualTo(CheckOutcome.PASS);
		assertThat(found.items()).isEmpty();
	}

	@Test
	void aVitalSignOutOfRangeIsReportedByItsLoincCode() {
		Observation panel = new Observation();
		panel.setCode(new CodeableConcept(new Coding("http://loinc.org", "85354-9", null)));
		panel.addComponent().setCode(new CodeableConcept(new Coding("http://loinc.org", "8480-6", null)))
				.setValue(new Quantity().setValue(900).setSystem("http://unitsofmeasure.org").setCode("mm[Hg]"));
		panel.addComponent().setCode(new CodeableConcept(new Coding("http://loinc.org", "8462-4", null)))
				.setValue(new Quantity().setValue(80).setSystem("http://unitsofmeasure.org").setCode("mm[Hg]"));

		CheckFindings found = new VitalSignRangeCheck().evaluateWithFindings(panel, context);

		assertThat(found.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(found.items()).isEqualTo(Map.of(FindingKind.CODE, java.util.Set.of("http://loinc.org|8480-6")));
	}

	@Test
	void anUnknownCodeSystemIsReportedByItsUriAndACodingWithoutSystemAsNoSystem() {
		Condition condition = new Condition();
		condition.setCode(new CodeableConcept()
				.addCoding(new Coding("http://loinc.org", "1-8", null))
				.addCoding(new Coding("http://example.org/local-codes", "x", null))
				.addCoding(new Coding(null, "y", null)));

		CheckFindings found = new UnknownCodeSystemCheck(FHIR).evaluateWithFindings(condition, context);

		assertThat(found.outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(found.items(FindingKind.CODE_SYSTEM)).containsExactly("(no system)", "http://example.org/local-codes");
	}

	@Test
	void aMissingRequiredElementIsReportedByItsPath() {
		MedicationRequest request = new MedicationRequest();
		request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
		request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		request.setSubject(new Reference("Patient/1"));
		request.setAuthoredOnElement(new DateTimeType("2025-03-01"));
		Condition condition = new Condition();
		condition.setSubject(new Reference("Patient/1"));
		condition.setClinicalStatus(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
		RequiredElementsCheck check = new RequiredElementsCheck(FHIR);

		assertThat(check.evaluateWithFindings(request, context).items(FindingKind.ELEMENT_PATH))
				.containsExactly("MedicationRequest.medication[x]");
		assertThat(check.evaluateWithFindings(condition, context).items(FindingKind.ELEMENT_PATH))
				.containsExactly("Condition.code");
		assertThat(check.evaluateWithFindings(new org.hl7.fhir.r4.model.Device(), context).outcome())
				.isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void theChecksTogetherGiveTheFindingsOfThoseThatFoundItems() {
		Observation observation = new Observation();
		observation.setValue(new Quantity().setValue(72).setUnit("beats/min"));

		QualityChecks.Evaluation evaluation = new QualityChecks(QualityChecks.defaults()).evaluate(observation, context);

		assertThat(evaluation.outcomes()).containsEntry(UcumUnitCheck.ID, CheckOutcome.FAIL);
		assertThat(evaluation.findings().get(UcumUnitCheck.ID).items(FindingKind.ELEMENT_PATH))
				.containsExactly("Observation.valueQuantity");
		assertThat(evaluation.findings().get(RequiredElementsCheck.ID).items(FindingKind.ELEMENT_PATH))
				.containsExactly("Observation.code", "Observation.effective[x]", "Observation.status",
						"Observation.subject");
		assertThat(evaluation.findings()).doesNotContainKey(PeriodOrderCheck.ID);
	}

}
