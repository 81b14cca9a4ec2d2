package org.aitrust.interceptor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Databases written by release 0.1.0, which made its tables at start-up and kept no history: the migrations bring
 * them to exactly the schema a fresh database gets, keep every row but the renamed transparency package's, and
 * change nothing when run again.
 */
class ModuleSchemaUpgradeTest {

	private static final LocalDate DAY = LocalDate.parse("2026-11-20");
	private static final QualityQuery ALL_DAYS = new QualityQuery(DAY.minusDays(1), DAY, null, null, null);
	private static final String MUST_SUPPORT = "completeness-must-support:Observation.value[x]";
	private static final String LONG_MEASURE =
			"completeness-must-support:Encounter.hospitalization.dischargeDisposition.coding.display";

	@ParameterizedTest(name = "{0}, {1} build")
	@CsvSource({"H2, EARLIEST", "H2, LATEST", "POSTGRES, EARLIEST", "POSTGRES, LATEST"})
	void aDatabaseOfRelease010EndsLikeAFreshOneWithItsRowsKept(TestDatabase engine, Release010Schema.Build build) {
		DataSource old = EmptyDatabases.create(engine, "upgrade_" + build);
		JdbcTemplate jdbc = new JdbcTemplate(old);
		DatabaseEngine databaseEngine = DatabaseEngine.of(old);
		Release010Schema.create(jdbc, databaseEngine, build);
		writeRows(old, jdbc);
		QualityReportReader reader = new QualityReportReader(old);
		Map<String, Long> rowsBefore = rowCounts(jdbc);

		new ModuleSchema(old).migrate();

		List<String> history = ModuleSchemaTest.afterBaseline();
		assertThat(SchemaSnapshot.history(jdbc)).isEqualTo(history);
		Map<String, Long> rowsExpected = new LinkedHashMap<>(rowsBefore);
		rowsExpected.put(ModuleTables.IG_PACKAGE, rowsBefore.get(ModuleTables.IG_PACKAGE) - 1);
		assertThat(rowCounts(jdbc)).isEqualTo(rowsExpected);
		assertThat(jdbc.queryForList("SELECT PACKAGE_NAME FROM " + ModuleTables.IG_PACKAGE + " ORDER BY PACKAGE_NAME",
				String.class)).containsExactly("aitrust.aitransparency", "example.fhir.ig");
		DataSource fresh = EmptyDatabases.create(engine, "fresh_for_" + build);
		new ModuleSchema(fresh).migrate();
		// the kept rows answer as the same rows in a fresh database (ai-unreviewed reads the worklist, which both lack)
		writeRows(fresh, new JdbcTemplate(fresh));
		assertThat(reader.totals(ALL_DAYS)).isEqualTo(new QualityReportReader(fresh).totals(ALL_DAYS));
		assertThat(reader.breakdowns(ALL_DAYS)).isEqualTo(new QualityReportReader(fresh).breakdowns(ALL_DAYS));
		SchemaSnapshot upgraded = SchemaSnapshot.of(jdbc, databaseEngine);
		assertThat(upgraded).isEqualTo(SchemaSnapshot.of(new JdbcTemplate(fresh), databaseEngine));
		if (databaseEngine == DatabaseEngine.H2) {
			assertThat(upgraded.indexesOf(ModuleTables.ARRIVAL)).isEmpty();
		}

		new ModuleSchema(old).migrate();

		assertThat(SchemaSnapshot.history(jdbc)).isEqualTo(history);
		assertThat(SchemaSnapshot.of(jdbc, databaseEngine)).isEqualTo(upgraded);
		assertThat(rowCounts(jdbc)).isEqualTo(rowsExpected);
	}

	/** The 64 characters of the earliest build failed the write of a must-support measure of a long path. */
	@ParameterizedTest(name = "{0}")
	@CsvSource({"H2", "POSTGRES"})
	void aMustSupportMeasureOfALongElementPathIsStoredOnceTheEarliestBuildsTablesAreUpgraded(TestDatabase engine) {
		DataSource old = EmptyDatabases.create(engine, "upgrade_long_measure");
		Release010Schema.create(new JdbcTemplate(old), DatabaseEngine.of(old), Release010Schema.Build.EARLIEST);

		new ModuleSchema(old).migrate();
		new QualityEventWriter(old).record(List.of(arrival("ehr", true, false, Map.of(LONG_MEASURE, CheckOutcome.FAIL))));

		assertThat(new QualityReportReader(old).totals(ALL_DAYS).get(LONG_MEASURE))
				.isEqualTo(new CheckTotals(LONG_MEASURE, 1, 1));
	}

	/** Arrivals of both kinds, with and without bits, a breakdown, a first review, and three stored IG packages. */
	private static void writeRows(DataSource dataSource, JdbcTemplate jdbc) {
		// Today's writer names the columns V7 (patient key) and V9 (confidence) add; in the release's tables they are
		// there only while the rows are written (all null, as release 0.1.0 wrote none), so the migration starts from
		// the release's tables.
		List<String> keyed = hasPatientKey(jdbc) ? List.of() : List.of(ModuleTables.ARRIVAL, ModuleTables.REVIEW);
		keyed.forEach(table -> jdbc.execute("ALTER TABLE " + table + " ADD COLUMN PATIENT_KEY VARCHAR(64)"));
		keyed.forEach(table -> jdbc.execute("ALTER TABLE " + table + " ADD COLUMN CONFIDENCE DECIMAL(7, 6)"));
		QualityEventWriter writer = new QualityEventWriter(dataSource);
		QualityEvent withBreakdown = new QualityEvent(DAY, Instant.parse("2026-11-20T10:00:00Z"), "lab", "Observation",
				"none", true, false, false, 60L, Map.of("conformance-invariant-failures", CheckOutcome.FAIL),
				Map.of(Breakdown.FAILED_INVARIANT, Map.of("obs-7", 2)), null, null);
		writer.record(List.of(
				arrival("lab", true, false, Map.of("plausibility-future-date", CheckOutcome.FAIL, MUST_SUPPORT,
						CheckOutcome.PASS)),
				arrival("ehr", false, false, Map.of("plausibility-future-date", CheckOutcome.PASS)),
				arrival("scribe", true, true, Map.of("conformance-validation-errors", CheckOutcome.FAIL, MUST_SUPPORT,
						CheckOutcome.FAIL)),
				withBreakdown));
		writer.record(List.of(arrival("scribe", true, true, Map.of())));
		writer.record(new QualityReview(DAY, DAY, "scribe", "Observation", "none", 3_600, "corrected", "Scribe|1",
				PatientStrata.NONE));
		keyed.forEach(table -> jdbc.execute("ALTER TABLE " + table + " DROP COLUMN PATIENT_KEY"));
		keyed.forEach(table -> jdbc.execute("ALTER TABLE " + table + " DROP COLUMN CONFIDENCE"));
		for (String name : List.of("aitrust.fixtures.aitransparency", "aitrust.aitransparency", "example.fhir.ig")) {
			jdbc.update("INSERT INTO " + ModuleTables.IG_PACKAGE
							+ " (PACKAGE_NAME, PACKAGE_VERSION, CONTENT, INSTALLED_AT) VALUES (?, ?, ?, ?)",
					name, "0.1.0", new byte[] {31, -117, 8, 0}, Timestamp.from(Instant.parse("2026-11-19T08:00:00Z")));
		}
	}

	private static boolean hasPatientKey(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE UPPER(TABLE_NAME) = ?"
				+ " AND UPPER(COLUMN_NAME) = 'PATIENT_KEY'", Long.class, ModuleTables.ARRIVAL) > 0;
	}

	private static QualityEvent arrival(String source, boolean accepted, boolean ai, Map<String, CheckOutcome> outcomes) {
		return new QualityEvent(DAY, Instant.parse("2026-11-20T10:00:00Z"), source, "Observation", "none", accepted,
				ai, false, 60L, new LinkedHashMap<>(outcomes), Map.of(), ai ? "Scribe|1" : null,
				ai ? PatientStrata.NONE : null);
	}

	private static Map<String, Long> rowCounts(JdbcTemplate jdbc) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : List.of(ModuleTables.ARRIVAL, ModuleTables.REVIEW, ModuleTables.OUTCOME,
				ModuleTables.BREAKDOWN, ModuleTables.IG_PACKAGE)) {
			counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
		}
		return counts;
	}
}
