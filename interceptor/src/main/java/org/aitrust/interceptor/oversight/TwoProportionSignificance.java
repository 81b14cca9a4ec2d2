package org.aitrust.interceptor.oversight;

/**
 * The two-proportion z-test with a pooled standard error: whether x1 of n1 and x0 of n0 are likely to come from one
 * underlying rate. Chosen because a quality team can redo it by hand: z = (p1 - p0) / sqrt(p (1 - p) (1/n1 + 1/n0)),
 * where p is the pooled rate, and the two-sided p-value is 2 (1 - Φ(|z|)).
 *
 * @param recentRate x1 / n1
 * @param baselineRate x0 / n0
 * @param z the test statistic; 0 when either group is empty or the pooled rate is 0 or 1
 * @param pValue two-sided p-value; 1 when z is 0
 */
public record TwoProportionSignificance(double recentRate, double baselineRate, double z, double pValue) {

	public static TwoProportionSignificance of(long x1, long n1, long x0, long n0) {
		if (x1 < 0 || x0 < 0 || x1 > n1 || x0 > n0) {
			throw new IllegalArgumentException("counts out of range: " + x1 + "/" + n1 + ", " + x0 + "/" + n0);
		}
		double p1 = n1 == 0 ? 0 : (double) x1 / n1;
		double p0 = n0 == 0 ? 0 : (double) x0 / n0;
		if (n1 == 0 || n0 == 0) {
			return new TwoProportionSignificance(p1, p0, 0, 1);
		}
		double pooled = (double) (x1 + x0) / (n1 + n0);
		double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n0);
		if (variance == 0) {
			return new TwoProportionSignificance(p1, p0, 0, 1);
		}
		double z = (p1 - p0) / Math.sqrt(variance);
		// the erfc fit overshoots 1 by about 3e-8 at z = 0
		return new TwoProportionSignificance(p1, p0, z, Math.min(1, 2 * upperTail(Math.abs(z))));
	}

	/** The difference the test is about, recent minus baseline. */
	public double difference() {
		return recentRate - baselineRate;
	}

	/**
	 * 1 - Φ(z) for z ≥ 0, from the complementary error function, erfc(z / √2) / 2. The erfc approximation is
	 * Numerical Recipes' Chebyshev fit, accurate to about 1.2e-7 relative error: far finer than any significance
	 * level an administrator would set.
	 */
	static double upperTail(double z) {
		return erfc(z / Math.sqrt(2)) / 2;
	}

	private static double erfc(double x) {
		double t = 1 / (1 + 0.5 * Math.abs(x));
		double y = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
				+ t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
				+ t * (-0.82215223 + t * 0.17087277)))))))));
		return x >= 0 ? y : 2 - y;
	}
}
