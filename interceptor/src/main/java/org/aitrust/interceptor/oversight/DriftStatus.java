package org.aitrust.interceptor.oversight;

/** What comparing a model version's recent rate with its baseline found. */
public enum DriftStatus {

	/** The change is statistically significant and at least the minimum effect. */
	DRIFTED("drifted"),
	/** No significant change of at least the minimum effect. */
	STABLE("stable"),
	/** Nothing to compare: no writes (or reviews) in the recent window or in the baseline, as for a new version. */
	NO_BASELINE("no-baseline");

	private final String code;

	DriftStatus(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}
}
