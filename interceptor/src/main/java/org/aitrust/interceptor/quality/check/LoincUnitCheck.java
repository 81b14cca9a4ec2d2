package org.aitrust.interceptor.quality.check;

import org.hl7.fhir.r4.model.Quantity;

/**
 * Fails an Observation measured in a unit its LOINC code does not take: a heart rate in kg, a glucose in mmol/mol, a
 * sodium with no unit at all. A LOINC code names a property (mass concentration, substance concentration, a rate), and
 * only some units measure it; a value in any other is a unit or code error, which no range can catch since the range
 * depends on the unit.
 *
 * <p>Judged: the Observation's own value and each component's, when the value is a Quantity with a number and the
 * code has a LOINC coding in {@link LoincUnits}. Every such coding must allow the unit; a unit not in the table for
 * a known code fails, whether it is valid UCUM or not.
 */
public final class LoincUnitCheck extends LoincValueCheck {

	public static final String ID = "plausibility-unit-for-loinc-code";

	public LoincUnitCheck() {
		this(LoincUnits.defaults());
	}

	LoincUnitCheck(LoincUnits units) {
		super(BuiltInCheck.UNIT_FOR_LOINC_CODE,
				"A value's unit is not one the module's table allows for its LOINC code.", units);
	}

	@Override
	void judge(String loincCode, Quantity quantity, CheckFindings.Collector verdict) {
		if (units.knows(loincCode)) {
			verdict.judged(units.rowFor(loincCode, quantity).isEmpty());
		}
	}
}
