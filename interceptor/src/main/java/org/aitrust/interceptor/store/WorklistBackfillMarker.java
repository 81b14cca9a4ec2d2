package org.aitrust.interceptor.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether the one-time backfill of the review worklist has run on this database: the one row of
 * {@value ModuleTables#WORKLIST_BACKFILL}, written when a backfill finished. Several nodes may finish at once; the
 * first row stays and the others find it there.
 */
public class WorklistBackfillMarker {

	private static final int ROW = 1;

	private final JdbcTemplate jdbc;

	/** @param dataSource the server's data source, whose schema {@link ModuleSchema#migrate()} has brought up to date */
	public WorklistBackfillMarker(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	public boolean isDone() {
		Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + ModuleTables.WORKLIST_BACKFILL, Integer.class);
		return rows != null && rows > 0;
	}

	/** Records that a backfill finished at this instant; a no-op when a node recorded it already. */
	public void markDone(Instant completed) {
		if (isDone()) {
			return;
		}
		try {
			jdbc.update("INSERT INTO " + ModuleTables.WORKLIST_BACKFILL + " (ID, COMPLETED) VALUES (?, ?)",
					ROW, LocalDateTime.ofInstant(completed, ZoneOffset.UTC));
		} catch (DuplicateKeyException e) {
			// another node finished its backfill at the same moment: its row says the same
		}
	}
}
