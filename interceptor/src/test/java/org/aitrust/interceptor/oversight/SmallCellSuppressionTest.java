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
		// total 75 is known: 5 alone could be recovered as 75 - 30 - 40, so 30 is hidden too
		assertThat(suppression.suppressed(List.of(40L, 5L, 0L, 30L))).containsExactly(false, true, false, true);
	}

	@Test
	void twoSmallCellsSummingBelowTheThresholdTakeTheNextSmallestWithThem() {
		// 3 + 4 = 7 hidden: total minus the shown cells would tell that the two hold 7, fewer than 11
		assertThat(suppression.suppressed(List.of(3L, 4L, 20L, 50L))).containsExactly(true, true, true, false);
		// 6 + 7 = 13: hidden together they already add up to the threshold
		assertThat(suppression.suppressed(List.of(6L, 7L, 20L))).containsExactly(true, true, false);
	}

	@Test
	void whenAllCellsTogetherStayBelowTheThresholdEverythingIsHiddenZerosToo() {
		// with the total 7 known, showing the zero would narrow down which cell holds the few
		assertThat(suppression.suppressed(List.of(3L, 0L, 4L))).containsExactly(true, true, true);
	}

	@Test
	void cellsHiddenForAnotherReasonCountTowardsTheHiddenSum() {
		// a numerator of 12 whose denominator was masked is hidden already; 12 + 2 reach the threshold
		assertThat(suppression.suppressed(List.of(12L, 2L, 30L), List.of(true, false, false)))
				.containsExactly(true, true, false);
		assertThat(suppression.suppressed(List.of(0L, 2L, 30L, 15L), List.of(true, false, false, false)))
				.containsExactly(true, true, false, true);
	}

	@Test
	void theMaskedCellsOfEveryGeneratedStratifierAddUpToTheThresholdOrEverythingIsMasked() {
		java.util.Random random = new java.util.Random(23);
		for (int round = 0; round < 5_000; round++) {
			List<Long> counts = java.util.stream.IntStream.range(0, 1 + random.nextInt(6))
					.mapToObj(i -> (long) (random.nextInt(3) == 0 ? random.nextInt(4) : random.nextInt(40))).toList();
			List<Boolean> hidden = suppression.suppressed(counts);
			long hiddenSum = java.util.stream.IntStream.range(0, counts.size()).filter(hidden::get)
					.mapToLong(counts::get).sum();
			java.util.stream.IntStream.range(0, counts.size()).filter(i -> suppression.isSmall(counts.get(i)))
					.forEach(i -> assertThat(hidden.get(i)).as(counts + ": small cell " + i).isTrue());
			if (hidden.contains(true)) {
				assertThat(hiddenSum >= 11 || !hidden.contains(false)).as(counts + " hides " + hidden).isTrue();
			}
		}
	}

	@Test
	void nothingSmallHidesNothing() {
		assertThat(suppression.suppressed(List.of(12L, 40L))).containsExactly(false, false);
	}
}
