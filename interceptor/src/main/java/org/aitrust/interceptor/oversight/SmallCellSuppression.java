package org.aitrust.interceptor.oversight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Hides counts small enough to point at a few patients, so that no hidden count can be worked out from what is
 * shown. A count in (0, threshold) is suppressed (primary suppression); a count of 0 reveals nobody and is shown.
 * The total of a stratifier can be known (the model's own count, or another stratifier's cells), so total minus
 * the shown cells is the sum of the hidden ones: further cells are hidden, the smallest first, until the hidden
 * cells add up to at least the threshold (complementary suppression). When even all non-zero cells together stay
 * below it, every cell is hidden, zeros too, so that not even which cell holds the few can be read.
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

	public long threshold() {
		return threshold;
	}

	/** Whether one count, on its own, must be hidden. */
	public boolean isSmall(long count) {
		return count > 0 && count < threshold;
	}

	/** Which of a set of counts that add up to a known total must be hidden, in the same order. */
	public List<Boolean> suppressed(List<Long> counts) {
		return suppressed(counts, counts.stream().map(c -> false).toList());
	}

	/**
	 * As {@link #suppressed(List)}, for counts some of which are hidden already for another reason (a numerator
	 * whose denominator is hidden): those count towards the hidden sum.
	 */
	public List<Boolean> suppressed(List<Long> counts, List<Boolean> alreadyHidden) {
		if (counts.size() != alreadyHidden.size()) {
			throw new IllegalArgumentException(counts.size() + " counts but " + alreadyHidden.size() + " flags");
		}
		List<Boolean> hidden = new ArrayList<>(counts.size());
		for (int i = 0; i < counts.size(); i++) {
			hidden.add(alreadyHidden.get(i) || isSmall(counts.get(i)));
		}
		while (hidden.contains(true) && hiddenSum(counts, hidden) < threshold) {
			Optional<Integer> next = IntStream.range(0, counts.size())
					.filter(i -> !hidden.get(i) && counts.get(i) > 0)
					.boxed()
					.min(Comparator.comparingLong(counts::get));
			if (next.isEmpty()) {
				return counts.stream().map(c -> true).toList();
			}
			hidden.set(next.get(), true);
		}
		return hidden;
	}

	private static long hiddenSum(List<Long> counts, List<Boolean> hidden) {
		long sum = 0;
		for (int i = 0; i < counts.size(); i++) {
			if (hidden.get(i)) {
				sum += counts.get(i);
			}
		}
		return sum;
	}
}
