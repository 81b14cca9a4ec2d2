package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

class AiConfidenceTest {

	@Test
	void aDecimalIsTheProbabilityAsWritten() {
		assertThat(AiConfidence.probabilityOf(stating(new DecimalType("0.85")))).isEqualByComparingTo("0.85");
		assertThat(AiConfidence.probabilityOf(stating(new DecimalType("0")))).isEqualByComparingTo("0");
		assertThat(AiConfidence.probabilityOf(stating(new DecimalType("1.000")))).isEqualByComparingTo("1");
	}

	@Test
	void aPercentageInUcumIsDividedByAHundredExactly() {
		assertThat(AiConfidence.probabilityOf(stating(percent("87.5", AiConfidence.UCUM))))
				.isEqualTo(new BigDecimal("0.875"));
		assertThat(AiConfidence.probabilityOf(stating(percent("100", null)))).isEqualByComparingTo("1");
	}

	@Test
	void aQuantityInAnotherUnitOrWithAComparatorIsNoProbability() {
		assertThat(AiConfidence.probabilityOf(stating(new Quantity().setValue(0.9).setSystem(AiConfidence.UCUM)
				.setCode("1")))).isNull();
		assertThat(AiConfidence.probabilityOf(stating(percent("90", "http://example.org/units")))).isNull();
		assertThat(AiConfidence.probabilityOf(stating(percent("90", AiConfidence.UCUM)
				.setComparator(Quantity.QuantityComparator.GREATER_THAN)))).isNull();
	}

	@Test
	void valuesOutsideTheProbabilityScaleAreNoProbability() {
		assertThat(AiConfidence.probabilityOf(stating(new DecimalType("1.2")))).isNull();
		assertThat(AiConfidence.probabilityOf(stating(new DecimalType("-0.1")))).isNull();
		assertThat(AiConfidence.probabilityOf(stating(percent("120", AiConfidence.UCUM)))).isNull();
	}

	@Test
	void aRangeACategoryOrFreeTextStatesNoPointProbability() {
		Range interval = new Range().setLow(percent("80", AiConfidence.UCUM)).setHigh(percent("95", AiConfidence.UCUM));
		CodeableConcept high = new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/certainty-rating", "high", "High quality"));
		assertThat(AiConfidence.probabilityOf(stating(interval))).isNull();
		assertThat(AiConfidence.probabilityOf(stating(high))).isNull();
		assertThat(AiConfidence.probabilityOf(stating(new StringType("very sure")))).isNull();
	}

	@Test
	void severalDifferentProbabilitiesAreAmbiguousButTheSameOneTwiceIsNot() {
		Observation twice = stating(new DecimalType("0.9"));
		twice.addExtension(AiTransparency.EXTENSION_AI_CONFIDENCE, percent("90", AiConfidence.UCUM));
		assertThat(AiConfidence.probabilityOf(twice)).isEqualByComparingTo("0.9");

		Observation disagreeing = stating(new DecimalType("0.9"));
		disagreeing.addExtension(AiTransparency.EXTENSION_AI_CONFIDENCE, new DecimalType("0.6"));
		assertThat(AiConfidence.probabilityOf(disagreeing)).isNull();

		Observation withCategory = stating(new DecimalType("0.7"));
		withCategory.addExtension(AiTransparency.EXTENSION_AI_CONFIDENCE, new StringType("fairly sure"));
		assertThat(AiConfidence.probabilityOf(withCategory)).isEqualByComparingTo("0.7");
	}

	@Test
	void confidenceOnAnElementIsNotTheResourcesConfidence() {
		Observation observation = new Observation();
		observation.getCode().addExtension(AiTransparency.EXTENSION_AI_CONFIDENCE, new DecimalType("0.9"));
		assertThat(AiConfidence.probabilityOf(observation)).isNull();
		assertThat(AiConfidence.probabilityOf(new Observation())).isNull();
		observation.addExtension("http://example.org/other-confidence", new DecimalType("0.9"));
		assertThat(AiConfidence.probabilityOf(observation)).isNull();
	}

	@Test
	void theUrlIsTheIgsCanonical() {
		assertThat(AiTransparency.EXTENSION_AI_CONFIDENCE)
				.isEqualTo("http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AIconfidence");
	}

	private static Observation stating(Type value) {
		Observation observation = new Observation();
		observation.addExtension(AiTransparency.EXTENSION_AI_CONFIDENCE, value);
		return observation;
	}

	private static Quantity percent(String value, String system) {
		Quantity quantity = new Quantity().setValue(new BigDecimal(value)).setUnit("%").setCode("%");
		return system == null ? quantity : quantity.setSystem(system);
	}
}
