package org.aitrust.interceptor.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.aitrust.interceptor.core.UtcDays;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rollup job: summarises every closed day (UTC, by the module's clock) into the daily rollups ({@link
 * RollupTable}), once and exactly, then applies retention. Safe with several nodes: each step locks the one row of
 * {@value ModuleTables#ROLLUP_STATE} with {@code FOR UPDATE SKIP LOCKED}, so while one node works the others skip the
 * run. A day's rollup rows, its record in {@value ModuleTables#ROLLUP_DAY} and the move of the "rolled up through"
 * marker commit in one transaction, so a node killed mid-rollup leaves the day as it was: neither rolled up nor
 * counted twice. Each step's transaction reads one snapshot (repeatable read), so every table of a day is summarised
 * from the same rows.
 *
 * <p>Late rows, raw rows inserted for a day after it was rolled up (a backfill, or a shifted module clock), are
 * found by each run, which compares the raw rows per day with the counts the day's rollup recorded: the day is rolled
 * up again from its raw rows, or, once retention deleted them, the late rows are added to its rollup and deleted.
 * Until that run reports do not count them (they read rollups for rolled days), and never count them twice.
 *
 * <p>Retention deletes the raw rows of days older than {@link RollupRetention#rawDays()} once rolled up (re-checking
 * their counts in the same transaction, so a late row is never deleted unsummarised), and rollup rows older than
 * {@link RollupRetention#rollupDays()}. On PostgreSQL it drops whole monthly partitions of the arrival table
 * ({@link ArrivalPartitions}) and creates the partitions of the current month and the months ahead.
 */
public class DailyRollup {

	private static final String LOCK = "SELECT ID FROM " + ModuleTables.ROLLUP_STATE + " WHERE ID = 1 FOR UPDATE SKIP LOCKED";

	private final JdbcTemplate jdbc;
	private final TransactionTemplate snapshot;
	private final TransactionTemplate readCommitted;
	private final Clock clock;
	private final RollupRetention retention;
	private final ArrivalPartitions partitions;

	/**
	 * Each step runs in a new transaction of its own on the data source, not through the host's JPA transaction
	 * manager, which refuses the repeatable-read isolation the steps need.
	 *
	 * @param clock the module's clock, which says which day is today
	 */
	public DailyRollup(DataSource dataSource, Clock clock, RollupRetention retention) {
		this(dataSource, new DataSourceTransactionManager(dataSource), clock, retention);
	}

	/** @param transactions what each step's transaction is begun and committed with */
	DailyRollup(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
			RollupRetention retention) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.snapshot = new TransactionTemplate(transactions);
		snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.readCommitted = new TransactionTemplate(transactions);
		readCommitted.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.retention = retention;
		this.partitions = DatabaseEngine.isPostgreSql(jdbc) ? new ArrivalPartitions(jdbc) : null;
	}

	/** Rolls up every closed day not yet rolled up, rolls up late rows again, creates partitions, applies retention. */
	public RollupRun run() {
		LocalDate today = UtcDays.of(clock.instant());
		Tally tally = new Tally();
		while (true) {
			Boolean rolled = locked(snapshot, () -> rollUpNextDay(today, tally));
			if (rolled == null) {
				return RollupRun.skipped(ReportRows.rolledThrough(jdbc));
			}
			if (!rolled) {
				break;
			}
		}
		LocalDate rolledThrough = ReportRows.rolledThrough(jdbc);
		if (rolledThrough != null) {
			for (LocalDate day : staleDays(rolledThrough.plusDays(1))) {
				if (locked(snapshot, () -> reconcile(day, tally)) == null) {
					return RollupRun.skipped(rolledThrough);
				}
			}
		}
		if (partitions != null) {
			createPartitions(today, tally);
		}
		if (rolledThrough != null) {
			LocalDate cutoff = today.minusDays(retention.rawDays());
			LocalDate limit = cutoff.isBefore(rolledThrough.plusDays(1)) ? cutoff : rolledThrough.plusDays(1);
			if (partitions != null) {
				dropPartitions(limit, tally);
			}
			locked(snapshot, () -> deleteRaw(limit, tally));
			if (retention.rollupDays() != null) {
				locked(snapshot, () -> deleteRollups(today.minusDays(retention.rollupDays()), tally));
			}
		}
		return new RollupRun(true, rolledThrough, tally.days, tally.daysAgain, tally.rows, tally.rawDeleted,
				tally.partitionsCreated, tally.partitionsDropped, tally.rollupDeleted);
	}

	/** Runs the step in a new transaction holding the job's lock; {@code null} when another node holds it. */
	private <T> T locked(TransactionTemplate transaction, Supplier<T> step) {
		return transaction.execute(status -> jdbc.queryForList(LOCK, Integer.class).isEmpty() ? null : step.get());
	}

	/** Rolls up the day after the marker when it is closed; false when there is none. */
	private Boolean rollUpNextDay(LocalDate today, Tally tally) {
		LocalDate rolledThrough = ReportRows.rolledThrough(jdbc);
		LocalDate next = rolledThrough == null ? firstRawDay() : rolledThrough.plusDays(1);
		if (next == null || !next.isBefore(today)) {
			return false;
		}
		long[] counts = rawCounts(next);
		rollUp(next);
		recordDay(next, counts);
		jdbc.update("UPDATE " + ModuleTables.ROLLUP_STATE + " SET ROLLED_THROUGH = ? WHERE ID = 1", next);
		tally.days++;
		tally.rows += Arrays.stream(counts).sum();
		return true;
	}

	/** Records what a day's rollup summarised: the raw rows of each raw table, not deleted. */
	private void recordDay(LocalDate day, long[] counts) {
		jdbc.update("INSERT INTO " + ModuleTables.ROLLUP_DAY + " (ROLLED_DAY, ARRIVAL_ROWS, OUTCOME_ROWS, BREAKDOWN_ROWS,"
				+ " REVIEW_ROWS, RAW_DELETED, ROLLED_AT) VALUES (?, ?, ?, ?, ?, FALSE, ?)", day, counts[0], counts[1],
				counts[2], counts[3], Timestamp.from(clock.instant()));
	}

	private LocalDate firstRawDay() {
		LocalDate first = null;
		for (RollupTable table : RollupTable.RAW) {
			java.sql.Date day = jdbc.queryForObject("SELECT MIN(" + table.day() + ") FROM " + table.raw() + " WHERE 1 = 1"
					+ table.writesOnly(), java.sql.Date.class);
			if (day != null && (first == null || day.toLocalDate().isBefore(first))) {
				first = day.toLocalDate();
			}
		}
		return first;
	}

	/** The raw rows of each raw table ({@link RollupTable#RAW}, in order) whose day is {@code day}. */
	private long[] rawCounts(LocalDate day) {
		long[] counts = new long[RollupTable.RAW.size()];
		for (int i = 0; i < counts.length; i++) {
			RollupTable table = RollupTable.RAW.get(i);
			counts[i] = jdbc.queryForObject("SELECT COUNT(*) FROM " + table.raw() + " WHERE " + table.day() + " = ?"
					+ table.writesOnly(),
					Long.class, day);
		}
		return counts;
	}

	private void rollUp(LocalDate day) {
		for (RollupTable table : RollupTable.values()) {
			jdbc.update(table.rollUpDay(), day);
		}
	}

	/**
	 * The days before {@code before} whose raw rows differ from what their rollup recorded: rows arrived for them
	 * after they were rolled up. Costs one grouped count of the raw rows kept.
	 */
	private List<LocalDate> staleDays(LocalDate before) {
		Map<LocalDate, long[]> raw = rawCountsBefore(before);
		Map<LocalDate, Recorded> recorded = recorded(before);
		List<LocalDate> stale = new ArrayList<>();
		raw.forEach((day, counts) -> {
			Recorded record = recorded.get(day);
			if (record == null || record.rawDeleted() || !Arrays.equals(record.counts(), counts)) {
				stale.add(day);
			}
		});
		return stale;
	}

	private Map<LocalDate, long[]> rawCountsBefore(LocalDate before) {
		Map<LocalDate, long[]> counts = new TreeMap<>();
		for (int i = 0; i < RollupTable.RAW.size(); i++) {
			RollupTable table = RollupTable.RAW.get(i);
			int index = i;
			jdbc.query("SELECT " + table.day() + ", COUNT(*) FROM " + table.raw() + " WHERE " + table.day() + " < ?"
					+ table.writesOnly() + " GROUP BY " + table.day(), rs -> {
						counts.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new long[RollupTable.RAW.size()])[index] =
								rs.getLong(2);
					}, before);
		}
		return counts;
	}

	private Map<LocalDate, Recorded> recorded(LocalDate before) {
		Map<LocalDate, Recorded> recorded = new HashMap<>();
		jdbc.query("SELECT ROLLED_DAY, ARRIVAL_ROWS, OUTCOME_ROWS, BREAKDOWN_ROWS, REVIEW_ROWS, RAW_DELETED FROM "
				+ ModuleTables.ROLLUP_DAY + " WHERE ROLLED_DAY < ?", rs -> {
					recorded.put(rs.getDate(1).toLocalDate(), new Recorded(
							new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}, rs.getBoolean(6)));
				}, before);
		return recorded;
	}

	/**
	 * Makes a rolled-up day's rollup match its raw rows again: rolled up anew from them, or, when retention deleted
	 * the raw rows it was rolled up from, with the late ones added and deleted.
	 */
	private Boolean reconcile(LocalDate day, Tally tally) {
		Recorded record = recorded(day.plusDays(1)).get(day);
		long[] counts = rawCounts(day);
		if (record != null && !record.rawDeleted() && Arrays.equals(record.counts(), counts)) {
			return true;
		}
		if (record != null && record.rawDeleted()) {
			if (Arrays.stream(counts).sum() == 0) {
				return true;
			}
			rollUp(day);
			for (RollupTable table : RollupTable.RAW) {
				jdbc.update("DELETE FROM " + table.raw() + " WHERE " + table.day() + " = ?", day);
			}
			jdbc.update("UPDATE " + ModuleTables.ROLLUP_DAY + " SET ARRIVAL_ROWS = ARRIVAL_ROWS + ?,"
					+ " OUTCOME_ROWS = OUTCOME_ROWS + ?, BREAKDOWN_ROWS = BREAKDOWN_ROWS + ?, REVIEW_ROWS = REVIEW_ROWS + ?"
					+ " WHERE ROLLED_DAY = ?", counts[0], counts[1], counts[2], counts[3], day);
		} else {
			for (RollupTable table : RollupTable.values()) {
				jdbc.update("DELETE FROM " + table.rollup() + " WHERE " + table.day() + " = ?", day);
			}
			rollUp(day);
			jdbc.update("DELETE FROM " + ModuleTables.ROLLUP_DAY + " WHERE ROLLED_DAY = ?", day);
			recordDay(day, counts);
		}
		tally.daysAgain++;
		tally.rows += Arrays.stream(counts).sum();
		return true;
	}

	/** The current month's partition and those of the months ahead, where missing, each in a transaction of its own. */
	private void createPartitions(LocalDate today, Tally tally) {
		TreeSet<YearMonth> existing = new TreeSet<>(partitions.months());
		for (int ahead = 0; ahead <= ArrivalPartitions.MONTHS_AHEAD; ahead++) {
			YearMonth month = YearMonth.from(today).plusMonths(ahead);
			if (!existing.contains(month) && locked(readCommitted, () -> {
				partitions.create(month);
				return true;
			}) != null) {
				tally.partitionsCreated++;
			}
		}
	}

	/**
	 * Drops the partitions of months wholly before {@code limit}, with the month's rows of the other raw tables, when
	 * they are exactly what their days' rollups recorded; a month with late rows is kept until a later run has rolled
	 * them up. The partition is counted under an exclusive lock; the other tables' rows are deleted and the deleted
	 * rows counted, and a count that differs rolls the whole step back.
	 */
	private void dropPartitions(LocalDate limit, Tally tally) {
		for (YearMonth month : partitions.months()) {
			LocalDate from = month.atDay(1);
			LocalDate to = month.plusMonths(1).atDay(1);
			if (to.isAfter(limit)) {
				continue;
			}
			try {
				locked(readCommitted, () -> dropMonth(month, from, to, tally));
			} catch (LateRowsException e) {
				// kept: the next run rolls the late rows up first
			}
		}
	}

	private Boolean dropMonth(YearMonth month, LocalDate from, LocalDate to, Tally tally) {
		Map<LocalDate, Long> rows = partitions.lockAndCount(month);
		Map<LocalDate, Recorded> recorded = new TreeMap<>(recorded(to));
		recorded.keySet().removeIf(day -> day.isBefore(from));
		long[] expected = new long[RollupTable.RAW.size()];
		for (Map.Entry<LocalDate, Recorded> day : recorded.entrySet()) {
			if (!day.getValue().rawDeleted()) {
				for (int i = 0; i < expected.length; i++) {
					expected[i] += day.getValue().counts()[i];
				}
			}
		}
		boolean exact = rows.entrySet().stream().allMatch(day -> recorded.containsKey(day.getKey())
				&& !recorded.get(day.getKey()).rawDeleted() && recorded.get(day.getKey()).counts()[0] == day.getValue())
				&& rows.values().stream().mapToLong(Long::longValue).sum() == expected[0];
		if (!exact) {
			return false;
		}
		long deleted = expected[0];
		for (int i = 1; i < RollupTable.RAW.size(); i++) {
			RollupTable table = RollupTable.RAW.get(i);
			// A stored-data run's rows of the month go with it, as retention deletes them elsewhere; only the rows
			// measured at write time are checked against what the rollups recorded.
			if (!table.writesOnly().isEmpty()) {
				jdbc.update("DELETE FROM " + table.raw() + " WHERE " + table.day() + " >= ? AND " + table.day() + " < ?"
						+ " AND POPULATION <> 'write'", from, to);
			}
			int rowsDeleted = jdbc.update("DELETE FROM " + table.raw() + " WHERE " + table.day() + " >= ? AND "
					+ table.day() + " < ?", from, to);
			if (rowsDeleted != expected[i]) {
				throw new LateRowsException();
			}
			deleted += rowsDeleted;
		}
		partitions.drop(month);
		markRawDeleted(from, to);
		tally.partitionsDropped++;
		tally.rawDeleted += deleted;
		return true;
	}

	/** Raw rows of a month differ from what its rollups recorded: the month is not dropped this run. */
	private static final class LateRowsException extends RuntimeException {
		LateRowsException() {
			super(null, null, false, false);
		}
	}

	/** Deletes the raw rows of days before {@code limit}, rolling up any late ones among them first. */
	private Boolean deleteRaw(LocalDate limit, Tally tally) {
		Map<LocalDate, long[]> raw = rawCountsBefore(limit);
		for (LocalDate day : staleDays(limit)) {
			reconcile(day, tally);
		}
		for (RollupTable table : RollupTable.RAW) {
			tally.rawDeleted += jdbc.update("DELETE FROM " + table.raw() + " WHERE " + table.day() + " < ?", limit);
		}
		if (!raw.isEmpty()) {
			markRawDeleted(raw.keySet().iterator().next(), limit);
		}
		return true;
	}

	private void markRawDeleted(LocalDate from, LocalDate before) {
		jdbc.update("UPDATE " + ModuleTables.ROLLUP_DAY + " SET RAW_DELETED = TRUE WHERE ROLLED_DAY >= ? AND ROLLED_DAY < ?"
				+ " AND NOT RAW_DELETED", from, before);
	}

	private Boolean deleteRollups(LocalDate limit, Tally tally) {
		for (RollupTable table : RollupTable.values()) {
			tally.rollupDeleted += jdbc.update("DELETE FROM " + table.rollup() + " WHERE " + table.day() + " < ?", limit);
		}
		jdbc.update("DELETE FROM " + ModuleTables.ROLLUP_DAY + " WHERE ROLLED_DAY < ?", limit);
		return true;
	}

	/** What a day's rollup recorded: raw rows per raw table, and whether retention deleted them. */
	private record Recorded(long[] counts, boolean rawDeleted) {}

	/** What the run has done so far. */
	private static final class Tally {
		int days;
		int daysAgain;
		long rows;
		long rawDeleted;
		int partitionsCreated;
		int partitionsDropped;
		long rollupDeleted;
	}
}
