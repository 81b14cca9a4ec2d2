package org.aitrust.interceptor;

import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which of the two supported databases the server's data source is: PostgreSQL, or the embedded H2. The module's
 * tables are the same on both; only their column types for bytes and their indexes differ.
 */
public final class DatabaseEngine {

	private DatabaseEngine() {}

	/** Whether the database behind this template is PostgreSQL, as its JDBC driver names it. */
	public static boolean isPostgreSql(JdbcTemplate jdbc) {
		return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
				connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")));
	}
}
