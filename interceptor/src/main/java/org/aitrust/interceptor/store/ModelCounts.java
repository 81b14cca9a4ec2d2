package org.aitrust.interceptor.store;

import java.time.LocalDate;
import java.util.Map;

/**
 * What one AI model version wrote in a period, and how its writes fared: the stored AI writes, for each judged check
 * how many it applied to and how many failed it, the first reviews of those writes by outcome, and the review lags.
 *
 * @param writes AI writes stored
 * @param checks {applied, failed} by check id
 * @param reviewsByOutcome first reviews by outcome code
 * @param reviewLagMedian median seconds from write to first review (nearest rank); 0 without reviews
 * @param reviewLagP95 95th percentile of those seconds (nearest rank); 0 without reviews
 * @param writesByDay stored AI writes by day, in day order
 */
public record ModelCounts(
		long writes,
		Map<String, long[]> checks,
		Map<String, Long> reviewsByOutcome,
		long reviewLagMedian,
		long reviewLagP95,
		Map<LocalDate, Long> writesByDay) {

	public long reviews() {
		return reviewsByOutcome.values().stream().mapToLong(Long::longValue).sum();
	}

	public long outcome(String code) {
		return reviewsByOutcome.getOrDefault(code, 0L);
	}
}
