package org.aitrust.interceptor.quality.check;

import org.aitrust.interceptor.core.ValidationFindings;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a validated resource that carries a code the server could not check, because it lacks the code
 * system or value set (offline terminology). These are not data errors, but data taken on trust: a rising
 * share says which terminology the server should be given.
 */
public final class TerminologyNotCheckableCheck extends BaseQualityCheck {

	public static final String ID = "conformance-terminology-not-checkable";

	public TerminologyNotCheckableCheck() {
		super(BuiltInCheck.TERMINOLOGY_NOT_CHECKABLE,
				"The resource has a code whose code system or value set this server does not have, so validation could not check it.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		ValidationFindings findings = ValidationFindings.of(resource);
		return CheckOutcome.of(findings != null, findings != null && findings.notCheckable());
	}
}
