package org.aitrust.interceptor.quality.check;

import java.util.function.BiConsumer;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

/**
 * The measured values of an Observation under their LOINC codes: its own value and each component's, where the value is
 * a Quantity with a number and the code has {@code http://loinc.org} codings. What the checks that judge a value
 * against its LOINC code walk.
 */
final class LoincQuantities {

	static final String LOINC = "http://loinc.org";

	private LoincQuantities() {}

	/** Calls {@code action} with each LOINC code and the quantity measured under it. */
	static void forEach(Observation observation, BiConsumer<String, Quantity> action) {
		visit(observation.hasCode() ? observation.getCode() : null, observation.getValue(), action);
		if (observation.hasComponent()) {
			for (Observation.ObservationComponentComponent component : observation.getComponent()) {
				visit(component.hasCode() ? component.getCode() : null, component.getValue(), action);
			}
		}
	}

	private static void visit(CodeableConcept code, Type value, BiConsumer<String, Quantity> action) {
		if (code == null || !(value instanceof Quantity quantity) || quantity.getValue() == null) {
			return;
		}
		for (Coding coding : code.getCoding()) {
			if (LOINC.equals(coding.getSystem()) && coding.getCode() != null) {
				action.accept(coding.getCode(), quantity);
			}
		}
	}
}
