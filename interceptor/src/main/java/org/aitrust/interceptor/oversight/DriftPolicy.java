package org.aitrust.interceptor.oversight;

/**
 * When a change of rate counts as drift: only when it is both unlikely to be noise (two-sided p-value below
 * {@code significance}) and large enough to matter (at least {@code minimumEffect}, in rate points: 0.05 is five
 * percentage points). Requiring both keeps a large model from being flagged for tiny, significant changes and a
 * small one from being flagged for large, noisy ones.
 */
public record DriftPolicy(double significance, double minimumEffect) {

	public DriftPolicy {
		if (!(significance > 0 && significance < 1)) {
			throw new IllegalArgumentException("significance must lie between 0 and 1, was " + significance);
		}
		if (!(minimumEffect >= 0 && minimumEffect <= 1)) {
			throw new IllegalArgumentException("minimum effect must lie between 0 and 1, was " + minimumEffect);
		}
	}

	/**
	 * The policy for each of {@code comparisons} tests read together, as the bins of one distribution: the
	 * significance divided among them (Bonferroni), so that the chance that any of them is flagged by noise alone
	 * stays at most {@code significance}; the minimum effect is unchanged.
	 */
	public DriftPolicy forEachOf(int comparisons) {
		return comparisons <= 1 ? this : new DriftPolicy(significance / comparisons, minimumEffect);
	}

	/** Compares x1 of n1 in the recent window with x0 of n0 in the baseline. */
	public RateComparison compare(long x1, long n1, long x0, long n0) {
		TwoProportionSignificance test = TwoProportionSignificance.of(x1, n1, x0, n0);
		DriftStatus status;
		if (n1 == 0 || n0 == 0) {
			status = DriftStatus.NO_BASELINE;
		} else if (test.pValue() < significance && Math.abs(test.difference()) >= minimumEffect) {
			status = DriftStatus.DRIFTED;
		} else {
			status = DriftStatus.STABLE;
		}
		return new RateComparison(x1, n1, x0, n0, test, status);
	}
}
