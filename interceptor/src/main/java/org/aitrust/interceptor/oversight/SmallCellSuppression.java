package org.aitrust.interceptor.oversight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Hides counts small enough to point at a few patients. A count in (0, threshold) is suppressed (primary
 * suppression); a count of 0 reveals nobody and is shown. Because the total of a stratifier is shown, one suppressed
 * cell alone could be recovered by subtraction, so when exactly one cell of a set is suppressed the smallest other
 * non-zero cell is suppressed too (complementary suppression).
 */
public final class SmallCellSuppression {

	private final long threshold;

	/** @param threshold the smallest count shown; 11 by default, as many public-health data-release rules use */
	public SmallCellSuppression(long threshold) {
		if (threshold < 1) {
			throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
		}
		this.threshold = threshold;
	}

	/** Whether one count, on its own, must be hidden. */
	public boolean isSmall(long count) {
		return count > 0 && count < threshold;
	}

	/**
	 * Which of a set of counts that add up to a shown total must be hidden, in the same order.
	 */
	public List<Boolean> suppressed(List<Long> counts) {
		List<Boolean> hidden = new ArrayList<>(counts.stream().map(this::isSmall).toList());
		long primary = hidden.stream().filter(h -> h).count();
		if (primary == 1) {
			IntStream.range(0, counts.size())
					.filter(i -> !hidden.get(i) && counts.get(i) > 0)
					.boxed()
					.min(Comparator.comparingLong(counts::get))
					.ifPresent(i -> hidden.set(i, true));
		}
		return hidden;
	}
}
