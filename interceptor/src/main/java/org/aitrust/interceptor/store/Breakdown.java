package org.aitrust.interceptor.store;

import org.aitrust.interceptor.quality.check.InvariantFailureCheck;
import org.aitrust.interceptor.quality.check.UnresolvedReferenceCheck;
import org.aitrust.interceptor.quality.check.ValidationErrorCheck;

/**
 * A count of what a measure found, item by item: which validation issues, which invariants, which target types of
 * unresolved references, which review outcomes. Items are folded to {@code other} beyond a cap like
 * every other dimension, and never carry patient data.
 */
public enum Breakdown {

	/** Every validation issue, by {@code severity|code|message id}; reported on the validation-error check. */
	VALIDATION_ISSUE("validation-issue", ValidationErrorCheck.ID, "severity|code|message id"),
	/** Error-level invariant failures, by constraint key. */
	FAILED_INVARIANT("failed-invariant", InvariantFailureCheck.ID, "constraint key"),
	/** Literal references that did not resolve, by the resource type they name. */
	UNRESOLVED_REFERENCE("unresolved-reference", UnresolvedReferenceCheck.ID, "target resource type"),
	/** First reviews of AI-written versions, by outcome (verified, corrected, rejected). */
	REVIEW_OUTCOME("ai-review-outcome", ShareMeasures.AI_REVIEWED, "review outcome");

	private final String id;
	private final String measure;
	private final String itemName;

	Breakdown(String id, String measure, String itemName) {
		this.id = id;
		this.measure = measure;
		this.itemName = itemName;
	}

	/** Stable name under which the counts are stored. */
	public String id() {
		return id;
	}

	/** The measure (check or share) whose report group carries this breakdown as a stratifier. */
	public String measure() {
		return measure;
	}

	/** What an item is, as the stratifier's text says it. */
	public String itemName() {
		return itemName;
	}
}
