package org.aitrust.interceptor.core;

import java.time.Instant;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the review operation tells the quality metrics about a review Provenance it is storing: the AI-written
 * version that was reviewed, the outcome, when, and which client submitted the AI write, so the review is counted
 * against the arrival it concerns.
 *
 * @param reviewedVersion the reviewed version as stored
 * @param outcome the review outcome code ({@code verified}, {@code corrected}, {@code rejected})
 * @param reviewedAt when the review was recorded
 * @param submitter the client that submitted the AI write, as its AI-Provenance records it; {@code null} when the
 *     Provenance does not say
 * @param firstReview whether no earlier review of this version exists, so the version counts as reviewed once
 * @param aiModel the AI model that wrote the version, named as {@link WriteMarks#markProvenanceRecorded} names it
 * @param arrivedAt when the version arrived by the module's clock (its AI-Provenance's {@code recorded}, the clock
 *     the arrival row was counted by), so the review is counted against the day its arrival was; {@code null} when
 *     there is no such Provenance, and the version's {@code meta.lastUpdated} stands for it
 */
public record ReviewedWrite(
		Resource reviewedVersion,
		String outcome,
		Instant reviewedAt,
		String submitter,
		boolean firstReview,
		String aiModel,
		Instant arrivedAt) {

	/** A review whose version's arrival time is its {@code meta.lastUpdated}. */
	public ReviewedWrite(Resource reviewedVersion, String outcome, Instant reviewedAt, String submitter,
			boolean firstReview, String aiModel) {
		this(reviewedVersion, outcome, reviewedAt, submitter, firstReview, aiModel, null);
	}

	private static final String KEY = ReviewedWrite.class.getName();

	/** Notes this review on the Provenance about to be stored. */
	public void attachTo(Provenance review) {
		review.setUserData(KEY, this);
	}

	/** The review a Provenance in this write records, or {@code null} when it records none. */
	public static ReviewedWrite of(IBaseResource resource) {
		return resource.getUserData(KEY) instanceof ReviewedWrite reviewed ? reviewed : null;
	}
}
