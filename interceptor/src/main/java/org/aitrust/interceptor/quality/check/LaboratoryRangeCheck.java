package org.aitrust.interceptor.quality.check;

import java.util.Optional;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Fails an Observation whose value lies outside what a living patient can have for its LOINC code in its unit: a
 * sodium of 1400 mmol/L, a haemoglobin of 140 g/dL (g/L's number under g/dL), a PHQ-9 score of 30. The limits are
 * {@link LoincUnits}' physiological extremes, not normal ranges.
 *
 * <p>Judged: values whose code and unit have a row with a range. The vital signs have none there: their ranges stay
 * with {@link VitalSignRangeCheck}, so no value is judged by both. A value in a unit the code does not take is
 * {@link LoincUnitCheck}'s, and a value with a comparator ({@code <0.1}) is a bound, not a measurement, and is not
 * judged.
 */
public final class LaboratoryRangeCheck extends LoincValueCheck {

	public static final String ID = "plausibility-lab-value-out-of-range";

	public LaboratoryRangeCheck() {
		this(LoincUnits.defaults());
	}

	LaboratoryRangeCheck(LoincUnits units) {
		super(BuiltInCheck.LAB_VALUE_OUT_OF_RANGE,
				"A value lies outside the physiological range of the module's table for its LOINC code and unit.",
				units);
	}

	@Override
	void judge(String loincCode, Quantity quantity, CheckFindings.Collector verdict) {
		Optional<LoincUnit> row = units.rowFor(loincCode, quantity);
		if (row.isPresent() && row.get().hasRange() && !quantity.hasComparator()) {
			verdict.judged(!row.get().contains(quantity.getValue()));
		}
	}
}
