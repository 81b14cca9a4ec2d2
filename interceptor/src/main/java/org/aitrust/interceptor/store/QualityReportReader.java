package org.aitrust.interceptor.store;

import static org.aitrust.interceptor.store.ShareMeasures.AI_LABELLED;
import static org.aitrust.interceptor.store.ShareMeasures.AI_REVIEWED;
import static org.aitrust.interceptor.store.ShareMeasures.AI_UNREVIEWED;
import static org.aitrust.interceptor.store.ShareMeasures.AI_WITHOUT_PROVENANCE;
import static org.aitrust.interceptor.store.ShareMeasures.RECEIVED;
import static org.aitrust.interceptor.store.ShareMeasures.REJECTED;

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
 * Answers the data-quality report's questions from the rows {@link QualityEventWriter} inserted: totals are sums over
 * rows, computed by the database when asked, so they are exact and the same on every node of a cluster.
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
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		StringBuilder select = new StringBuilder("SELECT COUNT(*),"
				+ " SUM(CASE WHEN ACCEPTED THEN 0 ELSE 1 END),"
				+ " SUM(CASE WHEN AI_LABELLED THEN 1 ELSE 0 END),"
				+ " SUM(CASE WHEN AI_LABELLED AND ACCEPTED THEN 1 ELSE 0 END),"
				+ " SUM(CASE WHEN AI_LABELLED AND ACCEPTED AND NOT WITH_PROVENANCE THEN 1 ELSE 0 END)");
		for (String check : CheckBits.IDS) {
			select.append(", ").append(CheckBits.appliedAndFailedSums(check));
		}
		jdbc.query(select + " FROM " + ModuleTables.ARRIVAL + where, rs -> {
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
		jdbc.query("SELECT MEASURE, COUNT(*), SUM(CASE WHEN HIT THEN 1 ELSE 0 END) FROM " + ModuleTables.OUTCOME + where
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
		Long reviews = jdbc.queryForObject("SELECT COUNT(*) FROM " + ModuleTables.REVIEW + reviewWhere(query, reviewArguments),
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
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		Map<String, Breakdown> byId = new HashMap<>();
		for (Breakdown breakdown : Breakdown.values()) {
			byId.put(breakdown.id(), breakdown);
		}
		Map<Breakdown, Map<String, Long>> breakdowns = new EnumMap<>(Breakdown.class);
		jdbc.query("SELECT BREAKDOWN, ITEM, SUM(OCCURRENCES) AS N FROM " + ModuleTables.BREAKDOWN + where
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
			jdbc.query("SELECT OUTCOME, COUNT(*) AS N FROM " + ModuleTables.REVIEW + reviewWhere(query, reviewArguments)
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
		return jdbc.queryForList("SELECT DISTINCT ITEM FROM " + ModuleTables.BREAKDOWN + " WHERE BREAKDOWN = ?", String.class,
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
		String where = where(query, arguments) + " AND LAG_SECONDS IS NOT NULL";
		Map<String, ArrivalLags.Percentiles> bySource = new TreeMap<>();
		jdbc.query(nearestRanks("SOURCE", where),
				rs -> {
					bySource.put(rs.getString(1), new ArrivalLags.Percentiles(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
				},
				arguments.toArray());
		List<ArrivalLags.Percentiles> all = jdbc.query(nearestRanks(null, where),
				(rs, row) -> new ArrivalLags.Percentiles(rs.getLong(2), rs.getLong(3), rs.getLong(4)), arguments.toArray());
		return new ArrivalLags(all.isEmpty() ? new ArrivalLags.Percentiles(0, 0, 0) : all.get(0), bySource);
	}

	/**
	 * Count, median and 95th percentile of the lags, per value of {@code column} or in all when it is {@code null}:
	 * the lag whose rank in ascending order is the ceiling of p% of the count (nearest rank), in integer arithmetic so
	 * both engines agree.
	 */
	private static String nearestRanks(String column, String where) {
		String partition = column == null ? "" : "PARTITION BY " + column + " ";
		String key = column == null ? "0" : column;
		return "SELECT K, N, MAX(CASE WHEN RN = (50 * N + 99) / 100 THEN LAG_SECONDS END),"
				+ " MAX(CASE WHEN RN = (95 * N + 99) / 100 THEN LAG_SECONDS END)"
				+ " FROM (SELECT " + key + " AS K, LAG_SECONDS,"
				+ " ROW_NUMBER() OVER (" + partition + "ORDER BY LAG_SECONDS) AS RN,"
				+ " COUNT(*) OVER (" + (column == null ? "" : "PARTITION BY " + column) + ") AS N"
				+ " FROM " + ModuleTables.ARRIVAL + where + ") RANKED GROUP BY K, N";
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
		jdbc.query("SELECT " + column + ", COUNT(*) AS N FROM " + ModuleTables.ARRIVAL + where + " GROUP BY " + column
						+ " ORDER BY N DESC, " + column,
				rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
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
