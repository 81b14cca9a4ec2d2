package org.aitrust.interceptor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.aitrust.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The module's migrations on databases that never had its tables, on H2 and (when reachable) PostgreSQL. */
class ModuleSchemaTest {

	static final List<String> MIGRATIONS = List.of("1 SQL", "2 SQL", "3 SQL", "4 SQL", "5 SQL", "6 SQL", "7 SQL",
			"8 SQL", "9 SQL", "10 SQL", "11 SQL", "12 SQL");

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aFreshDatabaseGetsEveryTableAndOnlyTheArrivalIndexesItsEngineCanKeepCheaply(TestDatabase engine) {
		DataSource dataSource = EmptyDatabases.create(engine, "fresh");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		DatabaseEngine databaseEngine = DatabaseEngine.of(dataSource);

		new ModuleSchema(dataSource).migrate();

		assertThat(SchemaSnapshot.history(jdbc)).isEqualTo(MIGRATIONS);
		SchemaSnapshot schema = SchemaSnapshot.of(jdbc, databaseEngine);
		assertThat(schema.columns()).anyMatch(column -> column.equalsIgnoreCase(
				"AITRUST_QUALITY_OUTCOME.MEASURE CHARACTER VARYING(255) NO"));
		for (String table : List.of(ModuleTables.ARRIVAL, ModuleTables.REVIEW, ModuleTables.OUTCOME,
				ModuleTables.BREAKDOWN, ModuleTables.IG_PACKAGE, ModuleTables.AI_UNREVIEWED,
				ModuleTables.WORKLIST_BACKFILL, ModuleTables.RUN, ModuleTables.RUN_CHUNK)) {
			assertThat(schema.columns()).as(table).anyMatch(column -> column.toUpperCase().startsWith(table + "."));
		}
		List<String> arrivalIndexes = schema.indexesOf(ModuleTables.ARRIVAL);
		if (databaseEngine == DatabaseEngine.POSTGRESQL) {
			assertThat(arrivalIndexes).containsExactly(
					"CREATE INDEX idx_aitrust_qa_ai_model ON ONLY public.aitrust_quality_arrival USING btree (ai_model, event_day)"
							+ " WHERE (ai_model IS NOT NULL)",
					"CREATE INDEX idx_aitrust_qa_day_brin ON ONLY public.aitrust_quality_arrival USING brin (event_day)");
		} else {
			assertThat(arrivalIndexes).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aSecondMigrationChangesNothing(TestDatabase engine) {
		DataSource dataSource = EmptyDatabases.create(engine, "twice");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		new ModuleSchema(dataSource).migrate();
		SchemaSnapshot first = SchemaSnapshot.of(jdbc, DatabaseEngine.of(dataSource));

		new ModuleSchema(dataSource).migrate();

		assertThat(SchemaSnapshot.history(jdbc)).isEqualTo(MIGRATIONS);
		assertThat(SchemaSnapshot.of(jdbc, DatabaseEngine.of(dataSource))).isEqualTo(first);
	}

	/**
	 * The host's tables share the schema, so Flyway finds it not empty; it is baselined before the first migration,
	 * which then runs, rather than after it, which would leave the module without tables.
	 */
	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aSchemaHoldingOnlyTheHostsTablesGetsTheModuleTablesToo(TestDatabase engine) {
		DataSource fresh = EmptyDatabases.create(engine, "fresh_beside_host");
		new ModuleSchema(fresh).migrate();
		DataSource host = EmptyDatabases.create(engine, "host");
		JdbcTemplate jdbc = new JdbcTemplate(host);
		jdbc.execute("CREATE TABLE HFJ_RESOURCE (RES_ID BIGINT NOT NULL PRIMARY KEY)");

		new ModuleSchema(host).migrate();

		assertThat(SchemaSnapshot.history(jdbc)).isEqualTo(afterBaseline());
		assertThat(SchemaSnapshot.of(jdbc, DatabaseEngine.of(host)))
				.isEqualTo(SchemaSnapshot.of(new JdbcTemplate(fresh), DatabaseEngine.of(fresh)));
	}

	/**
	 * Nodes of a cluster starting together on the host's database, whose tables make Flyway baseline it: every node
	 * starts, and the baseline and each migration are recorded once.
	 */
	@Test
	void nodesMigratingOnePostgreSqlDatabaseAtOnceApplyEachMigrationOnce() throws Exception {
		DataSource dataSource = EmptyDatabases.create(TestDatabase.POSTGRES, "nodes_at_once");
		new JdbcTemplate(dataSource).execute("CREATE TABLE HFJ_RESOURCE (RES_ID BIGINT NOT NULL PRIMARY KEY)");
		int nodes = 4;
		CyclicBarrier start = new CyclicBarrier(nodes);
		ExecutorService threads = Executors.newFixedThreadPool(nodes);
		try {
			List<Future<?>> migrations = new ArrayList<>();
			for (int node = 0; node < nodes; node++) {
				migrations.add(threads.submit(() -> {
					start.await();
					new ModuleSchema(dataSource).migrate();
					return null;
				}));
			}
			for (Future<?> migration : migrations) {
				migration.get();
			}
		} finally {
			threads.shutdownNow();
		}

		assertThat(SchemaSnapshot.history(new JdbcTemplate(dataSource))).isEqualTo(afterBaseline());
	}

	static List<String> afterBaseline() {
		List<String> history = new ArrayList<>(List.of("0 BASELINE"));
		history.addAll(MIGRATIONS);
		return history;
	}
}
