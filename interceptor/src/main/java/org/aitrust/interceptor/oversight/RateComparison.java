package org.aitrust.interceptor.oversight;

/**
 * One rate of one model version, recent window against baseline, with the counts and the test that justify the
 * status, so a quality team can check the arithmetic.
 */
public record RateComparison(
		long recentNumerator,
		long recentDenominator,
		long baselineNumerator,
		long baselineDenominator,
		TwoProportionSignificance test,
		DriftStatus status) {}
