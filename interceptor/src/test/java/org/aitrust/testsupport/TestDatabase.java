package org.aitrust.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The database engine of this test run and how to reach a per-test-class database on it. The engine is
 * {@code -Daitrust.it.db=h2|postgres}; the PostgreSQL server is {@code -Daitrust.it.postgres.url} (a URL
 * ending in {@code /}, the database name is appended), {@code .user} and {@code .password}.
 */
public enum TestDatabase {
	H2,
	POSTGRES;

	public static TestDatabase current() {
		return fromProperty("aitrust.it.db");
	}

	/** The engine a system property names: {@code h2} (also when unset) or {@code postgres}. */
	public static TestDatabase fromProperty(String property) {
		String engine = System.getProperty(property, "h2").trim().toLowerCase(Locale.ROOT);
		return switch (engine) {
			case "h2" -> H2;
			case "postgres", "postgresql" -> POSTGRES;
			default -> throw new IllegalStateException(property + " must be h2 or postgres, was " + engine);
		};
	}

	/** A database name legal on both engines, derived from a test class (or any other) name. */
	public static String nameFor(String key) {
		String name = "aitrust_it_" + key.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT);
		return name.length() > 60 ? name.substring(0, 60) : name;
	}

	/**
	 * Makes sure an empty database of that name exists and returns the Spring properties that point at it.
	 * On H2 an in-memory database is empty by construction; on PostgreSQL it is dropped and created.
	 */
	public Map<String, Object> prepare(String databaseName) {
		Map<String, Object> properties = new LinkedHashMap<>();
		switch (this) {
			case H2 -> {
				// the statement cache the starter server's own H2 URL sets
				properties.put("spring.datasource.url",
						"jdbc:h2:mem:" + databaseName + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=128");
				properties.put("spring.datasource.username", "sa");
				properties.put("spring.datasource.password", "");
			}
			case POSTGRES -> {
				recreatePostgresDatabase(databaseName);
				properties.putAll(connectionTo(databaseName));
			}
		}
		return properties;
	}

	/**
	 * The Spring properties that point at a PostgreSQL database of that name as it is, kept: for benchmarks over
	 * data generated beforehand. Only for {@link #POSTGRES}: an in-memory H2 database does not outlive its JVM.
	 */
	public Map<String, Object> connectionTo(String databaseName) {
		if (this != POSTGRES) {
			throw new IllegalStateException("only a PostgreSQL database outlives the JVM that filled it");
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", postgresServerUrl() + databaseName);
		properties.put("spring.datasource.username", postgresUser());
		properties.put("spring.datasource.password", postgresPassword());
		return properties;
	}

	/** Why PostgreSQL cannot be used, or {@code null} when it can. */
	public static String postgresUnavailableReason() {
		try (Connection ignored = DriverManager.getConnection(
				postgresServerUrl() + "postgres", postgresUser(), postgresPassword())) {
			return null;
		} catch (SQLException e) {
			return "PostgreSQL at " + postgresServerUrl() + " is not reachable (" + e.getMessage() + ")";
		}
	}

	private static void recreatePostgresDatabase(String databaseName) {
		try (Connection connection = DriverManager.getConnection(
						postgresServerUrl() + "postgres", postgresUser(), postgresPassword());
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + databaseName);
		} catch (SQLException e) {
			throw new IllegalStateException("Could not create PostgreSQL database " + databaseName, e);
		}
	}

	static String postgresServerUrl() {
		String url = System.getProperty("aitrust.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
		return url.endsWith("/") ? url : url + "/";
	}

	static String postgresUser() {
		return System.getProperty("aitrust.it.postgres.user", "postgres");
	}

	static String postgresPassword() {
		return System.getProperty("aitrust.it.postgres.password", "");
	}
}
