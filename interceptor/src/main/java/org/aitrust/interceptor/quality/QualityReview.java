package org.aitrust.interceptor.quality;

import java.time.LocalDate;

/**
 * The first review of an AI-written version, as the metrics keep it: counted against the day, source, type and
 * profile of the arrival it concerns, so that "share reviewed" divides reviews of the arrivals of a period by those
 * arrivals.
 *
 * @param arrivalDay the day (UTC) the reviewed version arrived
 * @param source the client that submitted the AI write, folded like an arrival's source
 * @param resourceType the reviewed resource's type
 * @param profile the first profile the reviewed version claims, folded
 * @param lagSeconds seconds from the version's arrival to its review
 * @param outcome the review outcome code
 */
public record QualityReview(
		LocalDate arrivalDay, String source, String resourceType, String profile, long lagSeconds, String outcome) {}
