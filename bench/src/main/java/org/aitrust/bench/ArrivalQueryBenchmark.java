package org.aitrust.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.interceptor.store.ModuleSchema;
import org.aitrust.interceptor.store.ModuleTables;
import org.aitrust.interceptor.store.OversightReader;
import org.aitrust.interceptor.store.PatientStrata;
import org.aitrust.interceptor.store.QualityEvent;
import org.aitrust.interceptor.store.QualityEventWriter;
import org.aitrust.interceptor.store.QualityQuery;
import org.aitrust.interceptor.store.QualityReportReader;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What reading the arrival table costs on H2, where it has no secondary index: fills an in-memory H2 database with
 * {@code bench.arrivals} arrival rows (default 1,000,000) spread evenly over a year, a tenth of them AI writes of one
 * model, then times the queries behind {@code $data-quality} (all checks' totals, the arrival lags) and
 * {@code $ai-oversight} (one model's counts) over the last 30 days and over the whole year, median of five of each.
 * Then it adds the two indexes that versions before 2026-12-07 kept, one entry per arrival each, and times the same
 * queries again: the read side of the trade the write side gained from. Prints figures and asserts nothing. Run (see
 * the README): {@code mvn -B -q package -pl bench -am -DskipTests -Pbench
 * -Dbench.main=org.aitrust.bench.ArrivalQueryBenchmark}.
 */
public final class ArrivalQueryBenchmark {

	private static final String MODEL = "Scribe|1";
	private static final LocalDate LAST_DAY = LocalDate.parse("2026-11-30");
	private static final int DAYS = 365;

	private ArrivalQueryBenchmark() {}

	public static void main(String[] args) throws Exception {
		BenchReport.quietLogging();
		int arrivals = Integer.getInteger("bench.arrivals", 1_000_000);
		BenchReport report = new BenchReport("arrival-queries", String.format(
				"Queries of the data-quality and oversight operations over %,d arrival rows in %d days, in-memory H2",
				arrivals, DAYS));
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:arrival-queries;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=128");
		new ModuleSchema(dataSource).migrate();
		QualityReportReader store = new QualityReportReader(dataSource);
		OversightReader oversight = new OversightReader(dataSource, List.of("plausibility-future-date"));
		long filling = System.nanoTime();
		fill(new QualityEventWriter(dataSource), arrivals);
		System.out.printf("filled %,d rows in %.1f s%n", arrivals, (System.nanoTime() - filling) / 1e9);

		Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
		for (int days : new int[] {30, DAYS}) {
			LocalDate start = LAST_DAY.minusDays(days - 1);
			QualityQuery query = new QualityQuery(start, LAST_DAY, null, null, null);
			queries.put("$data-quality totals, " + days + " days", () -> store.totals(query));
			queries.put("$data-quality lags by source, " + days + " days", () -> store.lags(query));
			queries.put("$ai-oversight counts of a model, " + days + " days", () -> oversight.counts(MODEL, start, LAST_DAY));
		}
		BenchReport.Table table = report.table("Median of five runs of each query, ms",
				BenchReport.Column.text("query"), new BenchReport.Column("no index (H2 now)", "%.1f"),
				new BenchReport.Column("two indexes (before 2026-12-07)", "%.1f"));
		Map<String, Double> unindexed = time(queries);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("CREATE INDEX IDX_AITRUST_QA_DAY ON " + ModuleTables.ARRIVAL + " (EVENT_DAY)");
		jdbc.execute("CREATE INDEX IDX_AITRUST_QA_MODEL ON " + ModuleTables.ARRIVAL + " (AI_MODEL, EVENT_DAY)");
		Map<String, Double> indexed = time(queries);
		queries.keySet().forEach(name -> table.row(name, unindexed.get(name), indexed.get(name)));
		table.note("A write pays for an index on every arrival; a query pays for its absence a few times a day.").print();
		report.write();
	}

	/** Rows in day order, as a server inserts them, in batches of a thousand. */
	private static void fill(QualityEventWriter store, int arrivals) {
		String[] sources = {"lab", "ehr", "device", "scribe"};
		List<QualityEvent> batch = new ArrayList<>();
		for (int i = 0; i < arrivals; i++) {
			LocalDate day = LAST_DAY.minusDays(DAYS - 1 - (long) i * DAYS / arrivals);
			boolean ai = i % 10 == 0;
			Instant at = day.atTime(10, 0).toInstant(ZoneOffset.UTC);
			batch.add(new QualityEvent(day, at, sources[i % sources.length], "Observation", "none", i % 50 != 0, ai, ai,
					(long) (i % 3600), Map.of("plausibility-future-date", i % 97 == 0 ? CheckOutcome.FAIL : CheckOutcome.PASS),
					Map.of(), ai ? MODEL : null, ai ? PatientStrata.NONE : null));
			if (batch.size() == 1_000) {
				store.record(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			store.record(batch);
		}
	}

	private static Map<String, Double> time(Map<String, Supplier<Object>> queries) {
		Map<String, Double> medians = new LinkedHashMap<>();
		queries.forEach((name, query) -> {
			query.get();
			double[] ms = new double[5];
			for (int run = 0; run < ms.length; run++) {
				long started = System.nanoTime();
				query.get();
				ms[run] = (System.nanoTime() - started) / 1e6;
			}
			Arrays.sort(ms);
			medians.put(name, ms[ms.length / 2]);
		});
		return medians;
	}
}
