package org.aitrust.interceptor.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TwoProportionSignificanceTest {

	@Test
	void matchesTheFigureWorkedByHand() {
		// 20/100 against 5/100: pooled 0.125, SE = sqrt(0.125 * 0.875 * 0.02) = 0.046771, z = 0.15 / SE = 3.2071,
		// two-sided p = 2 (1 - Φ(3.2071)) = 0.001341
		TwoProportionSignificance test = TwoProportionSignificance.of(20, 100, 5, 100);

		assertThat(test.recentRate()).isEqualTo(0.20);
		assertThat(test.baselineRate()).isEqualTo(0.05);
		assertThat(test.z()).isCloseTo(3.2071, within(1e-4));
		assertThat(test.pValue()).isCloseTo(0.001341, within(2e-6));
	}

	@Test
	void theNormalTailMatchesTablesAtTheUsualCriticalValues() {
		assertThat(2 * TwoProportionSignificance.upperTail(1.959964)).isCloseTo(0.05, within(1e-6));
		assertThat(2 * TwoProportionSignificance.upperTail(2.575829)).isCloseTo(0.01, within(1e-6));
		assertThat(TwoProportionSignificance.upperTail(0)).isCloseTo(0.5, within(1e-7));
	}

	@Test
	void equalRatesOrAnEmptyGroupGiveNoEvidence() {
		assertThat(TwoProportionSignificance.of(5, 100, 10, 200).pValue()).isCloseTo(1.0, within(1e-9));
		assertThat(TwoProportionSignificance.of(3, 10, 0, 0).pValue()).isEqualTo(1.0);
		assertThat(TwoProportionSignificance.of(0, 50, 0, 80).z()).isZero();
	}

	@Test
	void driftNeedsBothSignificanceAndTheMinimumEffect() {
		DriftPolicy policy = new DriftPolicy(0.01, 0.05);

		assertThat(policy.compare(20, 100, 5, 100).status()).isEqualTo(DriftStatus.DRIFTED);
		// significant with 40,000 writes, but a one-point change is below the minimum effect
		assertThat(policy.compare(2_400, 40_000, 2_000, 40_000).status()).isEqualTo(DriftStatus.STABLE);
		// a 15-point change on 10 writes is not significant
		assertThat(policy.compare(2, 10, 1, 20).status()).isEqualTo(DriftStatus.STABLE);
		assertThat(policy.compare(2, 10, 0, 0).status()).isEqualTo(DriftStatus.NO_BASELINE);
	}
}
