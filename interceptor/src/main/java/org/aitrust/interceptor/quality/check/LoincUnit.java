package org.aitrust.interceptor.quality.check;

import java.math.BigDecimal;

/**
 * One row of {@link LoincUnits}: a UCUM unit allowed for a LOINC code, with the values a living patient can have in
 * it. Limits are inclusive; both are {@code null} where another check owns the range (the vital signs, whose ranges are
 * {@link VitalSignRanges}').
 *
 * @param loincCode the LOINC code, such as {@code 2345-7}
 * @param unit the UCUM code as written ({@code mg/dL}), or {@value LoincUnits#DIMENSIONLESS} for a dimensionless
 *     value
 * @param low the lowest plausible value, or {@code null}
 * @param high the highest plausible value, or {@code null}
 * @param group the table's group (chemistry, haematology, ...), under which docs/quality.md cites its sources
 * @param name the LOINC long common name, for the reader
 */
public record LoincUnit(String loincCode, String unit, BigDecimal low, BigDecimal high, String group, String name) {

	public LoincUnit {
		if ((low == null) != (high == null)) {
			throw new IllegalArgumentException(loincCode + " in " + unit + ": give both limits or neither");
		}
		if (low != null && low.compareTo(high) > 0) {
			throw new IllegalArgumentException(loincCode + " in " + unit + ": low " + low + " is above high " + high);
		}
	}

	/** Whether this table judges the value's range (it does not for the vital signs). */
	public boolean hasRange() {
		return low != null;
	}

	/** Whether the value lies within the range, both ends included; only for a row that {@linkplain #hasRange has one}. */
	public boolean contains(BigDecimal value) {
		return value.compareTo(low) >= 0 && value.compareTo(high) <= 0;
	}
}
