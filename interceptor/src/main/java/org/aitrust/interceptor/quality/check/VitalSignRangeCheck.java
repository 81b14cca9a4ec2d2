package org.aitrust.interceptor.quality.check;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails an Observation whose vital sign lies outside the physiological range the server's {@link VitalSignRanges}
 * give for its LOINC code and UCUM unit: a heart rate of 1800/min or a temperature of 98.6 recorded as Celsius.
 *
 * <p>The Observation's own code and value are judged, and so is each component's, which covers systolic and
 * diastolic pressure inside a blood pressure panel. A value is judged only when its code has a {@code http://loinc.org}
 * coding in the table and its Quantity has a value, the UCUM system and the unit of that table row. A value in a
 * unit the table has no row for is not judged, rather than converted by guesswork; a unit that is not UCUM is
 * {@link UcumUnitCheck}'s concern.
 */
public final class VitalSignRangeCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-vital-sign-out-of-range";

	public VitalSignRangeCheck() {
		super(BuiltInCheck.VITAL_SIGN_OUT_OF_RANGE,
				"A vital sign's value lies outside the physiological range for its LOINC code and UCUM unit.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		return evaluateWithFindings(resource, context).outcome();
	}

	/** Also reports the LOINC code of each value out of its range ({@link FindingKind#CODE}, {@code http://loinc.org|code}). */
	@Override
	public CheckFindings evaluateWithFindings(Resource resource, CheckContext context) {
		if (!(resource instanceof Observation observation)) {
			return CheckFindings.of(CheckOutcome.NOT_APPLICABLE);
		}
		VitalSignRanges ranges = context.vitalSignRanges();
		CheckFindings.Collector found = new CheckFindings.Collector();
		LoincQuantities.forEach(observation, (code, quantity) -> {
			if (UcumUnitCheck.hasUcumUnit(quantity)) {
				ranges.find(code, quantity.getCode()).ifPresent(range -> {
					if (range.contains(quantity.getValue())) {
						found.applies();
					} else {
						found.violation(FindingKind.CODE, LoincQuantities.LOINC + "|" + code);
					}
				});
			}
		});
		return found.findings();
	}
}
