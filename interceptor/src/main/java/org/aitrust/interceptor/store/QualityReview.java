package org.aitrust.interceptor.store;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The first review of an AI-written version, as the metrics keep it: counted against the day, source, type and
 * profile of the arrival it concerns, so that "share reviewed" divides reviews of the arrivals of a period by those
 * arrivals.
 *
 * @param arrivalDay the day (UTC) the reviewed version arrived
 * @param reviewDay the day (UTC) of the review
 * @param source the client that submitted the AI write, folded like an arrival's source
 * @param resourceType the reviewed resource's type
 * @param profile the first profile the reviewed version claims, folded
 * @param lagSeconds seconds from the version's arrival to its review
 * @param outcome the review outcome code
 * @param aiModel the model that wrote the reviewed version, folded
 * @param strata the strata of the patient the reviewed version is about
 * @param confidence the probability the AI stated that the reviewed version is correct, or {@code null} when it
 *     stated none: what calibration compares with the outcome
 */
public record QualityReview(
		LocalDate arrivalDay,
		LocalDate reviewDay,
		String source,
		String resourceType,
		String profile,
		long lagSeconds,
		String outcome,
		String aiModel,
		PatientStrata strata,
		BigDecimal confidence) {

	/** A review of a version that stated no confidence. */
	public QualityReview(LocalDate arrivalDay, LocalDate reviewDay, String source, String resourceType, String profile,
			long lagSeconds, String outcome, String aiModel, PatientStrata strata) {
		this(arrivalDay, reviewDay, source, resourceType, profile, lagSeconds, outcome, aiModel, strata, null);
	}
}
