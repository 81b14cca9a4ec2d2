package org.aitrust.interceptor.validation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.aitrust.interceptor.DatabaseEngine;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the packages installed at run time in the server's own database, so they survive a restart and every
 * node of a cluster loads them when it starts.
 */
public class IgPackageStore {

	static final String TABLE = "AITRUST_IG_PACKAGE";

	private final JdbcTemplate jdbc;
	private final boolean postgres;

	public IgPackageStore(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.postgres = DatabaseEngine.isPostgreSql(jdbc);
	}

	public void createSchema() {
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
				+ "PACKAGE_NAME VARCHAR(200) NOT NULL, "
				+ "PACKAGE_VERSION VARCHAR(100) NOT NULL, "
				+ "CONTENT " + (postgres ? "BYTEA" : "BLOB") + " NOT NULL, "
				+ "INSTALLED_AT TIMESTAMP NOT NULL, "
				+ "PRIMARY KEY (PACKAGE_NAME, PACKAGE_VERSION))");
	}

	/** Stores a package; returns {@code false} when that name and version is already stored. */
	public boolean save(IgPackage pkg, byte[] content, Instant installedAt) {
		try {
			jdbc.update("INSERT INTO " + TABLE + " (PACKAGE_NAME, PACKAGE_VERSION, CONTENT, INSTALLED_AT) VALUES (?, ?, ?, ?)",
					pkg.name(), pkg.version(), content, Timestamp.from(installedAt));
			return true;
		} catch (DuplicateKeyException e) {
			return false;
		}
	}

	/** Every stored package's bytes, oldest installation first. */
	public List<byte[]> loadAll() {
		return jdbc.query("SELECT CONTENT FROM " + TABLE + " ORDER BY INSTALLED_AT, PACKAGE_NAME, PACKAGE_VERSION",
				(rs, row) -> rs.getBytes(1));
	}
}
