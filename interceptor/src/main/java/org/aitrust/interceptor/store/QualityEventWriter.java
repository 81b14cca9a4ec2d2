package org.aitrust.interceptor.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes quality outcomes to the server's own database. Each arrival is one row of {@value ModuleTables#ARRIVAL}: its
 * dimensions, its share flags, its lag, and two bit sets saying which built-in checks applied and which failed
 * ({@link CheckBits}), and for an AI write its model and patient strata. Measures without a bit (must-support
 * elements) are rows of {@value ModuleTables#OUTCOME}, one per arrival and measure; the items of breakdowns are rows
 * of {@value ModuleTables#BREAKDOWN}; first reviews of AI writes are rows of {@value ModuleTables#REVIEW}.
 *
 * <p>Every text goes through {@link StoredText}, so a value longer than its column (a long client id or profile
 * URL) is stored as a readable prefix and a hash instead of failing the write.
 *
 * <p>Rows are only ever inserted, so concurrent writers on any number of nodes never contend for a counter, and an
 * insert made inside a write's transaction commits or rolls back with that write. One row per arrival, rather than
 * one per check, keeps the cost on the write path to a single insert for a resource that claims no profile.
 */
public class QualityEventWriter {

	private static final String ARRIVAL_COLUMNS = "EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED, AI_LABELLED,"
			+ " WITH_PROVENANCE, LAG_SECONDS, APPLIED, FAILED, AI_MODEL, AGE_BAND, GENDER, RACE, ETHNICITY, PATIENT_KEY,"
			+ " CONFIDENCE";
	private static final String OUTCOME_COLUMNS = "EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED, MEASURE, HIT,"
			+ " LAG_SECONDS";
	private static final String BREAKDOWN_COLUMNS = "EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED, BREAKDOWN, ITEM,"
			+ " OCCURRENCES";
	/** Write rows leave POPULATION and RUN_ID to the columns' defaults: the insert on the write path is unchanged. */
	private static final Statements WRITE = new Statements(false);
	private static final Statements STORED = new Statements(true);
	private static final String INSERT_REVIEW = "INSERT INTO " + ModuleTables.REVIEW
			+ " (EVENT_DAY, REVIEW_DAY, SOURCE, RESOURCE_TYPE, PROFILE, AI_MODEL, OUTCOME, LAG_SECONDS, AGE_BAND, GENDER,"
			+ " RACE, ETHNICITY, PATIENT_KEY, CONFIDENCE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	/** The three inserts of one population. */
	private record Statements(boolean stored, String arrival, String outcome, String breakdown) {
		Statements(boolean stored) {
			this(stored, insert(ModuleTables.ARRIVAL, ARRIVAL_COLUMNS, stored),
					insert(ModuleTables.OUTCOME, OUTCOME_COLUMNS, stored),
					insert(ModuleTables.BREAKDOWN, BREAKDOWN_COLUMNS, stored));
		}

		private static String insert(String table, String columns, boolean stored) {
			int count = columns.split(",").length + (stored ? 2 : 0);
			return "INSERT INTO " + table + " (" + columns + (stored ? ", POPULATION, RUN_ID" : "") + ") VALUES ("
					+ String.join(", ", java.util.Collections.nCopies(count, "?")) + ")";
		}
	}

	private final JdbcTemplate jdbc;

	/** @param dataSource the server's data source, whose schema {@link ModuleSchema#migrate()} has brought up to date */
	public QualityEventWriter(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Inserts the rows of these arrivals through the data source's current transaction, if there is one:
	 * called before a write commits, they share its fate.
	 */
	public void record(List<QualityEvent> events) {
		insert(events, WRITE, null);
	}

	/**
	 * Inserts the rows of stored resources measured by run {@code runId} of the stored-data job, as the {@code stored}
	 * population, through the current transaction.
	 */
	public void recordStored(List<QualityEvent> events, String runId) {
		insert(events, STORED, runId);
	}

	private void insert(List<QualityEvent> events, Statements statements, String runId) {
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
				Integer bit = CheckBits.bitOrNull(outcome.getKey());
				if (bit == null) {
					outcomes.add(withPopulation(new Object[] {
						event.day(), source(event), resourceType(event), profile(event), event.accepted(),
						StoredText.fit(outcome.getKey(), ModuleTables.MEASURE_WIDTH), outcome.getValue() == CheckOutcome.FAIL,
						null
					}, statements, runId));
				} else {
					applied |= 1L << bit;
					if (outcome.getValue() == CheckOutcome.FAIL) {
						failed |= 1L << bit;
					}
				}
			}
			arrivals.add(new Arrival(event, applied, failed));
			event.breakdowns().forEach((breakdown, counts) -> counts.forEach((item, occurrences) ->
					items.add(withPopulation(new Object[] {
						event.day(), source(event), resourceType(event), profile(event),
						event.accepted(), breakdown.id(), StoredText.fit(item, ModuleTables.ITEM_WIDTH), occurrences
					}, statements, runId))));
		}
		if (arrivals.size() == 1) {
			jdbc.update(statements.arrival(), statement -> bind(statement, arrivals.get(0), runId));
		} else if (!arrivals.isEmpty()) {
			jdbc.batchUpdate(statements.arrival(), arrivals, arrivals.size(), (statement, arrival) -> bind(statement, arrival, runId));
		}
		if (!outcomes.isEmpty()) {
			jdbc.batchUpdate(statements.outcome(), outcomes);
		}
		if (!items.isEmpty()) {
			jdbc.batchUpdate(statements.breakdown(), items);
		}
	}

	/** A row's values, with the population and run of a stored row appended. */
	private static Object[] withPopulation(Object[] row, Statements statements, String runId) {
		if (!statements.stored()) {
			return row;
		}
		Object[] stored = java.util.Arrays.copyOf(row, row.length + 2);
		stored[row.length] = QualityPopulation.STORED.code();
		stored[row.length + 1] = runId;
		return stored;
	}

	/** Inserts a first review through the current transaction: it commits or rolls back with the review. */
	public void record(QualityReview review) {
		PatientStrata strata = review.strata();
		jdbc.update(INSERT_REVIEW, review.arrivalDay(), review.reviewDay(),
				StoredText.fit(review.source(), ModuleTables.SOURCE_WIDTH),
				StoredText.fit(review.resourceType(), ModuleTables.RESOURCE_TYPE_WIDTH),
				StoredText.fit(review.profile(), ModuleTables.PROFILE_WIDTH),
				StoredText.fit(review.aiModel(), ModuleTables.AI_MODEL_WIDTH),
				StoredText.fit(review.outcome(), ModuleTables.OUTCOME_WIDTH), review.lagSeconds(),
				StoredText.fit(strata.ageBand(), ModuleTables.AGE_BAND_WIDTH),
				StoredText.fit(strata.gender(), ModuleTables.GENDER_WIDTH),
				StoredText.fit(strata.race(), ModuleTables.RACE_WIDTH),
				StoredText.fit(strata.ethnicity(), ModuleTables.ETHNICITY_WIDTH), strata.patientKey(),
				ModuleTables.confidence(review.confidence()));
	}

	/** An arrival row: the event and its bit sets of applied and failed checks. */
	private record Arrival(QualityEvent event, long applied, long failed) {}

	/**
	 * Binds each parameter with the setter of its column's type, nulls with their type too: every write inserts a
	 * row, and a null without a type makes the driver look the type up in the statement's metadata, which cost more
	 * than the insert, while binding through a generic setter that inspects each value cost a tenth of the measuring.
	 * The day goes in as a {@code LocalDate} (JDBC 4.2), as every day this package binds: a {@code java.sql.Date}
	 * made from it passes through the legacy calendar twice, once to be built and once in the driver, which cost a
	 * sixth of the insert.
	 */
	private static void bind(PreparedStatement statement, Arrival arrival, String runId) throws SQLException {
		QualityEvent event = arrival.event();
		statement.setObject(1, event.day());
		statement.setString(2, source(event));
		statement.setString(3, resourceType(event));
		statement.setString(4, profile(event));
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
		setText(statement, 11, StoredText.fit(event.aiModel(), ModuleTables.AI_MODEL_WIDTH));
		setText(statement, 12, strata == null ? null : StoredText.fit(strata.ageBand(), ModuleTables.AGE_BAND_WIDTH));
		setText(statement, 13, strata == null ? null : StoredText.fit(strata.gender(), ModuleTables.GENDER_WIDTH));
		setText(statement, 14, strata == null ? null : StoredText.fit(strata.race(), ModuleTables.RACE_WIDTH));
		setText(statement, 15, strata == null ? null : StoredText.fit(strata.ethnicity(), ModuleTables.ETHNICITY_WIDTH));
		setText(statement, 16, strata == null ? null : strata.patientKey());
		BigDecimal confidence = ModuleTables.confidence(event.confidence());
		if (confidence == null) {
			statement.setNull(17, Types.DECIMAL);
		} else {
			statement.setBigDecimal(17, confidence);
		}
		if (runId != null) {
			statement.setString(18, QualityPopulation.STORED.code());
			statement.setString(19, runId);
		}
	}

	private static void setText(PreparedStatement statement, int index, String text) throws SQLException {
		if (text == null) {
			statement.setNull(index, Types.VARCHAR);
		} else {
			statement.setString(index, text);
		}
	}

	private static String source(QualityEvent event) {
		return StoredText.fit(event.source(), ModuleTables.SOURCE_WIDTH);
	}

	private static String resourceType(QualityEvent event) {
		return StoredText.fit(event.resourceType(), ModuleTables.RESOURCE_TYPE_WIDTH);
	}

	private static String profile(QualityEvent event) {
		return StoredText.fit(event.profile(), ModuleTables.PROFILE_WIDTH);
	}
}
