package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

/**
 * What {@code ai-confidence} indexes, by evaluating its expression with HAPI's FHIRPath engine as HAPI's search
 * parameter extractor does (path by path, split at the top-level {@code |}); the server-side search is
 * {@code AiConfidenceSearchIT}.
 */
class AiConfidenceSearchParameterTest {

	static final FhirContext CTX = FhirContext.forR4Cached();
	static final IFhirPath FHIRPATH = CTX.newFhirPath();

	@Test
	void isAnActiveNumberParameterOnEveryResource() {
		SearchParameter parameter = AiConfidenceSearchParameter.create();
		assertThat(parameter.getCode()).isEqualTo("ai-confidence");
		assertThat(parameter.getType()).isEqualTo(Enumerations.SearchParamType.NUMBER);
		assertThat(parameter.getStatus()).isEqualTo(Enumerations.PublicationStatus.ACTIVE);
		assertThat(parameter.getBase()).extracting(b -> b.getValue()).containsExactly("Resource");
		assertThat(parameter.getIdElement().getIdPart()).isEqualTo(AiConfidenceSearchParameter.ID);
	}

	@Test
	void aDecimalIsIndexedAsItIs() {
		assertThat(indexed(withConfidence(new DecimalType("0.6")))).containsExactly(new BigDecimal("0.6"));
	}

	@Test
	void aUcumPercentageIsIndexedAsAProbability() {
		assertThat(indexed(withConfidence(new Quantity().setValue(75).setSystem("http://unitsofmeasure.org").setCode("%"))))
				.singleElement().satisfies(v -> assertThat(v).isEqualByComparingTo("0.75"));
	}

	@Test
	void aQuantityInAnotherUnitOrWithoutUcumIsNotIndexed() {
		assertThat(indexed(withConfidence(new Quantity().setValue(75).setUnit("%")))).isEmpty();
		assertThat(indexed(withConfidence(new Quantity().setValue(1).setSystem("http://unitsofmeasure.org").setCode("1"))))
				.isEmpty();
	}

	@Test
	void codesTextAndElementLevelConfidenceAreNotIndexed() {
		assertThat(indexed(withConfidence(new CodeableConcept().addCoding(
				new Coding(AiTransparency.SYSTEM_CERTAINTY_RATING, "high", null))))).isEmpty();
		assertThat(indexed(withConfidence(new StringType("0.9")))).isEmpty();
		Observation elementLevel = new Observation();
		elementLevel.getCode().getTextElement().setValue("Hb")
				.addExtension(new Extension(AiTransparency.EXTENSION_AI_CONFIDENCE, new DecimalType("0.4")));
		assertThat(indexed(elementLevel)).isEmpty();
		assertThat(indexed(new Observation())).isEmpty();
	}

	static Observation withConfidence(Type value) {
		Observation observation = new Observation();
		observation.addExtension(new Extension(AiTransparency.EXTENSION_AI_CONFIDENCE, value));
		return observation;
	}

	/** The values HAPI would index: each top-level path of the expression evaluated on its own. */
	static List<BigDecimal> indexed(Observation observation) {
		String[] paths = AiConfidenceSearchParameter.EXPRESSION.split(" \\| ");
		assertThat(paths).hasSize(2);
		return java.util.Arrays.stream(paths)
				.flatMap(path -> FHIRPATH.evaluate(observation, path, DecimalType.class).stream())
				.map(DecimalType::getValue)
				.toList();
	}
}
