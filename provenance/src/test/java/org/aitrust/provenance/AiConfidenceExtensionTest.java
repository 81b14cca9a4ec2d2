package org.aitrust.provenance;

import static org.aitrust.fixtures.FixturePackage.element;
import static org.aitrust.fixtures.FixturePackage.errors;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.aitrust.fixtures.FixturePackage;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AIconfidence extension of the module's package, as HAPI's validator applies it: the definition the FSH gives
 * (contexts, value[x] 1..1 of five types, required certainty-rating binding, checkable offline because the package
 * carries the code system) and the two invariants this project adds for the decimal and percentage scales.
 */
class AiConfidenceExtensionTest {

	static final String UCUM = "http://unitsofmeasure.org";
	static final String NO_VALUE = "placeholder-removed-before-validation";

	static FixturePackage aiTransparency;

	@BeforeAll
	static void setUp() throws IOException {
		aiTransparency = new FixturePackage(AiTransparencyPackageTest.PACKAGE_PATH);
	}

	@Test
	void theDefinitionFollowsTheFsh() {
		StructureDefinition sd = (StructureDefinition) aiTransparency.chain.fetchStructureDefinition(
				AiTransparency.EXTENSION_AI_CONFIDENCE);
		assertThat(sd.getContext()).extracting(c -> c.getType().toCode() + ":" + c.getExpression())
				.containsExactly("element:Resource", "element:Element");
		StructureDefinition snapshot = (StructureDefinition) aiTransparency.chain.generateSnapshot(
				new ValidationSupportContext(aiTransparency.chain), sd.copy(), sd.getUrl(), null, sd.getName());

		ElementDefinition value = element(snapshot, "Extension.value[x]");
		assertThat(value.getMin()).isEqualTo(1);
		assertThat(value.getMustSupport()).isTrue();
		assertThat(value.getType()).extracting(ElementDefinition.TypeRefComponent::getCode)
				.containsExactly("decimal", "Quantity", "Range", "CodeableConcept", "string");
		for (String slice : new String[] {"valueDecimal", "valueQuantity", "valueRange", "valueCodeableConcept", "valueString"}) {
			assertThat(element(snapshot, "Extension.value[x]:" + slice).getMustSupport()).as(slice).isTrue();
		}
		ElementDefinition coded = element(snapshot, "Extension.value[x]:valueCodeableConcept");
		assertThat(coded.getBinding().getStrength().toCode()).isEqualTo("required");
		assertThat(coded.getBinding().getValueSet()).isEqualTo(AiTransparency.VALUE_SET_CERTAINTY_RATING);
		assertThat(element(snapshot, "Extension.value[x]:valueDecimal").getShort()).isEqualTo("Probability");
		assertThat(element(snapshot, "Extension").getConstraint())
				.extracting(ElementDefinition.ElementDefinitionConstraintComponent::getKey)
				.contains("aitrust-conf-1", "aitrust-conf-2");
	}

	static Stream<Arguments> conformant() {
		return Stream.of(
				Arguments.of("a probability", onResource(new DecimalType("0.95"))),
				Arguments.of("probability 0", onResource(new DecimalType("0"))),
				Arguments.of("probability 1", onResource(new DecimalType("1"))),
				Arguments.of("75 %", onResource(percent("75"))),
				Arguments.of("100 %", onResource(percent("100"))),
				Arguments.of("an interval", onResource(new Range()
						.setLow(new Quantity().setValue(new BigDecimal("4.1")))
						.setHigh(new Quantity().setValue(new BigDecimal("5.3"))))),
				Arguments.of("certainty-rating moderate", onResource(certainty("moderate"))),
				Arguments.of("free text", onResource(new StringType("fairly sure"))),
				Arguments.of("on an element (code.text)", (Consumer<Observation>) o -> o.getCode().getTextElement()
						.addExtension(confidence(certainty("low")))),
				Arguments.of("on an element (valueQuantity)", (Consumer<Observation>) o -> o.getValueQuantity()
						.addExtension(confidence(new DecimalType("0.8")))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("conformant")
	void conformantConfidenceHasNoErrors(String label, Consumer<Observation> confidence) {
		assertThat(errors(validate(label, confidence))).isEmpty();
	}

	static Stream<Arguments> nonConformant() {
		return Stream.of(
				Arguments.of("probability above 1", onResource(new DecimalType("1.5")), "aitrust-conf-1"),
				Arguments.of("negative probability", onResource(new DecimalType("-0.2")), "aitrust-conf-1"),
				Arguments.of("75 given as a decimal", onResource(new DecimalType("75")), "aitrust-conf-1"),
				Arguments.of("120 %", onResource(percent("120")), "aitrust-conf-2"),
				Arguments.of("a Quantity in another unit", onResource(new Quantity().setValue(new BigDecimal("0.75"))
						.setSystem(UCUM).setCode("1").setUnit("1")), "aitrust-conf-2"),
				Arguments.of("percent without UCUM", onResource(new Quantity().setValue(new BigDecimal("75"))
						.setUnit("percent")), "aitrust-conf-2"),
				Arguments.of("a code certainty-rating lacks", onResource(certainty("sure")), "sure"),
				Arguments.of("a code from another system", onResource(new CodeableConcept().addCoding(
						new Coding("http://example.org/confidence", "high", null))), "certainty-rating"),
				// HAPI's encoder drops an extension without a value; validate() removes this placeholder value instead.
				Arguments.of("no value", onResource(new StringType(NO_VALUE)), "Extension.value[x]"),
				Arguments.of("a boolean", onResource(new BooleanType(true)), "boolean"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("nonConformant")
	void nonConformantConfidenceIsAnError(String label, Consumer<Observation> confidence, String expected) {
		assertThat(errors(validate(label, confidence)))
				.extracting(m -> m.getMessage() + " @ " + m.getLocationString())
				.anySatisfy(m -> assertThat(m).contains(expected));
	}

	// ---------------------------------------------------------------- helpers

	static Consumer<Observation> onResource(Type value) {
		return o -> o.addExtension(confidence(value));
	}

	static Extension confidence(Type value) {
		return new Extension(AiTransparency.EXTENSION_AI_CONFIDENCE, value);
	}

	static Quantity percent(String value) {
		return new Quantity().setValue(new BigDecimal(value)).setSystem(UCUM).setCode("%").setUnit("%");
	}

	static CodeableConcept certainty(String code) {
		return new CodeableConcept().addCoding(new Coding(AiTransparency.SYSTEM_CERTAINTY_RATING, code, null));
	}

	/** A plain R4 Observation (valid without the extension) carrying the confidence as {@code confidence} puts it. */
	static ca.uhn.fhir.validation.ValidationResult validate(String label, Consumer<Observation> confidence) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding(new Coding("http://loinc.org", "718-7", null)).setText("Hemoglobin");
		observation.setValue(new Quantity().setValue(new BigDecimal("13.2")).setSystem(UCUM).setCode("g/dL").setUnit("g/dL"));
		confidence.accept(observation);
		String json = aiTransparency.ctx.newJsonParser().encodeResourceToString(observation)
				.replace(",\"valueString\":\"" + NO_VALUE + "\"", "");
		return aiTransparency.validate("AIconfidence, " + label, json);
	}
}
