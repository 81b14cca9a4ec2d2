package org.aitrust.interceptor.quality;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.aitrust.interceptor.DatabaseEngine;
import org.aitrust.interceptor.oversight.PatientStrata;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps quality outcomes in the server's own database. Each arrival is one row of {@value #ARRIVAL_TABLE}: its
 * dimensions, its share flags, its lag, and two bit sets saying which built-in checks applied and which failed
 * ({@link #BITS}), and for an AI write its model and patient strata. Measures without a bit (must-support elements) are
 * rows of {@value #TABLE}, one per arrival and measure; the items of breakdowns are rows of {@value #BREAKDOWN_TABLE};
 * first reviews of AI writes are rows of {@value #REVIEW_TABLE}.
 *
 * <p>Rows are only ever inserted, so concurrent writers on any number of nodes never contend for a counter, and an
 * insert made inside a write's transaction commits or rolls back with that write. Totals are sums over rows, computed
 * by the database when asked. One row per arrival, rather than one per check, keeps the cost on the write path to a
 * single insert for a resource that claims no profile.
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

	/**
	 * The bit of each built-in check in an arrival row's APPLIED and FAILED sets. Stored rows depend on it: append
	 * new checks at the end, never reorder or reuse a position. At most 62 (the sets are signed 64-bit numbers).
	 */
	static final List<String> BITS = List.of(
			"conformance-validation-errors",
			"conformance-terminology-not-checkable",
			"conformance-non-ucum-quantity",
			"conformance-unknown-code-system",
			"conformance-unresolved-reference",
			"conformance-unknown-profile",
			"conformance-no-profile-claimed",
			"completeness-missing-required-element",
			"plausibility-duplicate-identifier",
			"plausibility-period-start-after-end",
			"plausibility-vital-sign-out-of-range",
			"plausibility-future-date",
			"plausibility-event-outside-life",
			"conformance-invariant-failures");

	public static final String ARRIVAL_TABLE = "AITRUST_QUALITY_ARRIVAL";
	public static final String REVIEW_TABLE = "AITRUST_QUALITY_REVIEW";
	static final String TABLE = "AITRUST_QUALITY_OUTCOME";
	static final String BREAKDOWN_TABLE = "AITRUST_QUALITY_BREAKDOWN";
	private static final String INSERT_ARRIVAL = "INSERT INTO " + ARRIVAL_TABLE
			+ " (EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED, AI_LABELLED, WITH_PROVENANCE, LAG_SECONDS,"
			+ " APPLIED, FAILED, AI_MODEL, AGE_BAND, GENDER, RACE, ETHNICITY)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	private static final String INSERT_REVIEW = "INSERT INTO " + REVIEW_TABLE
			+ " (EVENT_DAY, REVIEW_DAY, SOURCE, RESOURCE_TYPE, PROFILE, AI_MODEL, OUTCOME, LAG_SECONDS, AGE_BAND, GENDER,"
			+ " RACE, ETHNICITY) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	private static final String INSERT = "INSERT INTO " + TABLE
			+ " (EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED, MEASURE, HIT, LAG_SECONDS)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	private static final String INSERT_BREAKDOWN = "INSERT INTO " + BREAKDOWN_TABLE
			+ " (EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED, BREAKDOWN, ITEM, OCCURRENCES)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	private static final Map<String, Integer> BIT_OF = bitIndex();
	/** What every quality row is attributed to besides its day. */
	private static final String DIMENSION_COLUMNS =
			"SOURCE VARCHAR(128) NOT NULL, RESOURCE_TYPE VARCHAR(64) NOT NULL, PROFILE VARCHAR(255) NOT NULL, ";
	/** The AI model and the patient strata of an AI write; null on other arrivals. */
	private static final String STRATA_COLUMNS = "AI_MODEL VARCHAR(128), AGE_BAND VARCHAR(16), GENDER VARCHAR(16), "
			+ "RACE VARCHAR(64), ETHNICITY VARCHAR(64)";

	private final JdbcTemplate jdbc;
	private final boolean postgres;

	public QualityEventStore(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.postgres = DatabaseEngine.isPostgreSql(jdbc);
	}

	/** Creates the tables and their indexes if they are missing; safe on every start of every node. */
	public void createSchema() {
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + ARRIVAL_TABLE + " ("
				+ "EVENT_DAY DATE NOT NULL, "
				+ DIMENSION_COLUMNS
				+ "ACCEPTED BOOLEAN NOT NULL, "
				+ "AI_LABELLED BOOLEAN NOT NULL, "
				+ "WITH_PROVENANCE BOOLEAN NOT NULL, "
				+ "LAG_SECONDS BIGINT, "
				+ "APPLIED BIGINT NOT NULL, "
				+ "FAILED BIGINT NOT NULL, "
				+ STRATA_COLUMNS + ")");
		createArrivalIndexes();
		// Counted against the arrival's day, so a share reviewed divides reviews of a period's arrivals by them.
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + REVIEW_TABLE + " ("
				+ "EVENT_DAY DATE NOT NULL, "
				+ "REVIEW_DAY DATE NOT NULL, "
				+ DIMENSION_COLUMNS
				+ "OUTCOME VARCHAR(32) NOT NULL, "
				+ "LAG_SECONDS BIGINT NOT NULL, "
				+ STRATA_COLUMNS + ")");
		jdbc.execute("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QR_MODEL ON " + REVIEW_TABLE + " (AI_MODEL, EVENT_DAY)");
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
				+ "EVENT_DAY DATE NOT NULL, "
				+ DIMENSION_COLUMNS
				+ "ACCEPTED BOOLEAN NOT NULL, "
				+ "MEASURE VARCHAR(255) NOT NULL, "
				+ "HIT BOOLEAN NOT NULL, "
				+ "LAG_SECONDS BIGINT)");
		// Tables made by earlier versions held 64 characters: too few for a must-support measure of a long element
		// path, which then failed the write it measured. Widening is idempotent in H2 and PostgreSQL alike.
		jdbc.execute("ALTER TABLE " + TABLE + " ALTER COLUMN MEASURE SET DATA TYPE VARCHAR(255)");
		jdbc.execute("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QO_DAY_MEASURE ON " + TABLE + " (EVENT_DAY, MEASURE)");
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + BREAKDOWN_TABLE + " ("
				+ "EVENT_DAY DATE NOT NULL, "
				+ DIMENSION_COLUMNS
				+ "ACCEPTED BOOLEAN NOT NULL, "
				+ "BREAKDOWN VARCHAR(64) NOT NULL, "
				+ "ITEM VARCHAR(255) NOT NULL, "
				+ "OCCURRENCES INTEGER NOT NULL)");
		jdbc.execute("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QB_DAY ON " + BREAKDOWN_TABLE + " (EVENT_DAY, BREAKDOWN)");
	}

	/**
	 * Indexes the arrival table so that every write, which inserts one row, updates as few index entries as the
	 * queries allow: in H2 each secondary index entry costs more than the row's own entry, once when inserted and once
	 * when committed. On PostgreSQL a BRIN index serves the day ranges of every query (rows arrive
	 * in day order, so each range of table blocks is summarised by its first and last day, and an insert at most
	 * widens one summary) and a partial index on the model, kept for AI writes alone, serves the oversight queries.
	 * H2 has neither kind; there the queries read the whole table, which suits the sizes H2 is for. Indexes of
	 * earlier versions, one entry per arrival each, are dropped.
	 */
	private void createArrivalIndexes() {
		jdbc.execute("DROP INDEX IF EXISTS IDX_AITRUST_QA_DAY");
		jdbc.execute("DROP INDEX IF EXISTS IDX_AITRUST_QA_MODEL");
		if (postgres) {
			jdbc.execute("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QA_DAY_BRIN ON " + ARRIVAL_TABLE + " USING BRIN (EVENT_DAY)");
			jdbc.execute("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QA_AI_MODEL ON " + ARRIVAL_TABLE
					+ " (AI_MODEL, EVENT_DAY) WHERE AI_MODEL IS NOT NULL");
		}
	}

	/**
	 * Inserts the rows of these arrivals through the data source's current transaction, if there is one:
	 * called before a write commits, they share its fate.
	 */
	public void record(List<QualityEvent> events) {
		List<Arrival> arrivals = new ArrayList<>();
		List<Object[]> outcomes = new ArrayList<>();
		List<Object[]> items = new ArrayList<>();
		for (QualityEvent event : events) {
			long applied = 0;
			long failed = 0;
			for (Map.Entry<String, CheckOutcome> outcome : event.outcomes().entrySet()) {
				if (outcome.getValue() == CheckOutcome.NOT_APPLICABLE) {
					continue;
				}
				Integer bit = BIT_OF.get(outcome.getKey());
				if (bit == null) {
					outcomes.add(dimensions(event, truncated(outcome.getKey(), 255), outcome.getValue() == CheckOutcome.FAIL,
							null));
				} else {
					applied |= 1L << bit;
					if (outcome.getValue() == CheckOutcome.FAIL) {
						failed |= 1L << bit;
					}
				}
			}
			arrivals.add(new Arrival(event, applied, failed));
			event.breakdowns().forEach((breakdown, counts) -> counts.forEach((item, occurrences) ->
					items.add(new Object[] {
						event.day(), event.source(), event.resourceType(), event.profile(),
						event.accepted(), breakdown.id(), truncated(item, 255), occurrences
					})));
		}
		if (arrivals.size() == 1) {
			jdbc.update(INSERT_ARRIVAL, statement -> bind(statement, arrivals.get(0)));
		} else {
			jdbc.batchUpdate(INSERT_ARRIVAL, arrivals, arrivals.size(), QualityEventStore::bind);
		}
		if (!outcomes.isEmpty()) {
			jdbc.batchUpdate(INSERT, outcomes);
		}
		if (!items.isEmpty()) {
			jdbc.batchUpdate(INSERT_BREAKDOWN, items);
		}
	}

	/** An arrival row: the event and its bit sets of applied and failed checks. */
	private record Arrival(QualityEvent event, long applied, long failed) {}

	/**
	 * Binds each parameter with the setter of its column's type, nulls with their type too: every write inserts a
	 * row, and a null without a type makes the driver look the type up in the statement's metadata, which cost more
	 * than the insert, while binding through a generic setter that inspects each value cost a tenth of the measuring.
	 * The day goes in as a {@code LocalDate} (JDBC 4.2), as every day this store and the oversight store bind: a
	 * {@code java.sql.Date} made from it passes through the legacy calendar twice, once to be built and once in the
	 * driver, which cost a sixth of the insert.
	 */
	private static void bind(PreparedStatement statement, Arrival arrival) throws SQLException {
		QualityEvent event = arrival.event();
		statement.setObject(1, event.day());
		statement.setString(2, event.source());
		statement.setString(3, event.resourceType());
		statement.setString(4, event.profile());
		statement.setBoolean(5, event.accepted());
		statement.setBoolean(6, event.aiLabelled());
		statement.setBoolean(7, event.withProvenance());
		if (event.lagSeconds() == null) {
			statement.setNull(8, Types.BIGINT);
		} else {
			statement.setLong(8, event.lagSeconds());
		}
		statement.setLong(9, arrival.applied());
		statement.setLong(10, arrival.failed());
		PatientStrata strata = event.strata();
		setText(statement, 11, event.aiModel() == null ? null : truncated(event.aiModel(), 128));
		setText(statement, 12, strata == null ? null : strata.ageBand());
		setText(statement, 13, strata == null ? null : strata.gender());
		setText(statement, 14, strata == null ? null : strata.race());
		setText(statement, 15, strata == null ? null : strata.ethnicity());
	}

	private static void setText(PreparedStatement statement, int index, String text) throws SQLException {
		if (text == null) {
			statement.setNull(index, Types.VARCHAR);
		} else {
			statement.setString(index, text);
		}
	}

	private static Object[] dimensions(QualityEvent event, String measure, boolean hit, Long lag) {
		return new Object[] {
			event.day(), event.source(), event.resourceType(), event.profile(), event.accepted(), measure,
			hit, lag
		};
	}

	/** Inserts a first review through the current transaction: it commits or rolls back with the review. */
	public void record(QualityReview review) {
		PatientStrata strata = review.strata();
		jdbc.update(INSERT_REVIEW, review.arrivalDay(), review.reviewDay(), review.source(),
				review.resourceType(), review.profile(), truncated(review.aiModel(), 128), review.outcome(), review.lagSeconds(),
				strata.ageBand(), strata.gender(), strata.race(), strata.ethnicity());
	}

	private static String truncated(String value, int length) {
		return value.length() > length ? value.substring(0, length) : value;
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
		for (String check : BITS) {
			select.append(", ").append(appliedAndFailedSums(check));
		}
		jdbc.query(select + " FROM " + ARRIVAL_TABLE + where, rs -> {
			long received = rs.getLong(1);
			totals.put(RECEIVED, new CheckTotals(RECEIVED, received, received));
			totals.put(REJECTED, new CheckTotals(REJECTED, received, rs.getLong(2)));
			totals.put(AI_LABELLED, new CheckTotals(AI_LABELLED, received, rs.getLong(3)));
			totals.put(AI_WITHOUT_PROVENANCE, new CheckTotals(AI_WITHOUT_PROVENANCE, rs.getLong(4), rs.getLong(5)));
			for (int bit = 0; bit < BITS.size(); bit++) {
				long applied = rs.getLong(6 + 2 * bit);
				if (applied > 0) {
					totals.put(BITS.get(bit), new CheckTotals(BITS.get(bit), applied, rs.getLong(7 + 2 * bit)));
				}
			}
		}, arguments.toArray());
		jdbc.query("SELECT MEASURE, COUNT(*), SUM(CASE WHEN HIT THEN 1 ELSE 0 END) FROM " + TABLE + where
						+ " GROUP BY MEASURE",
				rs -> {
					totals.put(rs.getString(1), new CheckTotals(rs.getString(1), rs.getLong(2), rs.getLong(3)));
				},
				arguments.toArray());
		long aiStored = totals.get(AI_WITHOUT_PROVENANCE).denominator();
		Long reviews = jdbc.queryForObject("SELECT COUNT(*) FROM " + REVIEW_TABLE + where, Long.class,
				arguments.toArray());
		long reviewed = Math.min(aiStored, reviews == null ? 0 : reviews);
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
		Map<String, Long> outcomes = new LinkedHashMap<>();
		jdbc.query("SELECT OUTCOME, COUNT(*) AS N FROM " + REVIEW_TABLE + where + " GROUP BY OUTCOME ORDER BY N DESC, OUTCOME",
				rs -> {
					outcomes.put(rs.getString(1), rs.getLong(2));
				},
				arguments.toArray());
		if (!outcomes.isEmpty()) {
			breakdowns.put(Breakdown.REVIEW_OUTCOME, outcomes);
		}
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
		String where = where(query, arguments) + " AND LAG_SECONDS IS NOT NULL";
		Map<String, List<Long>> lags = new HashMap<>();
		jdbc.query("SELECT SOURCE, LAG_SECONDS FROM " + ARRIVAL_TABLE + where,
				rs -> {
					lags.computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(rs.getLong(2));
				},
				arguments.toArray());
		return lags;
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
		jdbc.query("SELECT " + column + ", COUNT(*) AS N FROM " + ARRIVAL_TABLE + where + " GROUP BY " + column
						+ " ORDER BY N DESC, " + column,
				rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
				},
				arguments.toArray());
		return counts;
	}

	/** The distinct values already stored for a dimension column, so caps survive restarts. */
	public List<String> distinct(String column) {
		if (!List.of("SOURCE", "PROFILE", "AI_MODEL").contains(column)) {
			throw new IllegalArgumentException(column);
		}
		return jdbc.queryForList("SELECT DISTINCT " + column + " FROM " + ARRIVAL_TABLE + " WHERE " + column
				+ " IS NOT NULL", String.class);
	}

	private static String where(QualityQuery query, List<Object> arguments) {
		StringBuilder where = new StringBuilder(" WHERE EVENT_DAY BETWEEN ? AND ?");
		arguments.add(query.start());
		arguments.add(query.end());
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

	/**
	 * The two SQL sums, over arrival rows, of the rows a built-in check applied to and of those it failed, for a
	 * SELECT list. MOD(set / 2^bit, 2) reads one bit with integer arithmetic that H2 and PostgreSQL share.
	 */
	public static String appliedAndFailedSums(String checkId) {
		long weight = 1L << bitOf(checkId);
		return "SUM(MOD(APPLIED / " + weight + ", 2)), SUM(MOD(FAILED / " + weight + ", 2))";
	}

	/** The bit of a built-in check in the arrival rows' bit sets. */
	public static int bitOf(String checkId) {
		Integer bit = BIT_OF.get(checkId);
		if (bit == null) {
			throw new IllegalArgumentException("no bit for check " + checkId);
		}
		return bit;
	}

	private static Map<String, Integer> bitIndex() {
		if (BITS.size() > 62) {
			throw new IllegalStateException("At most 62 checks fit an arrival row's bit sets");
		}
		Map<String, Integer> index = new HashMap<>();
		for (int bit = 0; bit < BITS.size(); bit++) {
			index.put(BITS.get(bit), bit);
		}
		return Map.copyOf(index);
	}
}
