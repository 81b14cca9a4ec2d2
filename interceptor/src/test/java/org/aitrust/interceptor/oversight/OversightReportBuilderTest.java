package org.aitrust.interceptor.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.interceptor.store.ModuleSchema;
import org.aitrust.interceptor.store.OversightReader;
import org.aitrust.interceptor.store.PatientStrata;
import org.aitrust.interceptor.store.QualityEvent;
import org.aitrust.interceptor.store.QualityEventWriter;
import org.aitrust.interceptor.store.QualityReview;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Oversight over the real store (in-memory H2), with days written as the test chooses: the report's "today" is the
 * end date it is asked for, so a simulated model can be followed day by day.
 */
class OversightReportBuilderTest {

	private static final LocalDate DAY_ONE = LocalDate.parse("2026-01-01");
	private static final String MODEL = "Scribe|1";
	private static final PatientStrata ADULT = new PatientStrata("18-44", "female", "unknown", "unknown");

	private QualityEventWriter store;
	private OversightReader oversightStore;
	private OversightReportBuilder reports;

	@BeforeEach
	void emptyDatabase() {
		DataSource dataSource = new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", true);
		new ModuleSchema(dataSource).migrate();
		store = new QualityEventWriter(dataSource);
		oversightStore = new OversightReader(dataSource, List.of("conformance-validation-errors", "plausibility-future-date"));
		reports = new OversightReportBuilder(oversightStore,
				new OversightWindows(28, Map.of()), new DriftPolicy(0.01, 0.05), new SmallCellSuppression(11),
				Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));
	}

	@Test
	void aCorrectedShareRisingFromFiveToTwentyPercentOnDayThirtyIsFlaggedWithinTheWeekAfterAndNotBefore() {
		Random random = new Random(7);
		for (int day = 1; day <= 45; day++) {
			writeDay(MODEL, day, 40, day < 30 ? 0.05 : 0.20, random);
		}

		// each day, as $ai-oversight answers with no dates: its clock's today ends the 7-day window
		List<Integer> flagged = new ArrayList<>();
		for (int day = 8; day <= 45; day++) {
			Clock today = Clock.fixed(DAY_ONE.plusDays(day - 1L).atTime(18, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
			Bundle answer = new AiOversightProvider(oversightStore, reports, 7, 400, today).aiOversight(
					new StringType(MODEL), null, null, null);
			if ("drifted".equals(status((MeasureReport) answer.getEntryFirstRep().getResource(), "review-corrected"))) {
				flagged.add(day);
			}
		}

		assertThat(flagged).as("days whose 7-day window was flagged").isNotEmpty().allMatch(day -> day >= 30);
		assertThat(flagged.get(0)).as("first flagged day").isLessThanOrEqualTo(36);
		MeasureReport evidence = report(MODEL, flagged.get(0));
		MeasureReport.MeasureReportGroupComponent corrected = group(evidence, "review-corrected");
		// the 28 days before the window, of which only those from day 1 have writes
		int baselineDays = Math.min(28, flagged.get(0) - 7);
		assertThat(integer(corrected, OversightReportBuilder.EXTENSION_BASELINE_DENOMINATOR)).isEqualTo(baselineDays * 40);
		assertThat(decimal(corrected, OversightReportBuilder.EXTENSION_P_VALUE)).isLessThan(0.01);
	}

	@Test
	void aSteadyRateWithOrdinaryNoiseIsNeverFlagged() {
		Random random = new Random(11);
		for (int day = 1; day <= 60; day++) {
			writeDay(MODEL, day, 40, 0.05, random);
		}

		for (int day = 36; day <= 60; day++) {
			assertThat(status(report(MODEL, day), "review-corrected")).as("day " + day).isEqualTo("stable");
		}
	}

	@Test
	void aNewModelVersionHasItsOwnBaseline() {
		Random random = new Random(3);
		for (int day = 1; day <= 40; day++) {
			writeDay(MODEL, day, 40, 0.05, random);
		}
		for (int day = 38; day <= 40; day++) {
			writeDay("Scribe|2", day, 40, 0.30, random);
		}

		assertThat(status(report("Scribe|2", 40), "review-corrected")).isEqualTo("no-baseline");
		assertThat(status(report(MODEL, 40), "review-corrected")).isEqualTo("stable");
		assertThat(group(report("Scribe|2", 40), "writes").getPopulationFirstRep().getCount()).isEqualTo(120);
	}

	@Test
	void strataAreCountedExactlyAndSmallCellsAreMaskedWithTheirComplement() {
		// by age band, in the recent window: 18-44 has 30 reviews (12 rejected), 65+ has 25 (3 rejected), 0-17 has 5
		// (1 rejected); hand-computed: 0-17's 5 reviews and 65+'s 3 rejections are below 11; a lone masked count
		// could be recovered from the total, so the smallest other count is masked with it
		LocalDate day = DAY_ONE.plusDays(40);
		review(day, new PatientStrata("18-44", "female", "unknown", "unknown"), 30, 12);
		review(day, new PatientStrata("65+", "male", "unknown", "unknown"), 25, 3);
		review(day, new PatientStrata("0-17", "female", "unknown", "unknown"), 5, 1);

		MeasureReport report = reports.build(MODEL, day.minusDays(6), day);
		MeasureReport.MeasureReportGroupStratifierComponent byAge = stratifier(group(report, "review-rejected"), "age-band");

		assertThat(group(report, "review-rejected").getPopulation()).extracting(p -> p.getCount()).containsExactly(60, 16);
		assertThat(cells(byAge)).containsExactly(
				"0-17: masked/masked", "18-44: 30/12", "65+: masked/masked");
		// by gender: male's 3 rejections are masked, and female's 13 with them, or 16 - 13 would give them away
		assertThat(cells(stratifier(group(report, "review-rejected"), "gender")))
				.containsExactly("female: 35/masked", "male: 25/masked");
		assertThat(cells(stratifier(group(report, "review-corrected"), "race"))).containsExactly("unknown: 60/0");
	}

	// ---- simulation --------------------------------------------------------------------------------------

	/** One day of a model: {@code writes} stored AI writes, each reviewed, a binomial share of them corrected. */
	private void writeDay(String model, int day, int writes, double correctedShare, Random random) {
		LocalDate date = DAY_ONE.plusDays(day - 1L);
		List<QualityEvent> events = new ArrayList<>();
		for (int i = 0; i < writes; i++) {
			events.add(aiWrite(model, date, ADULT));
		}
		store.record(events);
		for (int i = 0; i < writes; i++) {
			String outcome = random.nextDouble() < correctedShare ? "corrected" : "verified";
			store.record(new QualityReview(date, date, "scribe", "Observation", "none", 3_600, outcome, model, ADULT));
		}
	}

	private void review(LocalDate day, PatientStrata strata, int reviews, int rejected) {
		for (int i = 0; i < reviews; i++) {
			store.record(List.of(aiWrite(MODEL, day, strata)));
			store.record(new QualityReview(day, day, "scribe", "Observation", "none", 60, i < rejected ? "rejected" : "verified",
					MODEL, strata));
		}
	}

	private static QualityEvent aiWrite(String model, LocalDate day, PatientStrata strata) {
		Map<String, CheckOutcome> outcomes = new LinkedHashMap<>();
		outcomes.put("plausibility-future-date", CheckOutcome.PASS);
		return new QualityEvent(day, day.atStartOfDay(ZoneOffset.UTC).toInstant(), "scribe", "Observation", "none", true,
				true, true, 60L, outcomes, Map.of(), model, strata);
	}

	private MeasureReport report(String model, int day) {
		LocalDate end = DAY_ONE.plusDays(day - 1L);
		return reports.build(model, end.minusDays(6), end);
	}

	private static MeasureReport.MeasureReportGroupComponent group(MeasureReport report, String id) {
		return report.getGroup().stream().filter(g -> id.equals(g.getCode().getCodingFirstRep().getCode())).findFirst()
				.orElseThrow();
	}

	private static String status(MeasureReport report, String id) {
		return group(report, id).getExtensionByUrl(OversightReportBuilder.EXTENSION_STATUS).getValue().primitiveValue();
	}

	private static int integer(MeasureReport.MeasureReportGroupComponent group, String url) {
		return Integer.parseInt(group.getExtensionByUrl(url).getValue().primitiveValue());
	}

	private static double decimal(MeasureReport.MeasureReportGroupComponent group, String url) {
		return Double.parseDouble(group.getExtensionByUrl(url).getValue().primitiveValue());
	}

	private static MeasureReport.MeasureReportGroupStratifierComponent stratifier(
			MeasureReport.MeasureReportGroupComponent group, String dimension) {
		return group.getStratifier().stream()
				.filter(s -> dimension.equals(s.getCodeFirstRep().getCodingFirstRep().getCode())).findFirst().orElseThrow();
	}

	/** Each stratum as "value: denominator/numerator", a masked count as "masked". */
	private static List<String> cells(MeasureReport.MeasureReportGroupStratifierComponent stratifier) {
		return stratifier.getStratum().stream().map(stratum -> stratum.getValue().getText() + ": "
				+ shown(stratum, "denominator") + "/" + shown(stratum, "numerator")).toList();
	}

	private static String shown(MeasureReport.StratifierGroupComponent stratum, String population) {
		MeasureReport.StratifierGroupPopulationComponent found = stratum.getPopulation().stream()
				.filter(p -> population.equals(p.getCode().getCodingFirstRep().getCode())).findFirst().orElseThrow();
		Extension masked = found.getCountElement().getExtensionByUrl(OversightReportBuilder.DATA_ABSENT_REASON);
		if (masked != null) {
			assertThat(found.getCountElement().getValue()).as("a masked count has no value").isNull();
			return "masked";
		}
		return String.valueOf(found.getCount());
	}
}
