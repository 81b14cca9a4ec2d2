package org.aitrust.interceptor.quality.check;

import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource that claims no profile at all. Without a claim only the base specification applies, so
 * implementation-guide rules (US Core must-support elements, value-set bindings) go unchecked; the share of such
 * resources per source shows who sends data outside the agreed guides.
 */
public final class NoProfileClaimedCheck extends BaseQualityCheck {

	public static final String ID = "conformance-no-profile-claimed";

	public NoProfileClaimedCheck() {
		super(BuiltInCheck.NO_PROFILE_CLAIMED,
				"The resource claims no profile (meta.profile is empty), so only the base FHIR specification applies.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		boolean claims = resource.getMeta().getProfile().stream()
				.anyMatch(p -> p.getValue() != null && !p.getValue().isBlank());
		return CheckOutcome.of(true, !claims);
	}
}
