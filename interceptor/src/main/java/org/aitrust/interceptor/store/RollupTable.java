package org.aitrust.interceptor.store;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A raw table and the daily rollup that summarises its rows of closed days: the columns both share (a rollup row
 * stands for the raw rows with its values of the grouping columns, {@code TALLY} of them, its summed columns holding
 * their sums), the day column that decides when a row's day is closed, and which raw rows it covers. The one
 * definition the rollup job ({@link DailyRollup}) and the reports ({@link ReportRows}) share, so both read the same
 * columns the same way.
 */
enum RollupTable {

	ARRIVAL(ModuleTables.ARRIVAL, ModuleTables.ROLLUP_ARRIVAL, "EVENT_DAY", null, Stream.concat(
			Stream.of("EVENT_DAY", "POPULATION", "SOURCE", "RESOURCE_TYPE", "PROFILE", "ACCEPTED", "AI_LABELLED",
					"WITH_PROVENANCE", "APPLIED", "FAILED", "AI_MODEL", "AGE_BAND", "GENDER", "RACE", "ETHNICITY")
					.map(Column::same),
			Stream.of(Column.CONFIDENCE_BIN)).toList(),
			List.of(Column.CONFIDENCE_SUM)),
	LAG(ModuleTables.ARRIVAL, ModuleTables.ROLLUP_LAG, "EVENT_DAY", "LAG_SECONDS IS NOT NULL",
			Column.all("EVENT_DAY", "POPULATION", "SOURCE", "RESOURCE_TYPE", "PROFILE", "LAG_SECONDS"), List.of()),
	/** Stored AI writes only: what oversight counts by stratum and patient. */
	PATIENT(ModuleTables.ARRIVAL, ModuleTables.ROLLUP_PATIENT, "EVENT_DAY",
			"ACCEPTED AND AI_LABELLED AND AI_MODEL IS NOT NULL",
			Column.all("EVENT_DAY", "POPULATION", "AI_MODEL", "AGE_BAND", "GENDER", "RACE", "ETHNICITY", "APPLIED",
					"FAILED", "PATIENT_KEY"), List.of()),
	OUTCOME(ModuleTables.OUTCOME, ModuleTables.ROLLUP_OUTCOME, "EVENT_DAY", null,
			Column.all("EVENT_DAY", "POPULATION", "SOURCE", "RESOURCE_TYPE", "PROFILE", "ACCEPTED", "MEASURE", "HIT"),
			List.of()),
	BREAKDOWN(ModuleTables.BREAKDOWN, ModuleTables.ROLLUP_BREAKDOWN, "EVENT_DAY", null,
			Column.all("EVENT_DAY", "POPULATION", "SOURCE", "RESOURCE_TYPE", "PROFILE", "ACCEPTED", "BREAKDOWN", "ITEM"),
			Column.all("OCCURRENCES")),
	/** By the day a review was recorded: the arrival's day is never closed for reviews, which come later. */
	REVIEW(ModuleTables.REVIEW, ModuleTables.ROLLUP_REVIEW, "REVIEW_DAY", null, Stream.concat(
			Stream.of("EVENT_DAY", "REVIEW_DAY", "SOURCE", "RESOURCE_TYPE", "PROFILE", "OUTCOME", "LAG_SECONDS",
					"AI_MODEL", "AGE_BAND", "GENDER", "RACE", "ETHNICITY", "PATIENT_KEY").map(Column::same),
			Stream.of(Column.CONFIDENCE_BIN)).toList(),
			List.of(Column.CONFIDENCE_SUM));

	/** The raw tables, each once, with the day column that closes their rows: what the job counts and deletes. */
	static final List<RollupTable> RAW = List.of(ARRIVAL, OUTCOME, BREAKDOWN, REVIEW);

	private final String raw;
	private final String rollup;
	private final String day;
	private final String filter;
	private final List<Column> grouping;
	private final List<Column> summed;

	RollupTable(String raw, String rollup, String day, String filter, List<Column> grouping, List<Column> summed) {
		this.raw = raw;
		this.rollup = rollup;
		this.day = day;
		this.filter = filter;
		this.grouping = grouping;
		this.summed = summed;
	}

	String raw() {
		return raw;
	}

	String rollup() {
		return rollup;
	}

	/** The column whose day, once closed, lets the row be rolled up. */
	String day() {
		return day;
	}

	/**
	 * The rows a report reads: raw rows of days after {@code rolledThrough}, each with {@code TALLY} 1, and rollup rows
	 * of days up to it; all raw rows when nothing was rolled up. A derived table with the grouping and summed columns
	 * and {@code TALLY}, so a WHERE over those columns applies to it as to the raw table.
	 */
	String reportRows(LocalDate rolledThrough) {
		String rawRows = "SELECT " + rawSelect() + ", 1 AS TALLY FROM " + raw
				+ " WHERE " + (filter == null ? "1 = 1" : filter) + writesOnly();
		if (rolledThrough == null) {
			return "(" + rawRows + ") " + name();
		}
		String since = " DATE '" + rolledThrough + "'";
		return "(" + rawRows + " AND " + day + " >" + since
				+ " UNION ALL SELECT " + names(grouping) + ", " + names(summed, "") + "TALLY FROM " + rollup
				+ " WHERE " + day + " <=" + since + ") " + name();
	}

	/** The INSERT that summarises the raw rows of one day (its one parameter) into rollup rows added to the rollup. */
	String rollUpDay() {
		String summedNames = names(summed, "");
		StringBuilder sums = new StringBuilder();
		for (Column column : summed) {
			sums.append("SUM(").append(column.name()).append("), ");
		}
		return "INSERT INTO " + rollup + " (" + names(grouping) + ", " + summedNames + "TALLY) SELECT "
				+ names(grouping) + ", " + sums + "COUNT(*) FROM (SELECT " + rawSelect() + " FROM " + raw
				+ " WHERE " + day + " = ?" + (filter == null ? "" : " AND " + filter) + writesOnly() + ") T GROUP BY "
				+ names(grouping);
	}

	/**
	 * The rows of stored-data runs ({@code POPULATION 'stored'}) as a report reads them: raw only, with their
	 * {@code RUN_ID} for the report to pick the latest completed run and {@code TALLY} 1. They are never rolled up: a
	 * run replaces the previous run's rows, which a rollup would keep.
	 */
	String storedRunRows() {
		if (this == REVIEW) {
			throw new IllegalStateException("reviews belong to writes; no stored-data run has them");
		}
		return "(SELECT " + rawSelect() + ", RUN_ID, 1 AS TALLY FROM " + raw + " WHERE POPULATION = 'stored'"
				+ (filter == null ? "" : " AND " + filter) + ") " + name();
	}

	/**
	 * The condition, with a leading AND, that keeps a raw table's rows measured at write time, the only ones the job
	 * counts and rolls up; empty for reviews, which are all writes'.
	 */
	String writesOnly() {
		return this == REVIEW ? "" : " AND POPULATION = 'write'";
	}

	private String rawSelect() {
		return Stream.concat(grouping.stream(), summed.stream()).map(Column::select).collect(Collectors.joining(", "));
	}

	private static String names(List<Column> columns) {
		return columns.stream().map(Column::name).collect(Collectors.joining(", "));
	}

	/** The names, each followed by a comma, or nothing. */
	private static String names(List<Column> columns, String none) {
		return columns.isEmpty() ? none : names(columns) + ", ";
	}

	/** A rollup column and the expression over a raw row that gives it. */
	private record Column(String name, String expression) {

		/**
		 * Equal-width bins of stated confidence, {@value OversightReader#CONFIDENCE_BINS} of them: bin i holds
		 * [i/10, (i+1)/10), the last one 1.0 too. Computed from the stored decimal, where FLOOR of ten times the value
		 * is exact, so 0.7 is in bin 7 on every engine. Null without a confidence.
		 */
		static final Column CONFIDENCE_BIN = new Column("CONFIDENCE_BIN", "CAST(CASE WHEN CONFIDENCE >= 1 THEN "
				+ (OversightReader.CONFIDENCE_BINS - 1) + " ELSE FLOOR(CONFIDENCE * " + OversightReader.CONFIDENCE_BINS
				+ ") END AS INTEGER)");
		/** The stated confidence, exact, summed. */
		static final Column CONFIDENCE_SUM = new Column("CONFIDENCE_SUM", "CONFIDENCE");

		static Column same(String name) {
			return new Column(name, name);
		}

		static List<Column> all(String... names) {
			return Stream.of(names).map(Column::same).toList();
		}

		String select() {
			return name.equals(expression) ? name : expression + " AS " + name;
		}
	}
}
