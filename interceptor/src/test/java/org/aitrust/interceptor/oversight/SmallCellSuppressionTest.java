package org.aitrust.interceptor.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmallCellSuppressionTest {

	private final SmallCellSuppression suppression = new SmallCellSuppression(11);

	@Test
	void countsBelowTheThresholdAreHiddenAndZeroIsShown() {
		assertThat(suppression.suppressed(List.of(0L, 3L, 10L, 11L, 40L))).containsExactly(false, true, true, false, false);
	}

	@Test
	void aLoneSmallCellTakesTheSmallestOtherNonZeroCellWithIt() {
		// total 75 is shown: 5 alone could be recovered as 75 - 30 - 40, so 30 is hidden too
		assertThat(suppression.suppressed(List.of(40L, 5L, 0L, 30L))).containsExactly(false, true, false, true);
	}

	@Test
	void nothingSmallHidesNothing() {
		assertThat(suppression.suppressed(List.of(12L, 40L))).containsExactly(false, false);
	}
}
