package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource with a coding in a code system nobody defined: not one the server holds, not an external code
 * system FHIR R4 or HL7 terminology names (LOINC, SNOMED CT, RxNorm, ...), not one the administrator lists. Such a
 * system is a local or mistyped URI whose codes mean nothing to a receiver. Codings without a system count too:
 * R4 says a code without a system has no defined meaning. A code in a known external system the server does not
 * hold is known but not checkable here; that is the server's capability, not a defect of the data, and is not
 * counted. Security labels and tags in {@code meta} are left out; they describe handling, not clinical content.
 */
public final class UnknownCodeSystemCheck extends BaseQualityCheck {

	public static final String ID = "conformance-unknown-code-system";
	/** The code system item of a coding without a system. */
	static final String NO_SYSTEM = "(no system)";

	private final FhirContext fhirContext;

	public UnknownCodeSystemCheck(FhirContext fhirContext) {
		super(BuiltInCheck.UNKNOWN_CODE_SYSTEM,
				"A coding names a code system nobody defined (not held by the server, not a known external code system, not configured), or no system.");
		this.fhirContext = fhirContext;
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		return evaluateWithFindings(resource, context).outcome();
	}

	/** Also reports each unknown code system's URI ({@link FindingKind#CODE_SYSTEM}; {@value #NO_SYSTEM} for none). */
	@Override
	public CheckFindings evaluateWithFindings(Resource resource, CheckContext context) {
		CheckFindings.Collector found = new CheckFindings.Collector();
		Meta meta = resource.hasMeta() ? resource.getMeta() : null;
		for (Coding coding : PopulatedElements.of(resource, fhirContext).codings()) {
			if (coding.getCode() == null || isLabel(meta, coding)) {
				continue;
			}
			if (coding.getSystem() == null) {
				found.violation(FindingKind.CODE_SYSTEM, NO_SYSTEM);
			} else if (context.codeSystemKnown(coding.getSystem())) {
				found.applies();
			} else {
				found.violation(FindingKind.CODE_SYSTEM, coding.getSystem());
			}
		}
		return found.findings();
	}

	private static boolean isLabel(Meta meta, Coding coding) {
		return meta != null && (meta.getSecurity().contains(coding) || meta.getTag().contains(coding));
	}
}
