package org.aitrust.interceptor.quality.check;

import org.aitrust.interceptor.core.ValidationFindings;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource that profile validation found non-conformant (an issue at the reject severity), whatever
 * the mode did with it: in SHADOW and WARN such resources are stored, and this is where they are counted.
 * Resources not validated (validation off for their type or source) are not applicable.
 */
public final class ValidationErrorCheck extends BaseQualityCheck {

	public static final String ID = "conformance-validation-errors";

	public ValidationErrorCheck() {
		super(BuiltInCheck.VALIDATION_ERRORS,
				"Profile validation found errors: the resource does not conform to the base specification or to a profile it claims or must claim.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		ValidationFindings findings = ValidationFindings.of(resource);
		return CheckOutcome.of(findings != null, findings != null && findings.failed());
	}
}
