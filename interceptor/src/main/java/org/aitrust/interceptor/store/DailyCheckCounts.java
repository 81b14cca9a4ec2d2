package org.aitrust.interceptor.store;

import java.time.LocalDate;

/**
 * How one built-in check fared on one day over the arrivals from one source: the row a quality trend is summed from.
 *
 * @param day the arrivals' day (UTC)
 * @param source the arrivals' source, as stored (already bounded by the source label cap)
 * @param checkId the check
 * @param applied arrivals the check applied to
 * @param failed arrivals that violated it
 */
public record DailyCheckCounts(LocalDate day, String source, String checkId, long applied, long failed) {}
