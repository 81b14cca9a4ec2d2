package org.aitrust.interceptor.oversight;

import java.time.LocalDate;
import java.util.Map;

/**
 * The periods a model version's recent rates are compared across: the recent window a report asks about, and the
 * baseline before it — by default the {@code baselineDays} days just before the window, or the period an
 * administrator pinned for that version when it was approved.
 *
 * @param baselineDays length of the default baseline
 * @param pinned pinned baselines by model key: {start, end}
 */
public record OversightWindows(int baselineDays, Map<String, LocalDate[]> pinned) {

	public OversightWindows {
		if (baselineDays < 1) {
			throw new IllegalArgumentException("baseline days must be at least 1, was " + baselineDays);
		}
		pinned = Map.copyOf(pinned);
	}

	/** {start, end} of the baseline of a model's recent window starting on {@code recentStart}. */
	public LocalDate[] baseline(String model, LocalDate recentStart) {
		LocalDate[] fixed = pinned.get(model);
		if (fixed != null) {
			return fixed.clone();
		}
		return new LocalDate[] {recentStart.minusDays(baselineDays), recentStart.minusDays(1)};
	}
}
