package org.aitrust.interceptor.store;

import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which of the two supported databases the server's data source is: PostgreSQL, or the embedded H2. The module's
 * tables are the same on both; only their column types for bytes and their indexes differ, so each engine has a
 * folder of migrations of its own besides the common one.
 */
public enum DatabaseEngine {

	H2("h2", "BLOB"),
	POSTGRESQL("postgresql", "BYTEA");

	private final String folder;
	private final String binaryType;

	DatabaseEngine(String folder, String binaryType) {
		this.folder = folder;
		this.binaryType = binaryType;
	}

	/** The engine behind this data source, as its JDBC driver names it; anything but PostgreSQL is taken for H2. */
	public static DatabaseEngine of(DataSource dataSource) {
		return isPostgreSql(new JdbcTemplate(dataSource)) ? POSTGRESQL : H2;
	}

	/** Whether the database behind this template is PostgreSQL, as its JDBC driver names it. */
	public static boolean isPostgreSql(JdbcTemplate jdbc) {
		return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
				connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")));
	}

	/** The column type of a byte array of any size, the {@code binaryType} placeholder of the migrations. */
	String binaryType() {
		return binaryType;
	}

	/** The classpath folder of the migrations only this engine runs. */
	String migrationLocation() {
		return ModuleSchema.MIGRATIONS + "/" + folder;
	}
}
