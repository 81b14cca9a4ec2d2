package org.aitrust.interceptor.quality.check;

import org.aitrust.interceptor.core.ValidationFindings;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a validated resource that breaks an invariant of the base specification or of a profile it claims (a
 * FHIRPath rule across elements, such as US Core's "either a value or a data-absent-reason"). The report breaks
 * failures down by constraint key, so a quality team sees which rule a source keeps breaking. Resources not
 * validated are not applicable.
 */
public final class InvariantFailureCheck extends BaseQualityCheck {

	public static final String ID = "conformance-invariant-failures";

	public InvariantFailureCheck() {
		super(BuiltInCheck.INVARIANT_FAILURES,
				"The resource breaks an error-level invariant (constraint) of the specification or of a profile it claims.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		ValidationFindings findings = ValidationFindings.of(resource);
		return CheckOutcome.of(findings != null, findings != null && !findings.failedInvariants().isEmpty());
	}
}
