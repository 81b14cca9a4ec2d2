package org.aitrust.interceptor.store;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aitrust.interceptor.quality.check.BuiltInCheck;

/**
 * The layout of an arrival row's APPLIED and FAILED bit sets: built-in check {@code c} is bit {@code c.bit()} of
 * both, as {@link BuiltInCheck} assigns it. Measures without a bit are rows of their own ({@link ModuleTables#OUTCOME}).
 */
final class CheckBits {

	/** The ids of the built-in checks in the order of their bits. */
	static final List<String> IDS = idsByBit();
	private static final Map<String, Integer> BIT_OF = bitIndex();

	private CheckBits() {}

	/** The bit of a check, or {@code null} when it has none (it is stored as a row of the outcome table). */
	static Integer bitOrNull(String checkId) {
		return BIT_OF.get(checkId);
	}

	/** The bit of a built-in check; rejects any other id. */
	static int bitOf(String checkId) {
		Integer bit = BIT_OF.get(checkId);
		if (bit == null) {
			throw new IllegalArgumentException("no bit for check " + checkId);
		}
		return bit;
	}

	/**
	 * The two SQL sums, over the arrivals of {@link ReportRows} (each standing for {@code TALLY} arrivals), of the
	 * arrivals a built-in check applied to and of those it failed, for a SELECT list. MOD(set / 2^bit, 2) reads one
	 * bit with integer arithmetic that H2 and PostgreSQL share.
	 */
	static String appliedAndFailedSums(String checkId) {
		return "SUM(" + bit("APPLIED", checkId) + " * TALLY), SUM(" + bit("FAILED", checkId) + " * TALLY)";
	}

	/** The SQL expression, over an arrival row, that is 1 when the check's bit is set in a bit-set column, else 0. */
	static String bit(String column, String checkId) {
		return "MOD(" + column + " / " + (1L << bitOf(checkId)) + ", 2)";
	}

	/**
	 * Fails the start-up of a build whose registry repeats a bit or overflows the sets. A gap is allowed: a bit may be
	 * held for a check that is not in this build yet, and an unused bit is zero in every row.
	 */
	private static List<String> idsByBit() {
		List<BuiltInCheck> byBit = Arrays.stream(BuiltInCheck.values())
				.sorted(Comparator.comparingInt(BuiltInCheck::bit)).toList();
		for (int i = 0; i < byBit.size(); i++) {
			BuiltInCheck check = byBit.get(i);
			if (check.bit() < 0 || check.bit() >= BuiltInCheck.MAX_BITS) {
				throw new IllegalStateException("Built-in check bits must be 0.." + (BuiltInCheck.MAX_BITS - 1)
						+ "; " + check + " has " + check.bit());
			}
			if (i > 0 && byBit.get(i - 1).bit() == check.bit()) {
				throw new IllegalStateException("Built-in checks " + byBit.get(i - 1) + " and " + check
						+ " share bit " + check.bit());
			}
		}
		return byBit.stream().map(BuiltInCheck::id).toList();
	}

	private static Map<String, Integer> bitIndex() {
		Map<String, Integer> index = new HashMap<>();
		for (BuiltInCheck check : BuiltInCheck.values()) {
			index.put(check.id(), check.bit());
		}
		return Map.copyOf(index);
	}
}
