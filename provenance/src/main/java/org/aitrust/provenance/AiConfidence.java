package org.aitrust.provenance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The confidence an AI states in a resource it wrote, read from the AI Transparency IG's {@code AIconfidence}
 * extension on the resource itself, as a probability that the result is correct: the one form calibration against
 * clinicians' reviews can use.
 *
 * <p>Of the extension's five forms, two are a point probability: {@code valueDecimal} (0 to 1) and
 * {@code valueQuantity} in percent (UCUM {@code %}, no comparator; divided by 100). The other three are not, and
 * give no probability here: a {@code valueRange} is a confidence interval of the result's value, not the chance that
 * the result is right; a {@code valueCodeableConcept} from certainty-rating (high, moderate, low, very-low) is a
 * category with no stated probability, and mapping it to one would be a number the AI never gave; a
 * {@code valueString} is free text. A decimal outside 0 to 1 or a percentage outside 0 to 100 is no probability
 * either. When the resource carries several extensions stating different probabilities, which one the AI meant is
 * unknown, so none is taken. Confidence on elements (the extension on an element inside the resource) concerns that
 * element, not the resource, and is not read.
 */
public final class AiConfidence {

	/** UCUM, the system of the percentage unit. */
	public static final String UCUM = "http://unitsofmeasure.org";
	private static final String PERCENT = "%";
	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private AiConfidence() {}

	/**
	 * The probability the resource-level {@code AIconfidence} states, exactly as written (a percentage divided by
	 * 100), or {@code null} when the resource states none as a probability.
	 */
	public static BigDecimal probabilityOf(IBaseResource resource) {
		if (!(resource instanceof DomainResource domain)) {
			return null;
		}
		List<BigDecimal> stated = new ArrayList<>();
		for (Extension extension : domain.getExtensionsByUrl(AiTransparency.EXTENSION_AI_CONFIDENCE)) {
			BigDecimal probability = probabilityOf(extension);
			if (probability != null && stated.stream().noneMatch(p -> p.compareTo(probability) == 0)) {
				stated.add(probability);
			}
		}
		return stated.size() == 1 ? stated.get(0) : null;
	}

	/** The probability one {@code AIconfidence} extension states, or {@code null} when its value is none. */
	static BigDecimal probabilityOf(Extension extension) {
		if (extension.getValue() instanceof DecimalType decimal && decimal.getValue() != null) {
			return within(decimal.getValue(), BigDecimal.ONE);
		}
		if (extension.getValue() instanceof Quantity quantity && isPercent(quantity)) {
			BigDecimal percent = within(quantity.getValue(), HUNDRED);
			return percent == null ? null : percent.movePointLeft(2);
		}
		return null;
	}

	private static boolean isPercent(Quantity quantity) {
		return quantity.getValue() != null
				&& !quantity.hasComparator()
				&& PERCENT.equals(quantity.getCode())
				&& (!quantity.hasSystem() || UCUM.equals(quantity.getSystem()));
	}

	private static BigDecimal within(BigDecimal value, BigDecimal maximum) {
		return value.signum() >= 0 && value.compareTo(maximum) <= 0 ? value : null;
	}
}
