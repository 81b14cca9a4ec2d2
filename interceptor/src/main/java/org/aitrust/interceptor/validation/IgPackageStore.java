package org.aitrust.interceptor.validation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.aitrust.interceptor.store.ModuleTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the packages installed at run time in the server's own database, so they survive a restart and every
 * node of a cluster loads them when it starts. The table is made by the module's migrations
 * ({@link org.aitrust.interceptor.store.ModuleSchema}).
 */
public class IgPackageStore {

	static final String TABLE = ModuleTables.IG_PACKAGE;

	private final JdbcTemplate jdbc;
	private final TransactionTemplate transaction;

	/** One stored package: its name and version as stored, and its bytes, not yet read. */
	public record Stored(String name, String version, byte[] content) {

		public String id() {
			return name + "#" + version;
		}
	}

	public IgPackageStore(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	/**
	 * Stores a package in one transaction with deleting the packages it replaces and any earlier row of its own name
	 * and version (one that was not loaded, e.g. refused at start-up).
	 */
	public void save(IgPackage pkg, byte[] content, Instant installedAt, List<IgPackage> replacing) {
		transaction.executeWithoutResult(status -> {
			for (IgPackage replaced : replacing) {
				delete(replaced.name(), replaced.version());
			}
			delete(pkg.name(), pkg.version());
			jdbc.update("INSERT INTO " + TABLE + " (PACKAGE_NAME, PACKAGE_VERSION, CONTENT, INSTALLED_AT) VALUES (?, ?, ?, ?)",
					pkg.name(), pkg.version(), content, Timestamp.from(installedAt));
		});
	}

	/** The {@code name#version} of every stored package, loaded or not. */
	public Set<String> ids() {
		return new HashSet<>(jdbc.query("SELECT PACKAGE_NAME, PACKAGE_VERSION FROM " + TABLE,
				(rs, row) -> rs.getString(1) + "#" + rs.getString(2)));
	}

	/** Every stored package, oldest installation first. */
	public List<Stored> loadAll() {
		return jdbc.query("SELECT PACKAGE_NAME, PACKAGE_VERSION, CONTENT FROM " + TABLE
						+ " ORDER BY INSTALLED_AT, PACKAGE_NAME, PACKAGE_VERSION",
				(rs, row) -> new Stored(rs.getString(1), rs.getString(2), rs.getBytes(3)));
	}

	private void delete(String name, String version) {
		jdbc.update("DELETE FROM " + TABLE + " WHERE PACKAGE_NAME = ? AND PACKAGE_VERSION = ?", name, version);
	}
}
