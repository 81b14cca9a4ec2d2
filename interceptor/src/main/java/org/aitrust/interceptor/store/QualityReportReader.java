package org.aitrust.interceptor.store;

import static org.aitrust.interceptor.store.ShareMeasures.AI_LABELLED;
import static org.aitrust.interceptor.store.ShareMeasures.AI_REVIEWED;
import static org.aitrust.interceptor.store.ShareMeasures.AI_UNREVIEWED;
import static org.aitrust.interceptor.store.ShareMeasures.AI_WITHOUT_PROVENANCE;
import static org.aitrust.interceptor.store.ShareMeasures.RECEIVED;
import static org.aitrust.interceptor.store.ShareMeasures.REJECTED;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Answers the data-quality report's questions from the rows {@link QualityEventWriter} inserted and the daily rollups
 * of closed days ({@link ReportRows}): totals are sums over rows, computed by the database when asked, so they are
 * exact and the same on every node of a cluster.
 */
public class QualityReportReader {

	private final JdbcTemplate jdbc;
	private final UnreviewedVersions worklist;
	private final StoredRuns runs;

	/** @param dataSource the server's data source, whose schema {@link ModuleSchema#migrate()} has brought up to date */
	public QualityReportReader(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.worklist = new UnreviewedVersions(dataSource);
		this.runs = new StoredRuns(dataSource);
	}

	/** Denominator and numerator of every measure over the arrivals the query covers, by measure id. */
	public Map<String, CheckTotals> totals(QualityQuery query) {
		Map<String, CheckTotals> totals = new TreeMap<>();
		ReportRows rows = ReportRows.of(jdbc, query.population());
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		StringBuilder select = new StringBuilder("SELECT SUM(TALLY),"
				+ " SUM(CASE WHEN ACCEPTED THEN 0 ELSE TALLY END),"
				+ " SUM(CASE WHEN AI_LABELLED THEN TALLY ELSE 0 END),"
				+ " SUM(CASE WHEN AI_LABELLED AND ACCEPTED THEN TALLY ELSE 0 END),"
				+ " SUM(CASE WHEN AI_LABELLED AND ACCEPTED AND NOT WITH_PROVENANCE THEN TALLY ELSE 0 END)");
		for (String check : CheckBits.IDS) {
			select.append(", ").append(CheckBits.appliedAndFailedSums(check));
		}
		jdbc.query(select + " FROM " + rows.arrivals() + where, rs -> {
			long received = rs.getLong(1);
			totals.put(RECEIVED, new CheckTotals(RECEIVED, received, received));
			totals.put(REJECTED, new CheckTotals(REJECTED, received, rs.getLong(2)));
			totals.put(AI_LABELLED, new CheckTotals(AI_LABELLED, received, rs.getLong(3)));
			totals.put(AI_WITHOUT_PROVENANCE, new CheckTotals(AI_WITHOUT_PROVENANCE, rs.getLong(4), rs.getLong(5)));
			for (int bit = 0; bit < CheckBits.IDS.size(); bit++) {
				long applied = rs.getLong(6 + 2 * bit);
				if (applied > 0) {
					totals.put(CheckBits.IDS.get(bit), new CheckTotals(CheckBits.IDS.get(bit), applied, rs.getLong(7 + 2 * bit)));
				}
			}
		}, arguments.toArray());
		jdbc.query("SELECT MEASURE, SUM(TALLY), SUM(CASE WHEN HIT THEN TALLY ELSE 0 END) FROM " + rows.outcomes() + where
						+ " GROUP BY MEASURE",
				rs -> {
					totals.put(rs.getString(1), new CheckTotals(rs.getString(1), rs.getLong(2), rs.getLong(3)));
				},
				arguments.toArray());
		if (query.population() == QualityPopulation.STORED) {
			// Reviews, the worklist and the AI-Provenance written with a write belong to writes: the job does not see
			// them, so the stored population has no figure for them (the report shows 0 of 0).
			totals.remove(AI_WITHOUT_PROVENANCE);
			return totals;
		}
		long aiStored = totals.get(AI_WITHOUT_PROVENANCE).denominator();
		List<Object> reviewArguments = new ArrayList<>();
		Long reviews = jdbc.queryForObject("SELECT SUM(TALLY) FROM " + rows.reviews() + reviewWhere(query, reviewArguments),
				Long.class, reviewArguments.toArray());
		long reviewed = Math.min(aiStored, reviews == null ? 0 : reviews);
		totals.put(AI_REVIEWED, new CheckTotals(AI_REVIEWED, aiStored, reviewed));
		// what $ai-unreviewed lists for the same filters, counted from the same worklist
		totals.put(AI_UNREVIEWED, new CheckTotals(AI_UNREVIEWED, aiStored, worklist.count(WorklistQuery.of(query))));
		return totals;
	}

	/**
	 * Occurrences of each item of each breakdown over the arrivals the query covers, most frequent first within
	 * a breakdown.
	 */
	public Map<Breakdown, Map<String, Long>> breakdowns(QualityQuery query) {
		ReportRows rows = ReportRows.of(jdbc, query.population());
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		Map<String, Breakdown> byId = new HashMap<>();
		for (Breakdown breakdown : Breakdown.values()) {
			byId.put(breakdown.id(), breakdown);
		}
		Map<Breakdown, Map<String, Long>> breakdowns = new EnumMap<>(Breakdown.class);
		jdbc.query("SELECT BREAKDOWN, ITEM, SUM(OCCURRENCES) AS N FROM " + rows.breakdowns() + where
						+ " GROUP BY BREAKDOWN, ITEM ORDER BY BREAKDOWN, N DESC, ITEM",
				rs -> {
					Breakdown breakdown = byId.get(rs.getString(1));
					if (breakdown != null) {
						breakdowns.computeIfAbsent(breakdown, b -> new LinkedHashMap<>())
								.put(rs.getString(2), rs.getLong(3));
					}
				},
				arguments.toArray());
		Map<String, Long> outcomes = new LinkedHashMap<>();
		if (query.population() == QualityPopulation.WRITE) {
			List<Object> reviewArguments = new ArrayList<>();
			jdbc.query("SELECT OUTCOME, SUM(TALLY) AS N FROM " + rows.reviews() + reviewWhere(query, reviewArguments)
							+ " GROUP BY OUTCOME ORDER BY N DESC, OUTCOME",
					rs -> {
						outcomes.put(rs.getString(1), rs.getLong(2));
					},
					reviewArguments.toArray());
		}
		if (!outcomes.isEmpty()) {
			breakdowns.put(Breakdown.REVIEW_OUTCOME, outcomes);
		}
		return breakdowns;
	}

	/** The items already stored for a breakdown, so its cap survives restarts. */
	public List<String> distinctItems(Breakdown breakdown) {
		return jdbc.queryForList("SELECT DISTINCT ITEM FROM " + ReportRows.current(jdbc).breakdowns() + " WHERE BREAKDOWN = ?", String.class,
				breakdown.id());
	}

	/**
	 * Median and 95th percentile of the arrival lag over the arrivals the query covers that have a clinical time, in
	 * all and by source. The database ranks the lags and returns one row per source: a report over a year of arrivals
	 * reads a handful of rows, not one value per arrival. The ranks are computed with window functions rather than
	 * {@code PERCENTILE_DISC}, whose H2 implementation rounds the position where PostgreSQL takes the nearest rank.
	 */
	public ArrivalLags lags(QualityQuery query) {
		List<Object> arguments = new ArrayList<>();
		String rowsAndWhere = ReportRows.of(jdbc, query.population()).lags() + where(query, arguments);
		Map<String, ArrivalLags.Percentiles> bySource = new TreeMap<>();
		jdbc.query(ReportRows.nearestRankLags("SOURCE", rowsAndWhere),
				rs -> {
					bySource.put(rs.getString(1), new ArrivalLags.Percentiles(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
				},
				arguments.toArray());
		List<ArrivalLags.Percentiles> all = jdbc.query(ReportRows.nearestRankLags("0", rowsAndWhere),
				(rs, row) -> new ArrivalLags.Percentiles(rs.getLong(2), rs.getLong(3), rs.getLong(4)), arguments.toArray());
		return new ArrivalLags(all.isEmpty() ? new ArrivalLags.Percentiles(0, 0, 0) : all.get(0), bySource);
	}

	/**
	 * Arrivals by one dimension ({@code SOURCE} or {@code RESOURCE_TYPE}) over the arrivals the query covers, most
	 * first: who sends what, for filters and per-source views.
	 */
	public Map<String, Long> receivedBy(String column, QualityQuery query) {
		if (!List.of("SOURCE", "RESOURCE_TYPE").contains(column)) {
			throw new IllegalArgumentException(column);
		}
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		Map<String, Long> counts = new LinkedHashMap<>();
		jdbc.query("SELECT " + column + ", SUM(TALLY) AS N FROM " + ReportRows.of(jdbc, query.population()).arrivals() + where
						+ " GROUP BY " + column
						+ " ORDER BY N DESC, " + column,
				rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
				},
				arguments.toArray());
		return counts;
	}

	/**
	 * Arrivals each built-in check applied to and failed, per day and source, over the arrivals the query covers: one
	 * grouped query whose result has at most days × sources rows, from which quality trends are summed in plain Java.
	 * Only (day, source, check) with at least one arrival the check applied to are returned.
	 */
	public List<DailyCheckCounts> dailyCheckCounts(QualityQuery query) {
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		StringBuilder select = new StringBuilder("SELECT EVENT_DAY, SOURCE");
		for (String check : CheckBits.IDS) {
			select.append(", ").append(CheckBits.appliedAndFailedSums(check));
		}
		List<DailyCheckCounts> counts = new ArrayList<>();
		jdbc.query(select + " FROM " + ReportRows.of(jdbc, query.population()).arrivals() + where
				+ " GROUP BY EVENT_DAY, SOURCE ORDER BY EVENT_DAY, SOURCE",
				rs -> {
					LocalDate day = rs.getObject(1, LocalDate.class);
					String source = rs.getString(2);
					for (int bit = 0; bit < CheckBits.IDS.size(); bit++) {
						long applied = rs.getLong(3 + 2 * bit);
						if (applied > 0) {
							counts.add(new DailyCheckCounts(day, source, CheckBits.IDS.get(bit), applied, rs.getLong(4 + 2 * bit)));
						}
					}
				},
				arguments.toArray());
		return counts;
	}

	/**
	 * The filter of the arrival, outcome and breakdown rows: the query's days and dimensions, and its population —
	 * for {@code stored}, the rows of the latest completed run only ({@link StoredRuns}).
	 */
	private String where(QualityQuery query, List<Object> arguments) {
		StringBuilder where = new StringBuilder(reviewWhere(query, arguments));
		where.append(" AND POPULATION = ?");
		arguments.add(query.population().code());
		if (query.population() == QualityPopulation.STORED) {
			where.append(" AND RUN_ID = ?");
			arguments.add(runs.latestCompleted().orElse(""));
		}
		return where.toString();
	}

	/** The filter of review rows, which belong to writes and have no population. */
	private static String reviewWhere(QualityQuery query, List<Object> arguments) {
		StringBuilder where = new StringBuilder(" WHERE EVENT_DAY BETWEEN ? AND ?");
		arguments.add(query.start());
		arguments.add(query.end());
		if (query.source() != null) {
			where.append(" AND SOURCE = ?");
			arguments.add(StoredText.fit(query.source(), ModuleTables.SOURCE_WIDTH));
		}
		if (query.resourceType() != null) {
			where.append(" AND RESOURCE_TYPE = ?");
			arguments.add(StoredText.fit(query.resourceType(), ModuleTables.RESOURCE_TYPE_WIDTH));
		}
		if (query.profile() != null) {
			where.append(" AND PROFILE = ?");
			arguments.add(StoredText.fit(query.profile(), ModuleTables.PROFILE_WIDTH));
		}
		return where.toString();
	}
}
