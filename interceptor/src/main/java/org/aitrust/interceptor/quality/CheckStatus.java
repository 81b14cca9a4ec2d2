package org.aitrust.interceptor.quality;

import java.util.OptionalDouble;
import org.aitrust.interceptor.quality.check.CheckClass;

/**
 * The status a check's figure gets in a report (the {@code dq-status} extension): judged against its threshold, or,
 * for a figure that is not judged, what kind of figure it is, so that "the data is wrong", "this is how the data
 * looks" and "this server cannot check it" are never confused.
 */
public enum CheckStatus {

	/** The violating share is at or below the threshold. */
	PASSED("passed"),
	/** The violating share is above the threshold: the data has defects beyond what is tolerated. */
	FAILED("failed"),
	/** The check applied to no resource. */
	NOT_APPLICABLE("not-applicable"),
	/** A characterization figure without a threshold of the administrator's: shown, not judged. */
	CHARACTERIZATION("characterization"),
	/** A server-capability figure: the share of data this server cannot check, never the data's failure. */
	NOT_CHECKABLE_HERE("not-checkable-here");

	private final String code;

	CheckStatus(String code) {
		this.code = code;
	}

	/** The code of the {@code dq-status} extension. */
	public String code() {
		return code;
	}

	/**
	 * The status of a figure of {@code numerator} violations in {@code denominator} resources, for a check of this
	 * class judged by this threshold (empty when not judged).
	 */
	public static CheckStatus of(long numerator, long denominator, CheckClass checkClass, OptionalDouble threshold) {
		if (denominator == 0) {
			return NOT_APPLICABLE;
		}
		if (checkClass == CheckClass.SERVER_CAPABILITY) {
			return NOT_CHECKABLE_HERE;
		}
		if (threshold.isEmpty()) {
			return CHARACTERIZATION;
		}
		return 100.0 * numerator / denominator > threshold.getAsDouble() ? FAILED : PASSED;
	}
}
