package org.aitrust.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.aitrust.interceptor.store.ModuleSchema;
import org.aitrust.interceptor.store.ModuleTables;
import org.aitrust.testsupport.TestDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A benchmark tool, never part of a server: fills a fresh PostgreSQL database with {@code bench.arrivals} arrivals
 * (default 10,000,000) spread evenly over two years ending yesterday (UTC), straight into the module's tables, for
 * {@link ArrivalReportBenchmark} to time the reports over. The schema is the module's own ({@link ModuleSchema} migrates
 * it first); the rows are what a hospital network's servers would have written: several sources, resource types and
 * profiles, the built-in checks' bits with failure rates per check, a tenth of the arrivals AI writes of three models
 * with patient strata, pseudonymous patient keys and stated confidence, arrival lags, first reviews of a third of the
 * AI writes (one model's corrections rising over the last eight weeks), must-support outcome rows and breakdown items
 * of failing arrivals.
 *
 * <p>Fast because the database makes the rows itself: each chunk of a million arrivals is one {@code INSERT … SELECT}
 * over {@code generate_series}, whose data-modifying CTEs insert the same arrivals' reviews, outcomes and breakdown
 * items in the same statement. What varies per arrival (day, strata, patient, lag, confidence) is drawn in SQL; what
 * varies per kind of arrival (source, type, profile, model, the check bits) is one of {@value #SHAPES} shapes drawn once
 * here with a seeded {@link Random} and joined by number, so a hundred million rows need no client round trip.
 * Rows are inserted in day order, as a server inserts them, which the arrival table's BRIN index relies on.
 *
 * <p>Prints rows per second, then each table's size and its indexes' (pg_total_relation_size) in MiB and in MiB per
 * million arrivals. Run (see the README): {@code mvn -B -q package -pl bench -am -DskipTests -Pbench
 * -Dbench.main=org.aitrust.bench.ArrivalGenerator -Dbench.jvmArgs="-Dbench.arrivals=10000000
 * -Daitrust.it.postgres.url=jdbc:postgresql://127.0.0.1:5432/"}. The database ({@code bench.database}, default
 * {@value #DEFAULT_DATABASE}) is dropped and created anew.
 */
public final class ArrivalGenerator {

	static final String DEFAULT_DATABASE = "aitrust_bench_arrivals";
	/** The models of the AI writes, {@code name|version} as the module stores them; the first is the drifting one. */
	static final List<String> MODELS = List.of("Scribe|2.1", "Triage|1.4", "Summarizer|3.0");
	/** The sources of the arrivals that are not AI writes, busiest first. */
	static final List<String> SOURCES = List.of("lab-core", "ehr-main", "device-gateway", "radiology", "pharmacy");
	static final int DAYS = 730;
	private static final int SHAPES = 4096;
	private static final int CHUNK = 1_000_000;
	private static final int PATIENTS = 250_000;
	private static final String SHAPE_TABLE = "bench_arrival_shape";

	private ArrivalGenerator() {}

	public static void main(String[] args) throws Exception {
		BenchReport.quietLogging();
		long arrivals = Long.getLong("bench.arrivals", 10_000_000L);
		String database = System.getProperty("bench.database", DEFAULT_DATABASE);
		LocalDate lastDay = lastDay();
		Map<String, Object> connection = TestDatabase.POSTGRES.prepare(database);
		String url = (String) connection.get("spring.datasource.url");
		String user = (String) connection.get("spring.datasource.username");
		String password = (String) connection.get("spring.datasource.password");
		new ModuleSchema(new DriverManagerDataSource(url, user, password)).migrate();
		BenchReport report = new BenchReport("arrivals-generated", String.format(Locale.ROOT,
				"%,d arrivals over %d days ending %s, generated into PostgreSQL database %s", arrivals, DAYS, lastDay,
				database));
		try (Connection db = DriverManager.getConnection(url, user, password)) {
			db.setAutoCommit(true);
			writeShapes(db);
			long started = System.nanoTime();
			for (long from = 0; from < arrivals; from += CHUNK) {
				long to = Math.min(arrivals, from + CHUNK);
				try (Statement chunk = db.createStatement()) {
					chunk.execute(chunkStatement(from, to - 1, arrivals, lastDay));
				}
				double seconds = (System.nanoTime() - started) / 1e9;
				System.out.printf(Locale.ROOT, "%,d of %,d arrivals in %.0f s (%,.0f rows/s)%n", to, arrivals, seconds,
						to / seconds);
			}
			double loadSeconds = (System.nanoTime() - started) / 1e9;
			long vacuumStarted = System.nanoTime();
			try (Statement statement = db.createStatement()) {
				statement.execute("DROP TABLE " + SHAPE_TABLE);
				for (String table : tables()) {
					statement.execute("VACUUM (ANALYZE) " + table);
				}
			}
			double vacuumSeconds = (System.nanoTime() - vacuumStarted) / 1e9;
			BenchReport.Table load = report.table("Load", BenchReport.Column.text("step"),
					new BenchReport.Column("seconds", "%.1f"), new BenchReport.Column("arrivals/s", "%,.0f"));
			load.row("INSERT … SELECT generate_series, in chunks of 1M (arrivals with their reviews, outcomes, items)",
					loadSeconds, arrivals / loadSeconds);
			load.row("VACUUM (ANALYZE) of the four tables", vacuumSeconds, arrivals / vacuumSeconds);
			load.note("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
					+ BenchReport.loadAverage() + "; PostgreSQL's own settings unchanged.").print();
			sizes(db, report, arrivals).print();
		}
		report.write();
	}

	/** The last day of the generated history: yesterday (UTC) unless {@code bench.lastDay} says otherwise. */
	static LocalDate lastDay() {
		String given = System.getProperty("bench.lastDay");
		return given == null ? LocalDate.now(ZoneOffset.UTC).minusDays(1) : LocalDate.parse(given);
	}

	private static List<String> tables() {
		return List.of(ModuleTables.ARRIVAL, ModuleTables.REVIEW, ModuleTables.OUTCOME, ModuleTables.BREAKDOWN);
	}

	/**
	 * The kinds of arrival: {@value #SHAPES} draws of source, resource type, profile, acceptance, AI model and the
	 * applied and failed bit sets, stored in a table the load joins by number.
	 */
	private static void writeShapes(Connection db) throws SQLException {
		try (Statement statement = db.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + SHAPE_TABLE);
			statement.execute("CREATE UNLOGGED TABLE " + SHAPE_TABLE + " (ID INTEGER PRIMARY KEY, SOURCE VARCHAR(128),"
					+ " RESOURCE_TYPE VARCHAR(64), PROFILE VARCHAR(255), ACCEPTED BOOLEAN, AI BOOLEAN, AI_MODEL VARCHAR(128),"
					+ " APPLIED BIGINT, FAILED BIGINT)");
		}
		Random random = new Random(20261207);
		try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + SHAPE_TABLE + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			for (int id = 0; id < SHAPES; id++) {
				Shape shape = Shape.draw(random);
				insert.setInt(1, id);
				insert.setString(2, shape.source());
				insert.setString(3, shape.resourceType());
				insert.setString(4, shape.profile());
				insert.setBoolean(5, shape.accepted());
				insert.setBoolean(6, shape.model() != null);
				insert.setString(7, shape.model());
				insert.setLong(8, shape.applied());
				insert.setLong(9, shape.failed());
				insert.addBatch();
			}
			insert.executeBatch();
		}
		try (Statement statement = db.createStatement()) {
			statement.execute("ANALYZE " + SHAPE_TABLE);
		}
	}

	/**
	 * One chunk, arrivals {@code first..last} of {@code total}: arrival {@code g} falls on day {@code g * DAYS / total}
	 * from the first, so days fill in order. The hash join probes the series in its order, keeping the rows in day order.
	 */
	private static String chunkStatement(long first, long last, long total, LocalDate lastDay) {
		String drifting = MODELS.get(0);
		LocalDate firstDay = lastDay.minusDays(DAYS - 1L);
		return "WITH drawn AS ("
				+ " SELECT g, DATE '" + firstDay + "' + (g * " + DAYS + " / " + total + ")::int AS day,"
				+ " (random() * " + SHAPES + ")::int % " + SHAPES + " AS shape, random() AS r1, random() AS r2, random() AS r3,"
				+ " random() AS r4 FROM generate_series(" + first + "::bigint, " + last + "::bigint) g),"
				+ " arrival AS (INSERT INTO " + ModuleTables.ARRIVAL + " (EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED,"
				+ " AI_LABELLED, WITH_PROVENANCE, LAG_SECONDS, APPLIED, FAILED, AI_MODEL, AGE_BAND, GENDER, RACE, ETHNICITY,"
				+ " PATIENT_KEY, CONFIDENCE)"
				+ " SELECT d.day, s.SOURCE, s.RESOURCE_TYPE, s.PROFILE, s.ACCEPTED, s.AI, s.AI AND s.ACCEPTED,"
				// lags from a second to a few days, log-uniform; a tenth without clinical time
				+ " CASE WHEN d.r1 < 0.1 THEN NULL ELSE floor(exp(d.r1 * 12.5))::bigint END, s.APPLIED, s.FAILED, s.AI_MODEL,"
				+ " CASE WHEN s.AI THEN (ARRAY['0-17','18-44','45-64','65+','unknown'])[1 + (d.r2 * 5)::int % 5] END,"
				+ " CASE WHEN s.AI THEN (ARRAY['female','male','female','male','unknown'])[1 + (d.r2 * 50)::int % 5] END,"
				+ " CASE WHEN s.AI THEN (ARRAY['White','White','White','Black or African American','Asian',"
				+ "'American Indian or Alaska Native','Native Hawaiian or Other Pacific Islander','multiple','unknown',"
				+ "'White'])[1 + (d.r3 * 10)::int % 10] END,"
				+ " CASE WHEN s.AI THEN (ARRAY['Not Hispanic or Latino','Not Hispanic or Latino','Hispanic or Latino',"
				+ "'unknown'])[1 + (d.r3 * 40)::int % 4] END,"
				+ " CASE WHEN s.AI THEN encode(sha256(convert_to('Patient/' || (d.r4 * " + PATIENTS + ")::int, 'UTF8')), 'hex') END,"
				// seven in ten AI writes state a probability, mostly high
				+ " CASE WHEN s.AI AND (d.r4 * 1000)::int % 10 < 7 THEN round((0.4 + 0.6 * sqrt(d.r3))::numeric, 6) END"
				+ " FROM drawn d JOIN " + SHAPE_TABLE + " s ON s.ID = d.shape"
				+ " RETURNING EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED, AI_LABELLED, FAILED, AI_MODEL, AGE_BAND,"
				+ " GENDER, RACE, ETHNICITY, PATIENT_KEY, CONFIDENCE),"
				// a third of the stored AI writes get a first review within three days; the first model's corrections
				// rise from one in ten to one in four over the last eight weeks
				+ " review AS (INSERT INTO " + ModuleTables.REVIEW + " (EVENT_DAY, REVIEW_DAY, SOURCE, RESOURCE_TYPE, PROFILE,"
				+ " OUTCOME, LAG_SECONDS, AI_MODEL, AGE_BAND, GENDER, RACE, ETHNICITY, PATIENT_KEY, CONFIDENCE)"
				+ " SELECT a.EVENT_DAY, LEAST(DATE '" + lastDay + "', a.EVENT_DAY + (a.q * 1000)::int % 3), a.SOURCE,"
				+ " a.RESOURCE_TYPE, a.PROFILE,"
				+ " CASE WHEN a.q < (CASE WHEN a.AI_MODEL = '" + drifting + "' AND a.EVENT_DAY > DATE '"
				+ lastDay.minusWeeks(8) + "' THEN 0.25 ELSE 0.10 END) THEN 'corrected'"
				+ " WHEN a.q > 0.95 THEN 'rejected' ELSE 'verified' END,"
				+ " floor(exp(random() * 11))::bigint, a.AI_MODEL, a.AGE_BAND, a.GENDER, a.RACE, a.ETHNICITY, a.PATIENT_KEY,"
				+ " a.CONFIDENCE"
				+ " FROM (SELECT *, random() AS r, random() AS q FROM arrival WHERE AI_LABELLED AND ACCEPTED) a"
				+ " WHERE a.r < 1.0 / 3),"
				// must-support measures of profiled Observations (rows of their own, no bit)
				+ " outcome AS (INSERT INTO " + ModuleTables.OUTCOME + " (EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED,"
				+ " MEASURE, HIT, LAG_SECONDS)"
				+ " SELECT a.EVENT_DAY, a.SOURCE, a.RESOURCE_TYPE, a.PROFILE, a.ACCEPTED, m.MEASURE, random() < m.RATE, NULL"
				+ " FROM arrival a CROSS JOIN (VALUES ('must-support-Observation.value[x]', 0.03),"
				+ " ('must-support-Observation.effective[x]', 0.01)) m(MEASURE, RATE)"
				+ " WHERE a.RESOURCE_TYPE = 'Observation' AND a.PROFILE <> 'none')"
				// the items behind failing validation, invariants and references
				+ " INSERT INTO " + ModuleTables.BREAKDOWN + " (EVENT_DAY, SOURCE, RESOURCE_TYPE, PROFILE, ACCEPTED, BREAKDOWN,"
				+ " ITEM, OCCURRENCES)"
				+ " SELECT a.EVENT_DAY, a.SOURCE, a.RESOURCE_TYPE, a.PROFILE, a.ACCEPTED, b.BREAKDOWN, b.ITEM, 1"
				+ " FROM arrival a JOIN (VALUES (1, 'validation-issue', 'error|code-invalid|Terminology_TX_NoValid_2_CC'),"
				+ " (16, 'unresolved-reference', 'Patient'), (8192, 'failed-invariant', 'us-core-2')) b(BIT, BREAKDOWN, ITEM)"
				+ " ON a.FAILED / b.BIT % 2 = 1";
	}

	/** Each table's heap and its indexes, in MiB and in MiB per million arrivals. */
	private static BenchReport.Table sizes(Connection db, BenchReport report, long arrivals) throws SQLException {
		BenchReport.Table table = report.table("Table sizes", BenchReport.Column.text("table"),
				new BenchReport.Column("rows", "%,d"), new BenchReport.Column("table MiB", "%.0f"),
				new BenchReport.Column("indexes MiB", "%.1f"), new BenchReport.Column("total MiB", "%.0f"),
				new BenchReport.Column("total MiB per million arrivals", "%.1f"));
		double millions = arrivals / 1e6;
		long allBytes = 0;
		for (String name : tables()) {
			String relation = name.toLowerCase(Locale.ROOT);
			try (Statement statement = db.createStatement();
					ResultSet sizes = statement.executeQuery("SELECT c.reltuples::bigint, pg_table_size(c.oid),"
							+ " pg_indexes_size(c.oid), pg_total_relation_size(c.oid) FROM pg_class c WHERE c.relname = '"
							+ relation + "'")) {
				sizes.next();
				long total = sizes.getLong(4);
				allBytes += total;
				table.row(name, sizes.getLong(1), sizes.getLong(2) / 1048576.0, sizes.getLong(3) / 1048576.0,
						total / 1048576.0, total / 1048576.0 / millions);
			}
		}
		table.row("all four", null, null, null, allBytes / 1048576.0, allBytes / 1048576.0 / millions);
		List<String> indexes = new ArrayList<>();
		try (Statement statement = db.createStatement();
				ResultSet found = statement.executeQuery("SELECT indexrelname, pg_relation_size(indexrelid) FROM"
						+ " pg_stat_user_indexes WHERE relname LIKE 'aitrust_quality_%' ORDER BY 1")) {
			while (found.next()) {
				indexes.add(String.format(Locale.ROOT, "%s %.1f MiB", found.getString(1), found.getLong(2) / 1048576.0));
			}
		}
		return table.note("Rows as PostgreSQL's statistics estimate them after ANALYZE. Indexes: " + String.join(", ", indexes)
				+ ". Table sizes include TOAST and the free-space and visibility maps.");
	}

	/** One kind of arrival. */
	private record Shape(String source, String resourceType, String profile, boolean accepted, String model,
			long applied, long failed) {

		private static final String[] TYPES = {"Observation", "Observation", "Observation", "Observation", "Observation",
			"Encounter", "Condition", "MedicationRequest", "DiagnosticReport", "Procedure", "Patient"};
		private static final String US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-";
		/**
		 * Per built-in check bit: the share of arrivals it applies to and the share of those it fails, roughly what
		 * the Synthea and US Core runs of the precision test show; bit 6 (no profile claimed) follows the profile.
		 */
		private static final double[][] CHECKS = {
			{0.5, 0.03}, {0.4, 0.10}, {0.35, 0.04}, {0.7, 0.02}, {0.9, 0.005}, {0.6, 0.01}, {1.0, 0.0}, {1.0, 0.02},
			{0.3, 0.01}, {0.2, 0.003}, {0.3, 0.01}, {0.8, 0.002}, {0.6, 0.001}, {0.5, 0.01}
		};

		static Shape draw(Random random) {
			boolean ai = random.nextDouble() < 0.1;
			String model = ai ? MODELS.get(pick(random, 0.5, 0.3)) : null;
			String source = ai ? "ai-" + model.substring(0, model.indexOf('|')).toLowerCase(Locale.ROOT)
					: SOURCES.get(pick(random, 0.35, 0.3, 0.15, 0.12));
			String type = TYPES[random.nextInt(TYPES.length)];
			String profile = random.nextDouble() < 0.6 ? US_CORE + type.toLowerCase(Locale.ROOT) : "none";
			long applied = 0;
			long failed = 0;
			for (int bit = 0; bit < CHECKS.length; bit++) {
				boolean applies = random.nextDouble() < CHECKS[bit][0];
				boolean fails = bit == 6 ? profile.equals("none") : random.nextDouble() < CHECKS[bit][1];
				if (applies) {
					applied |= 1L << bit;
					failed |= fails ? 1L << bit : 0;
				}
			}
			return new Shape(source, type, profile, random.nextDouble() < 0.98, model, applied, failed);
		}

		/** An index drawn with the given probabilities for the first entries, the rest of the mass on the next one. */
		private static int pick(Random random, double... shares) {
			double u = random.nextDouble();
			for (int i = 0; i < shares.length; i++) {
				if (u < shares[i]) {
					return i;
				}
				u -= shares[i];
			}
			return shares.length;
		}
	}
}
