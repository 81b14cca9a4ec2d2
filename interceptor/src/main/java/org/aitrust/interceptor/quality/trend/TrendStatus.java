package org.aitrust.interceptor.quality.trend;

import org.aitrust.interceptor.oversight.RateComparison;

/** Where a check's violation rate went, recent window against baseline, for one source or for all together. */
public enum TrendStatus {

	/** The violation rate rose: significant and at least the minimum effect, as drift is judged for AI models. */
	WORSE("worse"),
	/** The violation rate fell by a significant change of at least the minimum effect. */
	BETTER("better"),
	/** No significant change of at least the minimum effect, including too few arrivals to show one. */
	STABLE("stable"),
	/** Nothing to compare: the check applied to no arrival in the recent window or none in the baseline. */
	NO_BASELINE("no-baseline");

	private final String code;

	TrendStatus(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	/** The trend a drift comparison of violation rates shows: a drift upwards is worse, downwards better. */
	public static TrendStatus of(RateComparison comparison) {
		return switch (comparison.status()) {
			case NO_BASELINE -> NO_BASELINE;
			case STABLE -> STABLE;
			case DRIFTED -> comparison.test().difference() > 0 ? WORSE : BETTER;
		};
	}

}
