package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource with a coding in a code system this server has no content for. Its codes cannot be checked
 * here — a typo in a code is indistinguishable from a real one — so the share of such resources measures how much
 * of the arriving coded data is taken on trust. Codings without a system count too: they cannot be checked at all.
 * Security labels and tags in {@code meta} are left out; they describe handling, not clinical content.
 */
public final class UnknownCodeSystemCheck extends BaseQualityCheck {

	public static final String ID = "conformance-unknown-code-system";

	private final FhirContext fhirContext;

	public UnknownCodeSystemCheck(FhirContext fhirContext) {
		super(BuiltInCheck.UNKNOWN_CODE_SYSTEM,
				"A coding names a code system this server has no content for, or no system, so its code cannot be checked here.");
		this.fhirContext = fhirContext;
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		boolean applicable = false;
		boolean violated = false;
		Meta meta = resource.hasMeta() ? resource.getMeta() : null;
		for (Coding coding : PopulatedElements.of(resource, fhirContext).codings()) {
			if (coding.getCode() == null || isLabel(meta, coding)) {
				continue;
			}
			applicable = true;
			violated |= coding.getSystem() == null || !context.codeSystemKnown(coding.getSystem());
		}
		return CheckOutcome.of(applicable, violated);
	}

	private static boolean isLabel(Meta meta, Coding coding) {
		return meta != null && (meta.getSecurity().contains(coding) || meta.getTag().contains(coding));
	}
}
