package org.aitrust.interceptor.store;

/**
 * How one check fared over the arrivals a query covers.
 *
 * @param checkId the check
 * @param denominator arrivals the check applied to
 * @param numerator arrivals that violated it (for a share measure: that had the property measured)
 */
public record CheckTotals(String checkId, long denominator, long numerator) {

	/** Violations as a percentage of the denominator; 0 when nothing applied. */
	public double percent() {
		return denominator == 0 ? 0 : 100.0 * numerator / denominator;
	}
}
