package org.aitrust.interceptor.store;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The schema release 0.1.0 created at start-up, before the module had migrations, written out literally as its code
 * ran it, so upgrade tests start from exactly what such a database holds.
 */
public final class Release010Schema {

	/** Builds of release 0.1.0 left two shapes of the tables behind. */
	public enum Build {
		/** The earliest: a 64-character MEASURE column and a full index on the arrivals' day and on their model. */
		EARLIEST,
		/** The last before migrations: MEASURE widened, the full arrival indexes replaced (PostgreSQL) or dropped (H2). */
		LATEST
	}

	private Release010Schema() {}

	/** Creates the module's tables as the given build of release 0.1.0 left them on this engine. */
	public static void create(JdbcTemplate jdbc, DatabaseEngine engine, Build build) {
		for (String statement : statements(engine, build)) {
			jdbc.execute(statement);
		}
	}

	private static List<String> statements(DatabaseEngine engine, Build build) {
		boolean postgres = engine == DatabaseEngine.POSTGRESQL;
		List<String> ddl = new ArrayList<>();
		ddl.add("CREATE TABLE IF NOT EXISTS AITRUST_QUALITY_ARRIVAL (EVENT_DAY DATE NOT NULL, "
				+ "SOURCE VARCHAR(128) NOT NULL, RESOURCE_TYPE VARCHAR(64) NOT NULL, PROFILE VARCHAR(255) NOT NULL, "
				+ "ACCEPTED BOOLEAN NOT NULL, AI_LABELLED BOOLEAN NOT NULL, WITH_PROVENANCE BOOLEAN NOT NULL, "
				+ "LAG_SECONDS BIGINT, APPLIED BIGINT NOT NULL, FAILED BIGINT NOT NULL, "
				+ "AI_MODEL VARCHAR(128), AGE_BAND VARCHAR(16), GENDER VARCHAR(16), RACE VARCHAR(64), ETHNICITY VARCHAR(64))");
		if (build == Build.EARLIEST) {
			ddl.add("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QA_DAY ON AITRUST_QUALITY_ARRIVAL (EVENT_DAY)");
			ddl.add("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QA_MODEL ON AITRUST_QUALITY_ARRIVAL (AI_MODEL, EVENT_DAY)");
		} else {
			ddl.add("DROP INDEX IF EXISTS IDX_AITRUST_QA_DAY");
			ddl.add("DROP INDEX IF EXISTS IDX_AITRUST_QA_MODEL");
			if (postgres) {
				ddl.add("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QA_DAY_BRIN ON AITRUST_QUALITY_ARRIVAL USING BRIN (EVENT_DAY)");
				ddl.add("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QA_AI_MODEL ON AITRUST_QUALITY_ARRIVAL"
						+ " (AI_MODEL, EVENT_DAY) WHERE AI_MODEL IS NOT NULL");
			}
		}
		ddl.add("CREATE TABLE IF NOT EXISTS AITRUST_QUALITY_REVIEW (EVENT_DAY DATE NOT NULL, REVIEW_DAY DATE NOT NULL, "
				+ "SOURCE VARCHAR(128) NOT NULL, RESOURCE_TYPE VARCHAR(64) NOT NULL, PROFILE VARCHAR(255) NOT NULL, "
				+ "OUTCOME VARCHAR(32) NOT NULL, LAG_SECONDS BIGINT NOT NULL, "
				+ "AI_MODEL VARCHAR(128), AGE_BAND VARCHAR(16), GENDER VARCHAR(16), RACE VARCHAR(64), ETHNICITY VARCHAR(64))");
		ddl.add("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QR_MODEL ON AITRUST_QUALITY_REVIEW (AI_MODEL, EVENT_DAY)");
		ddl.add("CREATE TABLE IF NOT EXISTS AITRUST_QUALITY_OUTCOME (EVENT_DAY DATE NOT NULL, "
				+ "SOURCE VARCHAR(128) NOT NULL, RESOURCE_TYPE VARCHAR(64) NOT NULL, PROFILE VARCHAR(255) NOT NULL, "
				+ "ACCEPTED BOOLEAN NOT NULL, MEASURE VARCHAR(" + (build == Build.EARLIEST ? 64 : 255) + ") NOT NULL, "
				+ "HIT BOOLEAN NOT NULL, LAG_SECONDS BIGINT)");
		if (build == Build.LATEST) {
			ddl.add("ALTER TABLE AITRUST_QUALITY_OUTCOME ALTER COLUMN MEASURE SET DATA TYPE VARCHAR(255)");
		}
		ddl.add("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QO_DAY_MEASURE ON AITRUST_QUALITY_OUTCOME (EVENT_DAY, MEASURE)");
		ddl.add("CREATE TABLE IF NOT EXISTS AITRUST_QUALITY_BREAKDOWN (EVENT_DAY DATE NOT NULL, "
				+ "SOURCE VARCHAR(128) NOT NULL, RESOURCE_TYPE VARCHAR(64) NOT NULL, PROFILE VARCHAR(255) NOT NULL, "
				+ "ACCEPTED BOOLEAN NOT NULL, BREAKDOWN VARCHAR(64) NOT NULL, ITEM VARCHAR(255) NOT NULL, "
				+ "OCCURRENCES INTEGER NOT NULL)");
		ddl.add("CREATE INDEX IF NOT EXISTS IDX_AITRUST_QB_DAY ON AITRUST_QUALITY_BREAKDOWN (EVENT_DAY, BREAKDOWN)");
		ddl.add("CREATE TABLE IF NOT EXISTS AITRUST_IG_PACKAGE (PACKAGE_NAME VARCHAR(200) NOT NULL, "
				+ "PACKAGE_VERSION VARCHAR(100) NOT NULL, CONTENT " + (postgres ? "BYTEA" : "BLOB") + " NOT NULL, "
				+ "INSTALLED_AT TIMESTAMP NOT NULL, PRIMARY KEY (PACKAGE_NAME, PACKAGE_VERSION))");
		return ddl;
	}
}
