package org.aitrust.interceptor.quality;

import java.sql.Date;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps quality outcomes in the server's own database: one row per arrival and measure that applied to it.
 * Rows are only ever inserted, so concurrent writers on any number of nodes never contend for a counter, and
 * an insert made inside a write's transaction commits or rolls back with that write. Totals are sums over
 * rows, computed by the database when asked.
 */
public class QualityEventStore {

	/** Every arrival has this measure; its rows carry the arrival lag. */
	public static final String RECEIVED = "received";
	/** Hit when the arrival was not stored. */
	public static final String REJECTED = "rejected";
	/** Hit when the arrival carried the AIAST label. */
	public static final String AI_LABELLED = "ai-labelled";
	/** Over AI-labelled arrivals that were stored: hit when no AI-Provenance was stored with them. */
	public static final String AI_WITHOUT_PROVENANCE = "ai-without-provenance";

	/**
	 * Over AI-labelled arrivals that were stored: hit when their version has since been reviewed. Stored as one
	 * row per first review, carrying the arrival's dimensions and the review lag; its denominator is that of
	 * {@link #AI_WITHOUT_PROVENANCE}.
	 */
	public static final String AI_REVIEWED = "ai-reviewed";
	/** Over AI-labelled arrivals that were stored: hit while their version has not been reviewed. */
	public static final String AI_UNREVIEWED = "ai-unreviewed";

	/** Measures that describe the arrivals rather than judge them: no threshold, no pass or fail. */
	public static final List<String> SHARE_MEASURES =
			List.of(RECEIVED, REJECTED, AI_LABELLED, AI_WITHOUT_PROVENANCE, AI_REVIEWED, AI_UNREVIEWED);

	static final String TABLE = "AITRUST_QUALITY_OUTCOME";
	static final String BREAKDOWN_TABLE = "AITRUST_QUALITY_BREAKDOWN";
	private static final String INSERT = "INSERT INTO " + TABLE
			+ " (EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED, MEASURE, HIT, LAG_SECONDS)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	private static final String INSERT_BREAKDOWN = "INSERT INTO " + BREAKDOWN_TABLE
			+ " (EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED, BREAKDOWN, ITEM, OCCURRENCES)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;

	public QualityEventStore(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** Creates the table and its index if they are missing; safe on every start of every node. */
	public void createSchema() {
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
				+ "EVENT_DAY DATE NOT NULL, "
				+ "SOURCE VARCHAR(128) NOT NULL, "
				+ "RESOURCE_TYPE VARCHAR(64) NOT NULL, "
				+ "PROFILE VARCHAR(255) NOT NULL, "
				+ "ACCEPTED BOOLEAN NOT NULL, "
				+ "MEASURE VARCHAR(64) NOT NULL, "
				+ "HIT BOOLEAN NOT NULL, "
				+ "LAG_SECONDS BIGINT)");
		jdbc.execute("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QO_DAY_MEASURE ON " + TABLE + " (EVENT_DAY, MEASURE)");
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + BREAKDOWN_TABLE + " ("
				+ "EVENT_DAY DATE NOT NULL, "
				+ "SOURCE VARCHAR(128) NOT NULL, "
				+ "RESOURCE_TYPE VARCHAR(64) NOT NULL, "
				+ "PROFILE VARCHAR(255) NOT NULL, "
				+ "ACCEPTED BOOLEAN NOT NULL, "
				+ "BREAKDOWN VARCHAR(64) NOT NULL, "
				+ "ITEM VARCHAR(255) NOT NULL, "
				+ "OCCURRENCES INTEGER NOT NULL)");
		jdbc.execute("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QB_DAY ON " + BREAKDOWN_TABLE + " (EVENT_DAY, BREAKDOWN)");
	}

	/**
	 * Inserts the rows of these arrivals through the data source's current transaction, if there is one:
	 * called before a write commits, they share its fate.
	 */
	public void record(List<QualityEvent> events) {
		List<Object[]> rows = new ArrayList<>();
		List<Object[]> items = new ArrayList<>();
		for (QualityEvent event : events) {
			event.breakdowns().forEach((breakdown, counts) -> counts.forEach((item, occurrences) ->
					items.add(new Object[] {
						Date.valueOf(event.day()), event.source(), event.resourceType(), event.profile(),
						event.accepted(), breakdown.id(), truncated(item, 255), occurrences
					})));
			rows.add(row(event, RECEIVED, true, event.lagSeconds()));
			rows.add(row(event, REJECTED, !event.accepted(), null));
			rows.add(row(event, AI_LABELLED, event.aiLabelled(), null));
			if (event.aiLabelled() && event.accepted()) {
				rows.add(row(event, AI_WITHOUT_PROVENANCE, !event.withProvenance(), null));
			}
			event.outcomes().forEach((check, outcome) -> {
				if (outcome != CheckOutcome.NOT_APPLICABLE) {
					rows.add(row(event, check, outcome == CheckOutcome.FAIL, null));
				}
			});
		}
		jdbc.batchUpdate(INSERT, rows);
		if (!items.isEmpty()) {
			jdbc.batchUpdate(INSERT_BREAKDOWN, items);
		}
	}

	/** Inserts a first review through the current transaction: it commits or rolls back with the review. */
	public void record(QualityReview review) {
		Date day = Date.valueOf(review.arrivalDay());
		jdbc.update(INSERT, day, review.source(), review.resourceType(), review.profile(), true, AI_REVIEWED, true,
				review.lagSeconds());
		jdbc.update(INSERT_BREAKDOWN, day, review.source(), review.resourceType(), review.profile(), true,
				Breakdown.REVIEW_OUTCOME.id(), review.outcome(), 1);
	}

	private static String truncated(String value, int length) {
		return value.length() > length ? value.substring(0, length) : value;
	}

	private static Object[] row(QualityEvent event, String measure, boolean hit, Long lag) {
		return new Object[] {
			Date.valueOf(event.day()), event.source(), event.resourceType(), event.profile(), event.accepted(), measure,
			hit, lag
		};
	}

	/** Denominator and numerator of every measure over the arrivals the query covers, by measure id. */
	public Map<String, CheckTotals> totals(QualityQuery query) {
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		Map<String, CheckTotals> totals = new TreeMap<>();
		jdbc.query("SELECT MEASURE, COUNT(*), SUM(CASE WHEN HIT THEN 1 ELSE 0 END) FROM " + TABLE + where
						+ " GROUP BY MEASURE",
				rs -> {
					totals.put(rs.getString(1), new CheckTotals(rs.getString(1), rs.getLong(2), rs.getLong(3)));
				},
				arguments.toArray());
		long aiStored = totals.containsKey(AI_WITHOUT_PROVENANCE) ? totals.get(AI_WITHOUT_PROVENANCE).denominator() : 0;
		// A review row's denominator is the count of reviews; the share's denominator is the AI arrivals stored.
		long reviewed = Math.min(aiStored, totals.containsKey(AI_REVIEWED) ? totals.get(AI_REVIEWED).denominator() : 0);
		totals.put(AI_REVIEWED, new CheckTotals(AI_REVIEWED, aiStored, reviewed));
		totals.put(AI_UNREVIEWED, new CheckTotals(AI_UNREVIEWED, aiStored, aiStored - reviewed));
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
		jdbc.query("SELECT BREAKDOWN, ITEM, SUM(OCCURRENCES) AS N FROM " + BREAKDOWN_TABLE + where
						+ " GROUP BY BREAKDOWN, ITEM ORDER BY BREAKDOWN, N DESC, ITEM",
				rs -> {
					Breakdown breakdown = byId.get(rs.getString(1));
					if (breakdown != null) {
						breakdowns.computeIfAbsent(breakdown, b -> new LinkedHashMap<>())
								.put(rs.getString(2), rs.getLong(3));
					}
				},
				arguments.toArray());
		return breakdowns;
	}

	/** The items already stored for a breakdown, so its cap survives restarts. */
	public List<String> distinctItems(Breakdown breakdown) {
		return jdbc.queryForList("SELECT DISTINCT ITEM FROM " + BREAKDOWN_TABLE + " WHERE BREAKDOWN = ?", String.class,
				breakdown.id());
	}

	/** Arrival lags in seconds, by source, over the arrivals the query covers that have a clinical time. */
	public Map<String, List<Long>> lagsBySource(QualityQuery query) {
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments) + " AND MEASURE = ? AND LAG_SECONDS IS NOT NULL";
		arguments.add(RECEIVED);
		Map<String, List<Long>> lags = new HashMap<>();
		jdbc.query("SELECT SOURCE, LAG_SECONDS FROM " + TABLE + where,
				rs -> {
					lags.computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(rs.getLong(2));
				},
				arguments.toArray());
		return lags;
	}

	/** The distinct values already stored for a dimension column, so caps survive restarts. */
	public List<String> distinct(String column) {
		if (!List.of("SOURCE", "PROFILE").contains(column)) {
			throw new IllegalArgumentException(column);
		}
		return jdbc.queryForList("SELECT DISTINCT " + column + " FROM " + TABLE, String.class);
	}

	private static String where(QualityQuery query, List<Object> arguments) {
		StringBuilder where = new StringBuilder(" WHERE EVENT_DAY BETWEEN ? AND ?");
		arguments.add(Date.valueOf(query.start()));
		arguments.add(Date.valueOf(query.end()));
		if (query.source() != null) {
			where.append(" AND SOURCE = ?");
			arguments.add(query.source());
		}
		if (query.resourceType() != null) {
			where.append(" AND RESOURCE_TYPE = ?");
			arguments.add(query.resourceType());
		}
		if (query.profile() != null) {
			where.append(" AND PROFILE = ?");
			arguments.add(query.profile());
		}
		return where.toString();
	}

}
