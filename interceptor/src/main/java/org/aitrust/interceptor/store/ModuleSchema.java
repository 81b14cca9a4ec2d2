package org.aitrust.interceptor.store;

import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the module's tables to the version this build expects, with Flyway migrations under {@value #MIGRATIONS}
 * ({@code common}, with the engine's types as placeholders, and the engine's own folder) and a history table of the module's own, {@value #HISTORY_TABLE},
 * so a host that runs Flyway for its own tables keeps its history to itself. Called once at start-up, before any
 * store reads or writes.
 *
 * <p>Databases written by releases before the migrations have the module's tables but no history table, and not
 * always all of them (the quality tables exist only where quality was on, the package table only where validation
 * was), next to the host's own tables in the same schema. So no migration is skipped on them: the schema is
 * baselined at version 0, before the first migration, and every migration is written to reach its target from any
 * state an earlier release left ({@code CREATE ... IF NOT EXISTS}, {@code DROP INDEX IF EXISTS}, a widening that is a
 * no-op on a wide column). A fresh database and an upgraded one therefore run the same migrations and end alike.
 *
 * <p>Nodes of a cluster starting together on PostgreSQL migrate one after the other: Flyway holds an advisory lock
 * while it creates and baselines the history table and while it applies migrations, and re-reads the history once it
 * has the lock, so each migration runs once and every node starts.
 */
public final class ModuleSchema {

	/** The history table of the module's migrations; lower case on PostgreSQL, like the module's other tables. */
	public static final String HISTORY_TABLE = "AITRUST_SCHEMA_HISTORY";
	static final String MIGRATIONS = "classpath:db/aitrust";

	private final DataSource dataSource;

	public ModuleSchema(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Applies the migrations this database lacks; a no-op on a database already up to date. */
	public void migrate() {
		DatabaseEngine engine = DatabaseEngine.of(dataSource);
		Flyway flyway = Flyway.configure(ModuleSchema.class.getClassLoader())
				.dataSource(dataSource)
				.table(engine == DatabaseEngine.POSTGRESQL ? HISTORY_TABLE.toLowerCase(Locale.ROOT) : HISTORY_TABLE)
				.locations(MIGRATIONS + "/common", engine.migrationLocation())
				.placeholders(Map.of("binaryType", engine.binaryType()))
				.failOnMissingLocations(true)
				.baselineOnMigrate(true)
				.baselineVersion("0")
				// no apostrophe: Flyway writes the description into its insert unescaped
				.baselineDescription("before the module migrations")
				.load();
		flyway.migrate();
	}
}
