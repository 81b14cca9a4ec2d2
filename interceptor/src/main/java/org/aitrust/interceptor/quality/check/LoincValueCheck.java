package org.aitrust.interceptor.quality.check;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * A check of each measured value of an Observation against its LOINC code in {@link LoincUnits}: the value and each
 * component's, as {@link LoincQuantities} finds them. Subclasses say what one value is judged on.
 */
abstract class LoincValueCheck extends BaseQualityCheck {

	final LoincUnits units;

	LoincValueCheck(BuiltInCheck builtIn, String description, LoincUnits units) {
		super(builtIn, description);
		this.units = units;
	}

	@Override
	public final CheckOutcome evaluate(Resource resource, CheckContext context) {
		if (!(resource instanceof Observation observation)) {
			return CheckOutcome.NOT_APPLICABLE;
		}
		CheckFindings.Collector verdict = new CheckFindings.Collector();
		LoincQuantities.forEach(observation, (code, quantity) -> judge(code, quantity, verdict));
		return verdict.outcome();
	}

	/** Judges one value measured under the LOINC code, if this check has anything to say about it. */
	abstract void judge(String loincCode, Quantity quantity, CheckFindings.Collector verdict);
}
