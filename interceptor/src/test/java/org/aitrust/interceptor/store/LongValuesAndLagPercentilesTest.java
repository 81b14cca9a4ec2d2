package org.aitrust.interceptor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.interceptor.report.MeasureReportParts;
import org.aitrust.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Rows with values longer than their columns, and the lag percentiles the database computes, on the engine of the
 * run: H2 by default, PostgreSQL with {@code -Daitrust.it.db=postgres}.
 */
class LongValuesAndLagPercentilesTest {

	private static final LocalDate DAY = LocalDate.parse("2026-11-20");
	private static final QualityQuery THE_DAY = new QualityQuery(DAY, DAY, null, null, null);

	private QualityEventWriter writer;
	private QualityReportReader store;
	private JdbcTemplate jdbc;

	@BeforeEach
	void emptyDatabase() {
		Map<String, Object> properties = TestDatabase.current().prepare(TestDatabase.nameFor("long_values_lags"));
		DriverManagerDataSource dataSource = new DriverManagerDataSource((String) properties.get("spring.datasource.url"),
				(String) properties.get("spring.datasource.username"), (String) properties.get("spring.datasource.password"));
		new ModuleSchema(dataSource).migrate();
		jdbc = new JdbcTemplate(dataSource);
		jdbc.update("DELETE FROM " + ModuleTables.ARRIVAL);
		jdbc.update("DELETE FROM " + ModuleTables.OUTCOME);
		jdbc.update("DELETE FROM " + ModuleTables.BREAKDOWN);
		jdbc.update("DELETE FROM " + ModuleTables.REVIEW);
		writer = new QualityEventWriter(dataSource);
		store = new QualityReportReader(dataSource);
	}

	@Test
	void valuesLongerThanTheirColumnsAreStoredAndFoundByTheOriginalValue() {
		String client = "https://idp.example.org/clients/" + "c".repeat(300);
		String profile = "https://profiles.example.org/StructureDefinition/" + "p".repeat(300);
		String model = "Scribe " + "m".repeat(300) + "|1";
		String measure = "completeness-must-support:Observation." + "e".repeat(300);
		String item = "error|invariant|" + "i".repeat(300);

		writer.record(List.of(new QualityEvent(DAY, Instant.parse("2026-11-20T10:00:00Z"), client, "Observation", profile,
				true, true, true, 60L, new LinkedHashMap<>(Map.of(measure, CheckOutcome.FAIL)),
				Map.of(Breakdown.VALIDATION_ISSUE, Map.of(item, 2)), model, PatientStrata.NONE)));
		writer.record(new QualityReview(DAY, DAY, client, "Observation", profile, 30, "verified", model,
				PatientStrata.NONE));

		QualityQuery byClient = new QualityQuery(DAY, DAY, client, null, profile);
		Map<String, CheckTotals> totals = store.totals(byClient);
		assertThat(totals.get("received").numerator()).isEqualTo(1);
		assertThat(totals.get("ai-reviewed").numerator()).isEqualTo(1);
		assertThat(totals.get(StoredText.fit(measure, ModuleTables.MEASURE_WIDTH))).isEqualTo(
				new CheckTotals(StoredText.fit(measure, ModuleTables.MEASURE_WIDTH), 1, 1));
		assertThat(store.breakdowns(byClient).get(Breakdown.VALIDATION_ISSUE))
				.containsEntry(StoredText.fit(item, ModuleTables.ITEM_WIDTH), 2L);
		assertThat(store.receivedBy("SOURCE", THE_DAY)).containsOnlyKeys(StoredText.fit(client, ModuleTables.SOURCE_WIDTH));
		assertThat(jdbc.queryForObject("SELECT AI_MODEL FROM " + ModuleTables.ARRIVAL, String.class))
				.isEqualTo(StoredText.fit(model, ModuleTables.AI_MODEL_WIDTH));
	}

	@Test
	void lagPercentilesFromTheDatabaseAreTheNearestRankOnes() {
		Random random = new Random(23);
		Map<String, List<Long>> lags = new LinkedHashMap<>();
		List<QualityEvent> events = new ArrayList<>();
		for (String source : List.of("lab", "ehr", "scribe")) {
			int arrivals = 1 + random.nextInt(60);
			for (int i = 0; i < arrivals; i++) {
				long lag = random.nextInt(100_000);
				lags.computeIfAbsent(source, s -> new ArrayList<>()).add(lag);
				events.add(event(source, lag));
			}
		}
		events.add(event("lab", null));
		writer.record(events);

		ArrivalLags computed = store.lags(THE_DAY);

		List<Long> all = new ArrayList<>();
		lags.forEach((source, values) -> {
			List<Long> sorted = values.stream().sorted().toList();
			all.addAll(sorted);
			assertThat(computed.bySource().get(source)).as(source).isEqualTo(new ArrivalLags.Percentiles(sorted.size(),
					MeasureReportParts.percentile(sorted, 50), MeasureReportParts.percentile(sorted, 95)));
		});
		List<Long> sorted = all.stream().sorted().toList();
		assertThat(computed.all()).isEqualTo(new ArrivalLags.Percentiles(sorted.size(),
				MeasureReportParts.percentile(sorted, 50), MeasureReportParts.percentile(sorted, 95)));
		assertThat(computed.bySource().keySet()).containsExactly("ehr", "lab", "scribe");
		assertThat(store.lags(new QualityQuery(DAY.plusDays(1), DAY.plusDays(1), null, null, null)).all().count()).isZero();
	}

	private static QualityEvent event(String source, Long lag) {
		return new QualityEvent(DAY, Instant.parse("2026-11-20T10:00:00Z"), source, "Observation", "none", true, false,
				false, lag, new LinkedHashMap<>(), Map.of(), null, null);
	}
}
