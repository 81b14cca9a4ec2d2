package org.aitrust.interceptor.store;

import java.math.BigDecimal;

/**
 * One confidence bin of a model's rows in a period, as the database summed it: how many rows stated a confidence in
 * the bin, the exact sum of those confidences, and how many of them were correct.
 *
 * @param count rows whose stated confidence lies in the bin
 * @param confidenceSum the sum of their stated confidences, exact (each kept to six decimal places)
 * @param correct of them, those a clinician's first review verified (0 for write counts, which have no outcome)
 */
public record ConfidenceBin(long count, BigDecimal confidenceSum, long correct) {

	/** A bin no row fell in. */
	public static final ConfidenceBin EMPTY = new ConfidenceBin(0, BigDecimal.ZERO, 0);
}
