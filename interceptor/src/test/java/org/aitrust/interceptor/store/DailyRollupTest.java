package org.aitrust.interceptor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The proof that rollups change no answer: randomised arrivals, outcomes, breakdown items and reviews over many days
 * go into two databases alike; one is never rolled up (every report from raw rows), the other is rolled up in steps
 * (a re-run, a run killed before its commit, late rows for rolled days, retention deleting raw rows and, on
 * PostgreSQL, dropping monthly partitions). After each step every report figure of both is compared: totals, shares,
 * breakdowns, lag medians and 95th percentiles by source, arrivals by source and type, and per model the oversight
 * counts, review lags, strata by week with distinct patients, and the confidence and calibration bins.
 */
class DailyRollupTest {

	private static final LocalDate FIRST = LocalDate.parse("2026-09-20");
	private static final List<String> SOURCES = List.of("lab", "ehr", "scribe-agent", "device-hub");
	private static final List<String> TYPES = List.of("Observation", "Condition", "MedicationRequest");
	private static final List<String> PROFILES = List.of("none", "http://example.org/StructureDefinition/vitals",
			"http://example.org/StructureDefinition/lab-result");
	private static final List<String> MODELS = List.of("scribe|1", "scribe|2", "coder|7");
	private static final List<String> OUTCOMES = List.of("verified", "corrected", "rejected");
	private static final List<String> JUDGED = List.of(CheckBits.IDS.get(0), CheckBits.IDS.get(1), CheckBits.IDS.get(2));

	private final Random random = new Random(27);
	private final MutableClock clock = new MutableClock();

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void reportsFromRollupsEqualReportsFromRawRowsThroughEveryStepAndRetention(TestDatabase engine) {
		Database reference = new Database(EmptyDatabases.create(engine, "rollup_reference"));
		Database rolled = new Database(EmptyDatabases.create(engine, "rollup_rolled"));
		List<Database> both = List.of(reference, rolled);
		LocalDate today = FIRST.plusDays(40);
		fill(both, FIRST, today, 1200);
		assertSameAnswers(rolled.answers(today), reference.answers(today));

		// in steps: the first 15 days, then a re-run that finds nothing new
		clock.today(FIRST.plusDays(15));
		RollupRun first = rolled.rollup(90).run();
		assertThat(first.daysRolledUp()).isEqualTo(15);
		assertThat(first.rolledThrough()).isEqualTo(FIRST.plusDays(14));
		assertSameAnswers(rolled.answers(today), reference.answers(today));
		assertThat(rolled.rollup(90).run().daysRolledUp()).isZero();

		// a run killed before its first commit leaves nothing behind; the next run does the work once
		clock.today(today);
		CrashingTransactions crashing = new CrashingTransactions(rolled.dataSource);
		assertThatThrownBy(() -> new DailyRollup(rolled.dataSource, crashing, clock, new RollupRetention(90, null)).run())
				.isInstanceOf(TransactionException.class);
		assertThat(ReportRows.rolledThrough(rolled.jdbc)).isEqualTo(FIRST.plusDays(14));
		assertSameAnswers(rolled.answers(today), reference.answers(today));
		RollupRun rest = rolled.rollup(90).run();
		assertThat(rest.daysRolledUp()).isEqualTo(25);
		assertSameAnswers(rolled.answers(today), reference.answers(today));
		assertThat(rolled.jdbc.queryForObject("SELECT SUM(TALLY) FROM " + ModuleTables.ROLLUP_ARRIVAL, Long.class))
				.isEqualTo(reference.jdbc.queryForObject("SELECT COUNT(*) FROM " + ModuleTables.ARRIVAL
						+ " WHERE EVENT_DAY < ?", Long.class, today));

		// late rows for rolled days (a backfill): counted once, from the next run
		fill(both, FIRST.plusDays(3), FIRST.plusDays(6), 200);
		RollupRun late = rolled.rollup(90).run();
		// arrivals of days 3 to 6, their reviews recorded up to three days later
		assertThat(late.daysRolledUpAgain()).isBetween(4, 7);
		assertSameAnswers(rolled.answers(today), reference.answers(today));

		// retention: raw rows older than 10 days go; the reports of their days answer from rollups alone
		RollupRun retained = rolled.rollup(10).run();
		assertThat(retained.rawRowsDeleted()).isPositive();
		assertThat(rolled.jdbc.queryForObject("SELECT COUNT(*) FROM " + ModuleTables.ARRIVAL + " WHERE EVENT_DAY < ?",
				Long.class, today.minusDays(10))).isZero();
		assertSameAnswers(rolled.answers(today), reference.answers(today));

		// late rows for a day whose raw rows are gone are added to its rollup
		fill(both, FIRST.plusDays(2), FIRST.plusDays(2), 50);
		rolled.rollup(10).run();
		assertSameAnswers(rolled.answers(today), reference.answers(today));

		// months later: on PostgreSQL the arrival partitions of whole months past retention are dropped
		LocalDate later = LocalDate.parse("2027-01-05");
		fill(both, today, later.minusDays(1), 300);
		clock.today(later);
		RollupRun months = rolled.rollup(10).run();
		assertSameAnswers(rolled.answers(later), reference.answers(later));
		if (DatabaseEngine.of(rolled.dataSource) == DatabaseEngine.POSTGRESQL) {
			assertThat(months.partitionsCreated()).isEqualTo(3);
			assertThat(months.partitionsDropped()).isEqualTo(2);
			assertThat(new ArrivalPartitions(rolled.jdbc).months()).extracting(Object::toString)
					.containsExactly("2026-12", "2027-01", "2027-02", "2027-03");
		}
		assertThat(rolled.jdbc.queryForObject("SELECT MIN(EVENT_DAY) FROM " + ModuleTables.ARRIVAL, LocalDate.class))
				.isAfterOrEqualTo(later.minusDays(10));
	}

	private static void assertSameAnswers(Map<String, Object> rolled, Map<String, Object> reference) {
		assertThat(rolled.keySet()).isEqualTo(reference.keySet());
		reference.forEach((figure, answer) -> assertThat(rolled.get(figure)).as(figure).isEqualTo(answer));
	}

	/** Random arrivals (with their outcomes and items) of days [from, to] and reviews of some AI writes, in both. */
	private void fill(List<Database> databases, LocalDate from, LocalDate to, int arrivals) {
		int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
		List<QualityEvent> events = new ArrayList<>();
		List<QualityReview> reviews = new ArrayList<>();
		for (int i = 0; i < arrivals; i++) {
			LocalDate day = from.plusDays(random.nextInt(days));
			boolean ai = random.nextInt(3) > 0;
			boolean accepted = random.nextInt(10) > 0;
			String model = ai ? pick(MODELS) : null;
			PatientStrata strata = ai ? new PatientStrata(pick(List.of("0-17", "18-64", "65+")), pick(List.of("female",
					"male")), pick(List.of("white", "asian", "unknown")), pick(List.of("hispanic", "unknown")),
					random.nextInt(8) == 0 ? null : "patient-" + random.nextInt(60)) : null;
			BigDecimal confidence = ai && random.nextBoolean()
					? BigDecimal.valueOf(random.nextInt(1_000_001), 6) : null;
			Map<String, CheckOutcome> outcomes = new LinkedHashMap<>();
			for (String check : CheckBits.IDS) {
				int roll = random.nextInt(4);
				if (roll > 0) {
					outcomes.put(check, roll == 1 ? CheckOutcome.FAIL : CheckOutcome.PASS);
				}
			}
			if (random.nextBoolean()) {
				outcomes.put("completeness-must-support:Observation.value[x]",
						random.nextBoolean() ? CheckOutcome.FAIL : CheckOutcome.PASS);
			}
			Map<Breakdown, Map<String, Integer>> items = random.nextBoolean() ? Map.of()
					: Map.of(Breakdown.VALIDATION_ISSUE, Map.of("error|code-" + random.nextInt(5), 1 + random.nextInt(3)));
			Long lag = random.nextInt(5) == 0 ? null : (long) random.nextInt(random.nextBoolean() ? 600 : 200_000);
			String source = pick(SOURCES);
			String type = pick(TYPES);
			String profile = pick(PROFILES);
			events.add(new QualityEvent(day, day.atStartOfDay(ZoneOffset.UTC).toInstant(), source, type, profile, accepted,
					ai, ai && random.nextBoolean(), lag, outcomes, items, model, strata, confidence));
			if (ai && accepted && random.nextInt(3) == 0) {
				LocalDate reviewDay = day.plusDays(random.nextInt(4));
				reviews.add(new QualityReview(day, reviewDay, source, type, profile, random.nextInt(90_000),
						pick(OUTCOMES), model, strata, confidence));
			}
		}
		for (Database database : databases) {
			new QualityEventWriter(database.dataSource).record(events);
			reviews.forEach(new QualityEventWriter(database.dataSource)::record);
		}
	}

	private <T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** One database of the comparison and every report figure it gives. */
	private final class Database {

		final DataSource dataSource;
		final JdbcTemplate jdbc;
		final QualityReportReader quality;
		final OversightReader oversight;

		Database(DataSource database) {
			new ModuleSchema(database).migrate();
			// one connection for the hundreds of report queries, as a server's pool would give
			this.dataSource = new SingleConnectionDataSource(connection(database), true);
			this.jdbc = new JdbcTemplate(dataSource);
			this.quality = new QualityReportReader(dataSource);
			this.oversight = new OversightReader(dataSource, JUDGED);
		}

		private static Connection connection(DataSource database) {
			try {
				return database.getConnection();
			} catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}

		DailyRollup rollup(int rawDays) {
			return new DailyRollup(dataSource, clock, new RollupRetention(rawDays, null));
		}

		/** Every figure of every report over the whole period, a few sub-periods and each filter. */
		Map<String, Object> answers(LocalDate today) {
			Map<String, Object> answers = new LinkedHashMap<>();
			List<QualityQuery> queries = new ArrayList<>(List.of(
					new QualityQuery(FIRST, today, null, null, null),
					new QualityQuery(today.minusDays(12), today, null, null, null),
					new QualityQuery(FIRST, today, "lab", null, null),
					new QualityQuery(FIRST.plusDays(5), today, null, "Observation", PROFILES.get(1))));
			for (QualityQuery query : queries) {
				answers.put(query + " totals", quality.totals(query));
				answers.put(query + " breakdowns", quality.breakdowns(query));
				answers.put(query + " lags", quality.lags(query));
				answers.put(query + " by source", quality.receivedBy("SOURCE", query));
				answers.put(query + " by type", quality.receivedBy("RESOURCE_TYPE", query));
			}
			answers.put("items", quality.distinctItems(Breakdown.VALIDATION_ISSUE).stream().sorted().toList());
			answers.put("models", oversight.models());
			List<LocalDate> weeks = new ArrayList<>();
			for (LocalDate week = FIRST; !week.isAfter(today); week = week.plusWeeks(1)) {
				weeks.add(week);
			}
			for (String model : oversight.models()) {
				for (LocalDate start : List.of(FIRST, FIRST.plusDays(10))) {
					answers.put(model + start + " counts", exact(oversight.counts(model, start, today)));
					answers.put(model + start + " confidence", exact(oversight.confidenceByBin(model, start, today)));
					answers.put(model + start + " calibration",
							exact(oversight.reviewedConfidenceByBin(model, start, today)));
				}
				for (String dimension : List.of("age-band", "gender")) {
					answers.put(model + dimension + " reviews",
							oversight.reviewsByStratum(model, dimension, "corrected", weeks, today));
					for (String check : JUDGED.subList(0, 1)) {
						answers.put(model + dimension + check,
								oversight.checkByStratum(model, dimension, check, weeks, today));
					}
				}
			}
			return answers;
		}
	}

	/** The counts with their {applied, failed} pairs as lists, which compare by value. */
	private static List<Object> exact(ModelCounts counts) {
		Map<String, List<Long>> checks = new LinkedHashMap<>();
		counts.checks().forEach((check, pair) -> checks.put(check, List.of(pair[0], pair[1])));
		return List.of(counts.writes(), checks, counts.reviewsByOutcome(), counts.reviewLagMedian(),
				counts.reviewLagP95(), counts.writesByDay());
	}

	/** Bins with their sums as numbers, whatever scale the engine gave a sum. */
	private static List<String> exact(List<ConfidenceBin> bins) {
		return bins.stream().map(bin -> bin.count() + " " + bin.confidenceSum().stripTrailingZeros().toPlainString() + " "
				+ bin.correct()).toList();
	}

	/** A transaction manager whose first commit fails, as a node killed before the commit of its first rollup. */
	private static final class CrashingTransactions extends DataSourceTransactionManager {

		CrashingTransactions(DataSource dataSource) {
			super(dataSource);
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			doRollback(status);
			throw new org.springframework.transaction.TransactionSystemException("node killed before commit");
		}
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.EPOCH;

		void today(LocalDate day) {
			now = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return now;
		}
	}
}
