package org.aitrust.interceptor.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the per-model figures of AI oversight from the arrival and review rows {@link QualityEventWriter} inserts
 * and their daily rollups ({@link ReportRows}), so
 * oversight counts are exactly as exact, durable and cluster-wide as the data-quality counts: oversight stores
 * nothing of its own.
 */
public class OversightReader {

	/** Stratification dimensions: the report's name and the column that holds it. */
	public static final Map<String, String> DIMENSIONS = Map.of(
			"age-band", "AGE_BAND", "gender", "GENDER", "race", "RACE", "ethnicity", "ETHNICITY");

	private static final String STORED_AI_WRITES = " WHERE AI_MODEL = ? AND ACCEPTED AND AI_LABELLED"
			+ " AND EVENT_DAY BETWEEN ? AND ?";
	/** Reviews of a model, and the model's stored AI writes in the rows that hold only those (by patient). */
	private static final String OF_MODEL = " WHERE AI_MODEL = ? AND EVENT_DAY BETWEEN ? AND ?";

	/**
	 * Equal-width bins of stated confidence: bin i holds [i/10, (i+1)/10), the last one 1.0 too. Computed from the
	 * stored decimal, where FLOOR of ten times the value is exact, so 0.7 is in bin 7 on every engine ({@code
	 * CONFIDENCE_BIN} of {@link ReportRows}).
	 */
	public static final int CONFIDENCE_BINS = 10;
	/** The review outcome that counts as the AI having been right; corrected and rejected count as wrong. */
	public static final String CORRECT_OUTCOME = "verified";

	private final JdbcTemplate jdbc;
	private final List<String> judgedChecks;

	/** @param judgedChecks the check ids oversight follows per model (validation and plausibility checks) */
	public OversightReader(DataSource dataSource, List<String> judgedChecks) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.judgedChecks = List.copyOf(judgedChecks);
		judgedChecks.forEach(CheckBits::bitOf);
	}

	public List<String> judgedChecks() {
		return judgedChecks;
	}

	/** Every model version with a stored AI write, in name order. */
	public List<String> models() {
		return jdbc.queryForList("SELECT DISTINCT AI_MODEL FROM " + ReportRows.current(jdbc).arrivals()
				+ " WHERE AI_MODEL IS NOT NULL ORDER BY AI_MODEL", String.class);
	}

	/**
	 * The model's figures over the writes that arrived in [start, end] and their first reviews. Everything is counted
	 * by the database (the review lags' median and 95th percentile too), so a long period costs no memory here.
	 */
	public ModelCounts counts(String model, LocalDate start, LocalDate end) {
		Object[] arguments = {model, start, end};
		ReportRows rows = ReportRows.current(jdbc);
		StringBuilder select = new StringBuilder("SELECT SUM(TALLY)");
		for (String check : judgedChecks) {
			select.append(", ").append(CheckBits.appliedAndFailedSums(check));
		}
		long[] writes = new long[1];
		Map<String, long[]> checks = new LinkedHashMap<>();
		jdbc.query(select + " FROM " + rows.arrivals() + STORED_AI_WRITES, rs -> {
			writes[0] = rs.getLong(1);
			for (int i = 0; i < judgedChecks.size(); i++) {
				checks.put(judgedChecks.get(i), new long[] {rs.getLong(2 + 2 * i), rs.getLong(3 + 2 * i)});
			}
		}, arguments);
		Map<String, Long> outcomes = new TreeMap<>();
		jdbc.query("SELECT OUTCOME, SUM(TALLY) FROM " + rows.reviews() + OF_MODEL + " GROUP BY OUTCOME",
				rs -> {
					outcomes.put(rs.getString(1), rs.getLong(2));
				}, arguments);
		// the nearest rank (the smallest lag at or above the share), as MeasureReportParts.percentile
		long[] lag = new long[2];
		jdbc.query(ReportRows.nearestRankLags("0", rows.reviews() + OF_MODEL),
				rs -> {
					lag[0] = rs.getLong(3);
					lag[1] = rs.getLong(4);
				}, arguments);
		Map<LocalDate, Long> byDay = new TreeMap<>();
		jdbc.query("SELECT EVENT_DAY, SUM(TALLY) FROM " + rows.arrivals() + STORED_AI_WRITES
				+ " GROUP BY EVENT_DAY", rs -> {
					byDay.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
				}, arguments);
		return new ModelCounts(writes[0], checks, outcomes, lag[0], lag[1], byDay);
	}

	/**
	 * The model's first reviews by window and stratum of one dimension: reviews, and of them those with the outcome.
	 *
	 * @param windowStarts the first days of consecutive windows, in order; the last window ends on {@code end}
	 * @return by window start, the strata of that window in stratum order (windows without reviews left out)
	 */
	public Map<LocalDate, Map<String, StratumCounts>> reviewsByStratum(String model, String dimension, String outcome,
			List<LocalDate> windowStarts, LocalDate end) {
		return strata(ReportRows.current(jdbc).reviews() + OF_MODEL, "1", "CASE WHEN OUTCOME = ? THEN 1 ELSE 0 END", outcome,
				dimension, model, windowStarts, end);
	}

	/**
	 * The model's stored AI writes by window and stratum of one dimension: those one check applied to, and of them
	 * those failing it.
	 *
	 * @param windowStarts the first days of consecutive windows, in order; the last window ends on {@code end}
	 * @return by window start, the strata of that window in stratum order (windows without writes left out)
	 */
	public Map<LocalDate, Map<String, StratumCounts>> checkByStratum(String model, String dimension, String check,
			List<LocalDate> windowStarts, LocalDate end) {
		CheckBits.bitOf(check);
		return strata(ReportRows.current(jdbc).aiWritesByPatient() + OF_MODEL, CheckBits.bit("APPLIED", check),
				CheckBits.bit("FAILED", check), null, dimension, model, windowStarts, end);
	}

	/**
	 * The model's stored AI writes of [start, end] that stated a confidence, by confidence bin ({@link
	 * #CONFIDENCE_BINS}, in bin order, empty bins included): the confidence distribution.
	 */
	public List<ConfidenceBin> confidenceByBin(String model, LocalDate start, LocalDate end) {
		return confidenceBins("0", ReportRows.current(jdbc).arrivals() + STORED_AI_WRITES, model, start, end);
	}

	/**
	 * The first reviews of the model's AI writes of [start, end] that stated a confidence, by confidence bin (in bin
	 * order, empty bins included), each with how many were verified: the reliability diagram. Writes without a
	 * review are in none.
	 */
	public List<ConfidenceBin> reviewedConfidenceByBin(String model, LocalDate start, LocalDate end) {
		return confidenceBins("CASE WHEN OUTCOME = '" + CORRECT_OUTCOME + "' THEN TALLY ELSE 0 END",
				ReportRows.current(jdbc).reviews() + OF_MODEL, model, start, end);
	}

	private List<ConfidenceBin> confidenceBins(String correctFlag, String rows, String model, LocalDate start,
			LocalDate end) {
		List<ConfidenceBin> bins = new ArrayList<>(Collections.nCopies(CONFIDENCE_BINS, ConfidenceBin.EMPTY));
		jdbc.query("SELECT B, SUM(TALLY), SUM(C), SUM(R) FROM (SELECT CONFIDENCE_BIN AS B, CONFIDENCE_SUM AS C, "
				+ correctFlag + " AS R, TALLY FROM " + rows + " AND CONFIDENCE_BIN IS NOT NULL) T GROUP BY B", rs -> {
					bins.set(rs.getInt(1), new ConfidenceBin(rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4)));
				}, model, start, end);
		return bins;
	}

	/**
	 * Counts rows and distinct patient keys by window and stratum in one grouped query: each row is given the index
	 * of its window and its 0/1 flags of denominator and numerator in a subquery, which the outer query groups.
	 */
	private Map<LocalDate, Map<String, StratumCounts>> strata(String rows, String denominatorFlag, String numeratorFlag,
			String numeratorArgument, String dimension, String model, List<LocalDate> windowStarts, LocalDate end) {
		if (windowStarts.isEmpty()) {
			return Map.of();
		}
		List<Object> arguments = new ArrayList<>();
		StringBuilder window = new StringBuilder(windowStarts.size() == 1 ? "0" : "CASE");
		for (int i = windowStarts.size() - 1; i > 0; i--) {
			window.append(" WHEN EVENT_DAY >= ? THEN ").append(i);
			arguments.add(windowStarts.get(i));
		}
		if (windowStarts.size() > 1) {
			window.append(" ELSE 0 END");
		}
		if (numeratorArgument != null) {
			arguments.add(numeratorArgument);
		}
		arguments.addAll(List.of(model, windowStarts.get(0), end));
		String sql = "SELECT W, V, SUM(D * TALLY), " + patients("D") + ", SUM(N * TALLY), " + patients("N")
				+ " FROM (SELECT " + window + " AS W, " + column(dimension) + " AS V, " + denominatorFlag + " AS D, "
				+ numeratorFlag + " AS N, PATIENT_KEY AS K, TALLY FROM " + rows + ") T GROUP BY W, V";
		Map<LocalDate, Map<String, StratumCounts>> strata = new TreeMap<>();
		jdbc.query(sql, rs -> {
			strata.computeIfAbsent(windowStarts.get(rs.getInt(1)), w -> new TreeMap<>()).put(rs.getString(2),
					new StratumCounts(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
		}, arguments.toArray());
		return strata;
	}

	/**
	 * Distinct patient keys of the rows whose flag is 1, each arrival without a key counted as a patient of its own:
	 * the rollups keep the key per day, so the distinct count of a window over them is the raw rows' count.
	 */
	private static String patients(String flag) {
		return "COUNT(DISTINCT CASE WHEN " + flag + " = 1 THEN K END) + SUM(CASE WHEN " + flag
				+ " = 1 AND K IS NULL THEN TALLY ELSE 0 END)";
	}

	private static String column(String dimension) {
		String column = DIMENSIONS.get(dimension);
		if (column == null) {
			throw new IllegalArgumentException("unknown dimension " + dimension);
		}
		return column;
	}

}
