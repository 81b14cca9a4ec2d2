package org.aitrust.interceptor.quality.trend;

import org.aitrust.interceptor.oversight.RateComparison;

/**
 * One check's violation rate, recent window against baseline, with the counts and the test behind its status, so a
 * quality team can redo the arithmetic.
 *
 * @param checkId the check
 * @param comparison recent violations of recent applied against baseline violations of baseline applied
 * @param status what the comparison shows
 */
public record CheckTrend(String checkId, RateComparison comparison, TrendStatus status) {}
