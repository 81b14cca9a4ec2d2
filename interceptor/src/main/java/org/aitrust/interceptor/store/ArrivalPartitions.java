package org.aitrust.interceptor.store;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The monthly partitions of the arrival table on PostgreSQL (migration V12): one per month of {@code EVENT_DAY},
 * named {@code aitrust_quality_arrival_yYYYYmMM}, and the {@code DEFAULT} partition for rows no month partition
 * covers. Every method runs in the caller's transaction.
 */
final class ArrivalPartitions {

	/** Months created ahead of the current one, so the month after next has its partition before its first row. */
	static final int MONTHS_AHEAD = 2;
	private static final String PARENT = ModuleTables.ARRIVAL.toLowerCase(Locale.ROOT);
	private static final String DEFAULT = PARENT + "_default";
	private static final Pattern MONTH = Pattern.compile(PARENT + "_y(\\d{4})m(\\d{2})");

	private final JdbcTemplate jdbc;

	ArrivalPartitions(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The months that have a partition of their own, in order. */
	List<YearMonth> months() {
		List<YearMonth> months = new ArrayList<>();
		for (String name : jdbc.queryForList("SELECT C.RELNAME FROM PG_INHERITS I JOIN PG_CLASS C ON C.OID = I.INHRELID"
				+ " JOIN PG_CLASS P ON P.OID = I.INHPARENT WHERE P.RELNAME = ? ORDER BY C.RELNAME", String.class, PARENT)) {
			Matcher matcher = MONTH.matcher(name);
			if (matcher.matches()) {
				months.add(YearMonth.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
			}
		}
		return months;
	}

	/**
	 * Creates the partition of a month, moving the month's rows out of the default partition first (they would make the
	 * attach fail). The whole table is locked first, so every insert waits and is routed after the commit: an insert
	 * routed to the default partition before the attach would otherwise break its new constraint and fail the write
	 * (seen under the reliability load as 409s).
	 */
	void create(YearMonth month) {
		String name = name(month);
		LocalDate from = month.atDay(1);
		LocalDate to = month.plusMonths(1).atDay(1);
		jdbc.execute("LOCK TABLE " + PARENT + " IN ACCESS EXCLUSIVE MODE");
		jdbc.execute("CREATE TABLE " + name + " (LIKE " + PARENT + " INCLUDING DEFAULTS)");
		jdbc.update("INSERT INTO " + name + " SELECT * FROM " + DEFAULT + " WHERE EVENT_DAY >= ? AND EVENT_DAY < ?", from, to);
		jdbc.update("DELETE FROM " + DEFAULT + " WHERE EVENT_DAY >= ? AND EVENT_DAY < ?", from, to);
		jdbc.execute("ALTER TABLE " + PARENT + " ATTACH PARTITION " + name + " FOR VALUES FROM ('" + from + "') TO ('"
				+ to + "')");
	}

	/**
	 * Locks a month's partition against inserts and counts its rows measured at write time per day: what dropping it
	 * would delete of what the rollups recorded (a stored-data run's rows in it go too, as retention deletes them). The
	 * lock is held to the end of the caller's transaction.
	 */
	java.util.Map<LocalDate, Long> lockAndCount(YearMonth month) {
		jdbc.execute("LOCK TABLE " + name(month) + " IN ACCESS EXCLUSIVE MODE");
		java.util.Map<LocalDate, Long> counts = new java.util.TreeMap<>();
		jdbc.query("SELECT EVENT_DAY, COUNT(*) FROM " + name(month) + " WHERE POPULATION = 'write' GROUP BY EVENT_DAY",
				rs -> {
					counts.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
				});
		return counts;
	}

	void drop(YearMonth month) {
		jdbc.execute("DROP TABLE " + name(month));
	}

	private static String name(YearMonth month) {
		return String.format(Locale.ROOT, "%s_y%04dm%02d", PARENT, month.getYear(), month.getMonthValue());
	}
}
