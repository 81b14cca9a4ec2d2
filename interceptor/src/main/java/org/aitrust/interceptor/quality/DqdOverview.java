package org.aitrust.interceptor.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Predicate;

/**
 * A DQD results document's {@code Overview}, computed from its rows as DQD's {@code .summarizeResults} (R package
 * 2.8.4) computes it: totals of rows, rows failed on their threshold, rows in error, rows failed overall, rows passed
 * (every row not failed: not-applicable and error rows included, as in DQD), the percentages of passed and failed
 * among those, and per category the rows in total, failed and passed (there {@code passed == 1} only, as in DQD).
 */
public record DqdOverview(
		long countTotal,
		long countThresholdFailed,
		long countErrorFailed,
		long countOverallFailed,
		long countPassed,
		BigDecimal percentPassed,
		BigDecimal percentFailed,
		long countTotalPlausibility,
		long countTotalConformance,
		long countTotalCompleteness,
		long countFailedPlausibility,
		long countFailedConformance,
		long countFailedCompleteness,
		long countPassedPlausibility,
		long countPassedConformance,
		long countPassedCompleteness) {

	public static DqdOverview of(List<DqdCheckResult> rows) {
		long total = rows.size();
		long overallFailed = count(rows, DqdCheckResult::failed);
		long passed = total - overallFailed;
		return new DqdOverview(
				total,
				count(rows, row -> row.failed() && !row.isError()),
				count(rows, DqdCheckResult::isError),
				overallFailed,
				passed,
				percent(passed, passed + overallFailed),
				percent(overallFailed, passed + overallFailed),
				count(rows, inCategory("Plausibility")),
				count(rows, inCategory("Conformance")),
				count(rows, inCategory("Completeness")),
				count(rows, inCategory("Plausibility").and(DqdCheckResult::failed)),
				count(rows, inCategory("Conformance").and(DqdCheckResult::failed)),
				count(rows, inCategory("Completeness").and(DqdCheckResult::failed)),
				count(rows, inCategory("Plausibility").and(DqdCheckResult::passed)),
				count(rows, inCategory("Conformance").and(DqdCheckResult::passed)),
				count(rows, inCategory("Completeness").and(DqdCheckResult::passed)));
	}

	private static Predicate<DqdCheckResult> inCategory(String category) {
		return row -> category.equals(row.category());
	}

	private static long count(List<DqdCheckResult> rows, Predicate<DqdCheckResult> which) {
		return rows.stream().filter(which).count();
	}

	/** R's {@code round(x / n * 100, 2)}; DQD divides by zero into NaN, here 0 for an empty document. */
	private static BigDecimal percent(long part, long whole) {
		return whole == 0 ? BigDecimal.ZERO
				: BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_EVEN).stripTrailingZeros();
	}

	void writeTo(ObjectNode overview) {
		overview.put("countTotal", countTotal);
		overview.put("countPassed", countPassed);
		overview.put("countErrorFailed", countErrorFailed);
		overview.put("countThresholdFailed", countThresholdFailed);
		overview.put("countOverallFailed", countOverallFailed);
		overview.put("percentPassed", percentPassed);
		overview.put("percentFailed", percentFailed);
		overview.put("countTotalPlausibility", countTotalPlausibility);
		overview.put("countTotalConformance", countTotalConformance);
		overview.put("countTotalCompleteness", countTotalCompleteness);
		overview.put("countFailedPlausibility", countFailedPlausibility);
		overview.put("countFailedConformance", countFailedConformance);
		overview.put("countFailedCompleteness", countFailedCompleteness);
		overview.put("countPassedPlausibility", countPassedPlausibility);
		overview.put("countPassedConformance", countPassedConformance);
		overview.put("countPassedCompleteness", countPassedCompleteness);
	}
}
