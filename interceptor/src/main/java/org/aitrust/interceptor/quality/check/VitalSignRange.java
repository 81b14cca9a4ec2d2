package org.aitrust.interceptor.quality.check;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The values a vital sign, measured in one UCUM unit, can take in a living patient. Limits are inclusive. UCUM
 * codes are case-sensitive ({@code Cel}, {@code mm[Hg]}), so units are matched exactly as written.
 *
 * @param loincCode the LOINC code of the observation or component, such as {@code 8867-4}
 * @param ucumUnit the UCUM code of the quantity's unit, such as {@code /min}
 * @param low the lowest plausible value
 * @param high the highest plausible value
 */
public record VitalSignRange(String loincCode, String ucumUnit, BigDecimal low, BigDecimal high) {

	public VitalSignRange {
		requireText(loincCode, "loincCode");
		requireText(ucumUnit, "ucumUnit");
		Objects.requireNonNull(low, "low");
		Objects.requireNonNull(high, "high");
		if (low.compareTo(high) > 0) {
			throw new IllegalArgumentException("Range for " + loincCode + " in " + ucumUnit + ": low " + low
					+ " is above high " + high);
		}
	}

	/** Whether the value lies within the range, both ends included. */
	public boolean contains(BigDecimal value) {
		return value.compareTo(low) >= 0 && value.compareTo(high) <= 0;
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must be set");
		}
	}
}
