package org.aitrust.interceptor.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the per-model figures of AI oversight from the arrival and review rows {@link QualityEventWriter} inserts, so
 * oversight counts are exactly as exact, durable and cluster-wide as the data-quality counts: oversight stores
 * nothing of its own.
 */
public class OversightReader {

	/** Stratification dimensions: the report's name and the column that holds it. */
	public static final Map<String, String> DIMENSIONS = Map.of(
			"age-band", "AGE_BAND", "gender", "GENDER", "race", "RACE", "ethnicity", "ETHNICITY");

	private static final String STORED_AI_WRITES = " WHERE AI_MODEL = ? AND ACCEPTED AND AI_LABELLED"
			+ " AND EVENT_DAY BETWEEN ? AND ?";
	private static final String REVIEWS = " WHERE AI_MODEL = ? AND EVENT_DAY BETWEEN ? AND ?";

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
		return jdbc.queryForList("SELECT DISTINCT AI_MODEL FROM " + ModuleTables.ARRIVAL
				+ " WHERE AI_MODEL IS NOT NULL ORDER BY AI_MODEL", String.class);
	}

	/** The model's figures over the writes that arrived in [start, end] and their first reviews. */
	public ModelCounts counts(String model, LocalDate start, LocalDate end) {
		Object[] arguments = {model, start, end};
		StringBuilder select = new StringBuilder("SELECT COUNT(*)");
		for (String check : judgedChecks) {
			select.append(", ").append(CheckBits.appliedAndFailedSums(check));
		}
		long[] writes = new long[1];
		Map<String, long[]> checks = new LinkedHashMap<>();
		jdbc.query(select + " FROM " + ModuleTables.ARRIVAL + STORED_AI_WRITES, rs -> {
			writes[0] = rs.getLong(1);
			for (int i = 0; i < judgedChecks.size(); i++) {
				checks.put(judgedChecks.get(i), new long[] {rs.getLong(2 + 2 * i), rs.getLong(3 + 2 * i)});
			}
		}, arguments);
		Map<String, Long> outcomes = new TreeMap<>();
		jdbc.query("SELECT OUTCOME, COUNT(*) FROM " + ModuleTables.REVIEW + REVIEWS + " GROUP BY OUTCOME",
				rs -> {
					outcomes.put(rs.getString(1), rs.getLong(2));
				}, arguments);
		List<Long> lags = jdbc.queryForList("SELECT LAG_SECONDS FROM " + ModuleTables.REVIEW + REVIEWS
				+ " ORDER BY LAG_SECONDS", Long.class, arguments);
		Map<LocalDate, Long> byDay = new TreeMap<>();
		jdbc.query("SELECT EVENT_DAY, COUNT(*) FROM " + ModuleTables.ARRIVAL + STORED_AI_WRITES
				+ " GROUP BY EVENT_DAY", rs -> {
					byDay.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
				}, arguments);
		return new ModelCounts(writes[0], checks, outcomes, lags, byDay);
	}

	/**
	 * The model's first reviews in [start, end] by stratum of one dimension: {reviews, of them with the outcome}, in
	 * stratum order.
	 */
	public Map<String, long[]> reviewsByStratum(String model, String dimension, String outcome, LocalDate start,
			LocalDate end) {
		String column = column(dimension);
		Map<String, long[]> strata = new TreeMap<>();
		jdbc.query("SELECT " + column + ", COUNT(*), SUM(CASE WHEN OUTCOME = ? THEN 1 ELSE 0 END) FROM "
						+ ModuleTables.REVIEW + REVIEWS + " GROUP BY " + column,
				rs -> {
					strata.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
				}, outcome, model, start, end);
		return strata;
	}

	/** The model's stored AI writes in [start, end] by stratum: {applied, failed} of one check, in stratum order. */
	public Map<String, long[]> checkByStratum(String model, String dimension, String check, LocalDate start,
			LocalDate end) {
		String column = column(dimension);
		Map<String, long[]> strata = new TreeMap<>();
		jdbc.query("SELECT " + column + ", " + CheckBits.appliedAndFailedSums(check) + " FROM "
						+ ModuleTables.ARRIVAL + STORED_AI_WRITES + " GROUP BY " + column,
				rs -> {
					strata.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
				}, model, start, end);
		return strata;
	}

	private static String column(String dimension) {
		String column = DIMENSIONS.get(dimension);
		if (column == null) {
			throw new IllegalArgumentException("unknown dimension " + dimension);
		}
		return column;
	}

}
