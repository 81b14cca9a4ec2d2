package org.aitrust.interceptor.oversight;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.aitrust.interceptor.store.ConfidenceBin;

/**
 * The calibration figures of a reliability diagram, from its bins' exact sums: a bin's mean stated confidence and
 * observed accuracy (share of its reviewed writes verified), and the expected calibration error
 * ECE = Σ n_b / N · |acc_b − conf_b| over the bins. Since n_b · acc_b is the bin's verified count and n_b · conf_b
 * its confidence sum, ECE is Σ |verified_b − sum_b| / N: one division, on exact decimals.
 */
final class ConfidenceCalibration {

	/** Precision of the one division each figure takes; reports round further. */
	private static final MathContext DIVISION = MathContext.DECIMAL64;

	private ConfidenceCalibration() {}

	/** All bins together. */
	static ConfidenceBin total(List<ConfidenceBin> bins) {
		long count = 0;
		long correct = 0;
		BigDecimal sum = BigDecimal.ZERO;
		for (ConfidenceBin bin : bins) {
			count += bin.count();
			correct += bin.correct();
			sum = sum.add(bin.confidenceSum());
		}
		return new ConfidenceBin(count, sum, correct);
	}

	/** The mean stated confidence of the bin's rows, or {@code null} when it has none. */
	static BigDecimal meanConfidence(ConfidenceBin bin) {
		return bin.count() == 0 ? null : bin.confidenceSum().divide(BigDecimal.valueOf(bin.count()), DIVISION);
	}

	/** The expected calibration error of these bins of reviewed writes, or {@code null} when none was reviewed. */
	static BigDecimal expectedCalibrationError(List<ConfidenceBin> bins) {
		long reviewed = 0;
		BigDecimal gaps = BigDecimal.ZERO;
		for (ConfidenceBin bin : bins) {
			reviewed += bin.count();
			gaps = gaps.add(BigDecimal.valueOf(bin.correct()).subtract(bin.confidenceSum()).abs());
		}
		return reviewed == 0 ? null : gaps.divide(BigDecimal.valueOf(reviewed), DIVISION);
	}
}
