package org.aitrust.interceptor.store;

import java.time.LocalDate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows every report reads, as of the last day rolled up when the report began: for each kind of row, the raw rows
 * of days not yet rolled up united with the rollup rows of rolled days ({@link RollupTable#reportRows}). Every column
 * a report filters or groups by is there under its raw name, and {@code TALLY} says how many arrivals (or outcomes,
 * items, reviews) a row stands for, so a raw-row query converts mechanically: {@code COUNT(*)} becomes
 * {@code SUM(TALLY)}, a {@code SUM} of a 0/1 flag sums {@code TALLY} where the flag is 1, a sum of a summed column
 * stays a sum. The marker is read once, so a rollup committing during the report changes none of its figures: the
 * day it rolls up is read from raw rows, which the rollup does not delete.
 */
final class ReportRows {

	private final LocalDate rolledThrough;
	private final boolean storedRuns;

	private ReportRows(LocalDate rolledThrough, boolean storedRuns) {
		this.rolledThrough = rolledThrough;
		this.storedRuns = storedRuns;
	}

	/** The rows measured at write time as of now: the last day rolled up, read once. */
	static ReportRows current(JdbcTemplate jdbc) {
		return new ReportRows(rolledThrough(jdbc), false);
	}

	/**
	 * The rows of a population: those measured at write time as {@link #current}, or the raw rows of stored-data runs
	 * (never rolled up), with their {@code RUN_ID} for the report to keep the latest completed run's.
	 */
	static ReportRows of(JdbcTemplate jdbc, QualityPopulation population) {
		return population == QualityPopulation.STORED ? new ReportRows(null, true) : current(jdbc);
	}

	/** The last day rolled up, or {@code null} before the first rollup. */
	static LocalDate rolledThrough(JdbcTemplate jdbc) {
		return jdbc.query("SELECT ROLLED_THROUGH FROM " + ModuleTables.ROLLUP_STATE + " WHERE ID = 1",
				rs -> rs.next() && rs.getDate(1) != null ? rs.getDate(1).toLocalDate() : null);
	}

	/** Arrivals: their dimensions, flags, bit sets, strata and confidence bin and sum; not their lag or patient. */
	String arrivals() {
		return rows(RollupTable.ARRIVAL);
	}

	/** Arrivals with a lag: the report filters' columns and {@code LAG_SECONDS}. */
	String lags() {
		return rows(RollupTable.LAG);
	}

	/** Stored AI writes: model, strata, bit sets and {@code PATIENT_KEY}. */
	String aiWritesByPatient() {
		return rows(RollupTable.PATIENT);
	}

	String outcomes() {
		return rows(RollupTable.OUTCOME);
	}

	String breakdowns() {
		return rows(RollupTable.BREAKDOWN);
	}

	/** First reviews: every column, the confidence as bin and sum. */
	String reviews() {
		return RollupTable.REVIEW.reportRows(rolledThrough);
	}

	private String rows(RollupTable table) {
		return storedRuns ? table.storedRunRows() : table.reportRows(rolledThrough);
	}

	/**
	 * Count, median and 95th percentile of {@code LAG_SECONDS} over rows with a {@code TALLY}, per value of
	 * {@code key} (an expression, {@code "0"} for all): the lag whose rank in ascending order is the ceiling of p% of
	 * the count (nearest rank), found by the running sum of tallies over the distinct lags, in integer arithmetic so
	 * both engines agree. Columns: key, count, median, p95.
	 */
	static String nearestRankLags(String key, String rowsAndWhere) {
		return "SELECT K, T, MIN(CASE WHEN C >= (50 * T + 99) / 100 THEN LAG_SECONDS END),"
				+ " MIN(CASE WHEN C >= (95 * T + 99) / 100 THEN LAG_SECONDS END)"
				+ " FROM (SELECT K, LAG_SECONDS,"
				+ " CAST(SUM(V) OVER (PARTITION BY K ORDER BY LAG_SECONDS) AS BIGINT) AS C,"
				+ " CAST(SUM(V) OVER (PARTITION BY K) AS BIGINT) AS T"
				+ " FROM (SELECT K, LAG_SECONDS, SUM(TALLY) AS V FROM (SELECT " + key + " AS K, LAG_SECONDS, TALLY FROM "
				+ rowsAndWhere + ") L GROUP BY K, LAG_SECONDS) G) R GROUP BY K, T";
	}
}
