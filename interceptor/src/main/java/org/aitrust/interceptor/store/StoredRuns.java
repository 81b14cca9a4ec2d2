package org.aitrust.interceptor.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runs of the stored-data job ({@value ModuleTables#RUN}) and the one rule of what a report of the {@code stored}
 * population sees: the rows of the latest completed run, never those of a run still measuring, and never two runs.
 * A run's completion and the deletion of every earlier run's rows happen in one transaction (the caller's), so a
 * report reads either the previous run or the new one.
 */
public class StoredRuns {

	private static final String[] QUALITY_TABLES = {ModuleTables.ARRIVAL, ModuleTables.OUTCOME, ModuleTables.BREAKDOWN};

	private final JdbcTemplate jdbc;

	/** @param dataSource the server's data source, whose schema {@link ModuleSchema#migrate()} has brought up to date */
	public StoredRuns(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Records a run about to be started, before its job exists: the job may complete before the caller hears its id,
	 * and its completion must find the run.
	 */
	public void starting(String runId, Instant at) {
		jdbc.update("INSERT INTO " + ModuleTables.RUN + " (RUN_ID, STARTED) VALUES (?, ?)", runId, Timestamp.from(at));
	}

	/** Notes the Batch2 job a run is measured by, for its status. */
	public void startedAs(String runId, String jobId) {
		jdbc.update("UPDATE " + ModuleTables.RUN + " SET JOB_ID = ? WHERE RUN_ID = ?", jobId, runId);
	}

	/**
	 * Claims a chunk of a run, in the transaction that will insert its rows: true the first time, false when the chunk
	 * was already measured (its transaction committed), so a chunk delivered again inserts nothing.
	 */
	public boolean claimChunk(String runId, String chunkId) {
		// Looked up first rather than caught as a duplicate key: on PostgreSQL a failed insert aborts the transaction.
		// Two deliveries of one chunk at once would both insert, and the second's transaction rolls back on the key.
		Long claimed = jdbc.queryForObject("SELECT COUNT(*) FROM " + ModuleTables.RUN_CHUNK
				+ " WHERE RUN_ID = ? AND CHUNK_ID = ?", Long.class, runId, chunkId);
		if (claimed != null && claimed > 0) {
			return false;
		}
		jdbc.update("INSERT INTO " + ModuleTables.RUN_CHUNK + " (RUN_ID, CHUNK_ID) VALUES (?, ?)", runId, chunkId);
		return true;
	}

	/**
	 * Marks the run completed and deletes the rows and records of every other run that is not running: the earlier
	 * completed ones and those started before it (failed, or still measuring: they will find their record gone).
	 * Runs started later and still measuring keep their rows.
	 */
	public void completed(String runId, Instant at) {
		if (jdbc.update("UPDATE " + ModuleTables.RUN + " SET COMPLETED = ? WHERE RUN_ID = ?", Timestamp.from(at), runId) == 0) {
			delete(runId); // a run a newer one replaced while it was still measuring: it must not replace that one
			return;
		}
		List<String> replaced = jdbc.queryForList("SELECT RUN_ID FROM " + ModuleTables.RUN
				+ " WHERE RUN_ID <> ? AND (COMPLETED IS NOT NULL OR STARTED < (SELECT STARTED FROM " + ModuleTables.RUN
				+ " WHERE RUN_ID = ?))", String.class, runId, runId);
		replaced.forEach(this::delete);
	}

	/** Deletes the rows and records of a run that failed or was cancelled: nothing of it is ever reported. */
	public void delete(String runId) {
		for (String table : QUALITY_TABLES) {
			jdbc.update("DELETE FROM " + table + " WHERE RUN_ID = ?", runId);
		}
		jdbc.update("DELETE FROM " + ModuleTables.RUN_CHUNK + " WHERE RUN_ID = ?", runId);
		jdbc.update("DELETE FROM " + ModuleTables.RUN + " WHERE RUN_ID = ?", runId);
	}

	/** The run a report of the {@code stored} population reads: the one completed last, if any. */
	public Optional<String> latestCompleted() {
		return jdbc.queryForList("SELECT RUN_ID FROM " + ModuleTables.RUN
				+ " WHERE COMPLETED IS NOT NULL ORDER BY COMPLETED DESC, RUN_ID FETCH FIRST 1 ROWS ONLY", String.class)
				.stream().findFirst();
	}

	/** The run started as Batch2 job {@code jobId}, with its completion time when it completed. */
	public Optional<StoredRun> byJob(String jobId) {
		return jdbc.query("SELECT RUN_ID, STARTED, COMPLETED FROM " + ModuleTables.RUN + " WHERE JOB_ID = ?",
				(rs, row) -> new StoredRun(rs.getString(1), jobId, rs.getTimestamp(2).toInstant(),
						rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()), jobId)
				.stream().findFirst();
	}

	/** A run of the stored-data job; {@code completed} is {@code null} while it measures. */
	public record StoredRun(String runId, String jobId, Instant started, Instant completed) {}
}
