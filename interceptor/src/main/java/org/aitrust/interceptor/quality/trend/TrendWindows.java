package org.aitrust.interceptor.quality.trend;

import java.time.LocalDate;

/**
 * The days a quality trend compares: the recent window, the {@code recentDays} days ending on (and including) the
 * day asked about, against the baseline, the {@code baselineDays} days just before it. Rolling days rather than the
 * calendar weeks of AI oversight, so that an alert can fire on the day a source got worse, not on the Monday after.
 */
public record TrendWindows(int recentDays, int baselineDays) {

	public TrendWindows {
		if (recentDays < 1) {
			throw new IllegalArgumentException("recent days must be at least 1, was " + recentDays);
		}
		if (baselineDays < 1) {
			throw new IllegalArgumentException("baseline days must be at least 1, was " + baselineDays);
		}
	}

	/** First day of the recent window ending on {@code end}. */
	public LocalDate recentStart(LocalDate end) {
		return end.minusDays(recentDays - 1L);
	}

	/** First day of the baseline of the recent window ending on {@code end}: the first day a trend reads. */
	public LocalDate baselineStart(LocalDate end) {
		return recentStart(end).minusDays(baselineDays);
	}

	/** Last day of the baseline of the recent window ending on {@code end}. */
	public LocalDate baselineEnd(LocalDate end) {
		return recentStart(end).minusDays(1);
	}
}
