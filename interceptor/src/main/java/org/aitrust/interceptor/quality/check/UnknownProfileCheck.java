package org.aitrust.interceptor.quality.check;

import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource that claims a profile ({@code meta.profile}) this server does not know. Such a claim cannot be
 * verified, so the data is taken on trust; usually the sender and the server disagree about which implementation
 * guides are in force. Resources that claim no profile are counted by {@link NoProfileClaimedCheck} instead.
 */
public final class UnknownProfileCheck extends BaseQualityCheck {

	public static final String ID = "conformance-unknown-profile";

	public UnknownProfileCheck() {
		super(BuiltInCheck.UNKNOWN_PROFILE,
				"The resource claims a profile (meta.profile) that this server does not know, so the claim cannot be checked.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		boolean applicable = false;
		boolean violated = false;
		for (CanonicalType profile : resource.getMeta().getProfile()) {
			if (profile.getValue() != null && !profile.getValue().isBlank()) {
				applicable = true;
				violated |= !context.profileKnown(profile.getValue());
			}
		}
		return CheckOutcome.of(applicable, violated);
	}
}
