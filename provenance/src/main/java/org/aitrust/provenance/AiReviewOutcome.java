package org.aitrust.provenance;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a human reviewer concluded about one version of an AI-written resource.
 *
 * <p>The IG has no code for this, so the codes belong to this project's own code system
 * {@value AiTransparency#PROJECT_SYSTEM_AI_REVIEW_OUTCOME}; this enum is that code system's
 * definition. The outcome goes in {@code Provenance.activity} of the review Provenance built by
 * {@link ReviewProvenanceBuilder}.
 */
public enum AiReviewOutcome implements CodedValue {
	/** The reviewer checked the AI-written version and found it correct as it stands. */
	VERIFIED("verified", "Verified"),
	/** The reviewer found errors in the AI-written version and corrected them in a later version. */
	CORRECTED("corrected", "Corrected"),
	/** The reviewer found the AI-written version unfit for use. */
	REJECTED("rejected", "Rejected");

	private final String code;
	private final String display;

	AiReviewOutcome(String code, String display) {
		this.code = code;
		this.display = display;
	}

	/** The code in {@value AiTransparency#PROJECT_SYSTEM_AI_REVIEW_OUTCOME}, e.g. {@code verified}. */
	@Override
	public String code() {
		return code;
	}

	/** The human-readable display, e.g. {@code Verified}. */
	@Override
	public String display() {
		return display;
	}

	@Override
	public String system() {
		return AiTransparency.PROJECT_SYSTEM_AI_REVIEW_OUTCOME;
	}

	/**
	 * The outcome with the given code, matched exactly (codes are case-sensitive, as in FHIR).
	 *
	 * @throws IllegalArgumentException naming the valid codes, when {@code code} is not one of them
	 */
	public static AiReviewOutcome fromCode(String code) {
		for (AiReviewOutcome outcome : values()) {
			if (outcome.code.equals(code)) {
				return outcome;
			}
		}
		throw new IllegalArgumentException(
				"Unknown AI review outcome code '" + code + "'; valid codes are "
						+ Arrays.stream(values()).map(AiReviewOutcome::code).collect(Collectors.joining(", ")));
	}
}
