package org.aitrust.interceptor.validation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.aitrust.interceptor.store.ModuleTables;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the packages installed at run time in the server's own database, so they survive a restart and every
 * node of a cluster loads them when it starts. The table is made by the module's migrations
 * ({@link org.aitrust.interceptor.store.ModuleSchema}).
 */
public class IgPackageStore {

	static final String TABLE = ModuleTables.IG_PACKAGE;

	private final JdbcTemplate jdbc;

	public IgPackageStore(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
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
