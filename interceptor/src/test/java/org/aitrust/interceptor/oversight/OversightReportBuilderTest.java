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
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Period;
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
		// the window is widened to the Monday of its first day; the baseline is the 4 weeks before that Monday, of
		// which only the days from day 1 have writes
		LocalDate monday = DAY_ONE.plusDays(flagged.get(0) - 7L)
				.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
		LocalDate baselineStart = monday.minusWeeks(4).isBefore(DAY_ONE) ? DAY_ONE : monday.minusWeeks(4);
		long baselineDays = java.time.temporal.ChronoUnit.DAYS.between(baselineStart, monday);
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
	void strataAreCountedByPatientsPerWeekAndMaskedCellsAddUpToTheThreshold() {
		// one week, by age band: 18-44 has 30 patients (12 rejected), 65+ 25 patients (3 rejected), 0-17 5 patients
		// (1 rejected), and 45-64 one patient reviewed 11 times. Hand-computed: 0-17 (5) and 45-64 (1 patient, though
		// 11 reviews) are below 11 and add up to 6 only, so 65+ is masked with them; their rejections (1 + 0 + 3) add
		// up to 4, so 18-44's 12 are masked too
		LocalDate day = DAY_ONE.plusDays(40);
		review(day, "18-44", "female", 30, 30, 12);
		review(day, "65+", "male", 25, 25, 3);
		review(day, "0-17", "female", 5, 5, 1);
		review(day, "45-64", "male", 11, 1, 0);

		MeasureReport report = reports.build(MODEL, day, day);
		MeasureReport.MeasureReportGroupComponent rejected = group(report, "review-rejected");

		assertThat(report.getPeriod().getStartElement().getValueAsString()).as("widened to the ISO week")
				.startsWith("2026-02-09");
		assertThat(rejected.getPopulation()).extracting(p -> p.getCount()).containsExactly(71, 16);
		MeasureReport.MeasureReportGroupStratifierComponent byAge = stratifier(rejected, "age-band");
		assertThat(((Period) byAge.getExtensionByUrl(OversightReportBuilder.EXTENSION_WINDOW).getValue())
				.getStartElement().getValueAsString()).startsWith("2026-02-09");
		assertThat(cells(byAge)).containsExactly(
				"0-17: masked/masked", "18-44: 30/masked", "45-64: masked/masked", "65+: masked/masked");
		assertThat(patients(byAge)).containsExactly("masked", "30", "masked", "masked");
		// by gender: male's 3 rejections are masked, and female's 13 with them, or 16 - 13 would give them away
		assertThat(cells(stratifier(rejected, "gender"))).containsExactly("female: 35/masked", "male: 36/masked");
		assertThat(patients(stratifier(rejected, "gender"))).containsExactly("35", "26");
		assertThat(cells(stratifier(group(report, "review-corrected"), "race"))).containsExactly("unknown: 71/0");
	}

	@Test
	void aWeekWithFewerPatientsThanTheThresholdListsNoStrataAtAll() {
		LocalDate day = DAY_ONE.plusDays(40);
		review(day, "65+", "male", 11, 1, 4);

		MeasureReport.MeasureReportGroupStratifierComponent byAge =
				stratifier(group(reports.build(MODEL, day, day), "review-rejected"), "age-band");

		assertThat(byAge.getStratum()).as("a lone masked 65+ would equal the model's own count").isEmpty();
		assertThat(byAge.getExtensionByUrl(OversightReportBuilder.EXTENSION_STATUS).getValue().primitiveValue())
				.isEqualTo("suppressed");
	}

	/**
	 * The differencing attack, played exhaustively over generated data: every pair of reports, for every fourth start
	 * day and every end day up to 15 days on over five weeks, and each model filter, and every way a reader could
	 * subtract what they show. Nothing subtracted may give a stratum count between 1 and the threshold: a cell a week shows is the same in every
	 * report (so two reports' cells differ by nothing), the sums of a stratum's cells of two nested reports differ by
	 * 0 or at least the threshold, and a week's total minus its shown cells leaves at least the threshold masked.
	 */
	@Test
	void noPairOfReportsRevealsAStratumCountBelowTheThresholdBySubtraction() {
		Random random = new Random(42);
		LocalDate first = LocalDate.parse("2026-01-05");
		String[] bands = {"0-17", "18-44", "45-64", "65+"};
		String[] models = {MODEL, "Scribe|2"};
		for (int day = 0; day < 35; day++) {
			for (String model : models) {
				// a few busy strata and a few sparse ones, some patients written about many times
				for (int i = 0; i < 6 + random.nextInt(6); i++) {
					String band = bands[random.nextInt(random.nextInt(10) < 7 ? 2 : 4)];
					String patient = "Patient/" + band + "-" + random.nextInt(band.equals("65+") ? 3 : 40);
					PatientStrata strata = new PatientStrata(band, random.nextBoolean() ? "female" : "male", "unknown",
							"unknown", PatientStrata.keyOf(patient));
					LocalDate date = first.plusDays(day);
					store.record(List.of(aiWrite(model, date, strata)));
					store.record(new QualityReview(date, date, "scribe", "Observation", "none", 60,
							random.nextInt(8) == 0 ? "rejected" : "verified", model, strata));
				}
			}
		}
		List<Published> published = new ArrayList<>();
		for (String model : models) {
			for (int start = 0; start < 35; start += 4) {
				for (int end = start; end < Math.min(35, start + 15); end++) {
					published.add(new Published(model, reports.build(model, first.plusDays(start), first.plusDays(end))));
				}
			}
		}
		long t = 11;

		Map<String, String> cellsSeen = new java.util.HashMap<>();
		for (Published report : published) {
			report.cells.forEach((cell, value) -> {
				String before = cellsSeen.putIfAbsent(report.model + " " + cell, String.valueOf(value));
				assertThat(String.valueOf(value)).as(cell + " in two reports").isEqualTo(before == null ? String.valueOf(value) : before);
			});
		}
		int pairs = 0;
		for (Published a : published) {
			for (Published b : published) {
				if (a == b || !a.model.equals(b.model) || !a.weeks.containsAll(b.weeks)) {
					continue;
				}
				pairs++;
				for (String stratum : a.strata()) {
					Long sumA = a.sum(stratum, a.weeks);
					Long sumB = b.sum(stratum, b.weeks);
					if (sumA != null && sumB != null) {
						long difference = sumA - sumB;
						assertThat(difference == 0 || difference >= t).as(stratum + ": " + a.weeks + " minus " + b.weeks
								+ " = " + difference).isTrue();
					}
				}
			}
		}
		assertThat(pairs).as("nested pairs of reports compared").isGreaterThan(500);
		int masked = 0;
		for (Published report : published) {
			if (report.weeks.size() != 1) {
				continue;
			}
			for (Map.Entry<String, Long> total : report.totals.entrySet()) {
				List<Long> shown = report.stratifierCells(total.getKey());
				// a stratifier of one stratum is the model's own count; one whose cells are all masked does not say
				// how its total is split
				if (shown.size() > 1 && shown.contains(null) && shown.stream().anyMatch(java.util.Objects::nonNull)) {
					masked++;
					long known = shown.stream().filter(java.util.Objects::nonNull).mapToLong(Long::longValue).sum();
					assertThat(total.getValue() - known).as(total.getKey() + ": total minus shown cells")
							.isGreaterThanOrEqualTo(t);
				}
			}
		}
		assertThat(masked).as("stratifiers with masked cells, so the generated data does exercise suppression")
				.isGreaterThan(10);
	}

	/** What one report shows a reader, as a reader would tabulate it. */
	private static final class Published {
		final String model;
		final List<String> weeks = new ArrayList<>();
		/** "group dimension week value population" to the count shown, {@code null} when masked */
		final Map<String, Long> cells = new LinkedHashMap<>();
		/** "group dimension week population" to the model's count that week, known from its group */
		final Map<String, Long> totals = new LinkedHashMap<>();

		Published(String model, MeasureReport report) {
			this.model = model;
			group(report, "writes").getStratifierFirstRep().getStratum().forEach(w -> weeks.add(w.getValue().getText()));
			for (String id : List.of("review-rejected", "review-corrected", "validation-failing")) {
				MeasureReport.MeasureReportGroupComponent group = group(report, id);
				for (MeasureReport.MeasureReportGroupStratifierComponent stratifier : group.getStratifier()) {
					String week = ((Period) stratifier.getExtensionByUrl(OversightReportBuilder.EXTENSION_WINDOW)
							.getValue()).getStartElement().getValueAsString().substring(0, 10);
					String dimension = stratifier.getCodeFirstRep().getCodingFirstRep().getCode();
					for (String population : List.of("denominator", "numerator")) {
						totals.put(id + " " + dimension + " " + week + " " + population, (long) group.getPopulation().stream()
								.filter(p -> population.equals(p.getCode().getCodingFirstRep().getCode())).findFirst()
								.orElseThrow().getCount());
						for (MeasureReport.StratifierGroupComponent stratum : stratifier.getStratum()) {
							String shown = shown(stratum, population);
							cells.put(id + " " + dimension + " " + week + " " + stratum.getValue().getText() + " "
									+ population, shown.equals("masked") ? null : Long.valueOf(shown));
						}
					}
				}
			}
		}

		/** "group dimension value population" of every cell shown or masked. */
		java.util.Set<String> strata() {
			java.util.Set<String> strata = new java.util.TreeSet<>();
			cells.keySet().forEach(cell -> {
				String[] parts = cell.split(" ");
				strata.add(parts[0] + " " + parts[1] + " " + parts[3] + " " + parts[4]);
			});
			return strata;
		}

		/** A stratum's count over the weeks, as a reader adds it up; {@code null} when a cell of it is masked. */
		Long sum(String stratum, List<String> over) {
			String[] parts = stratum.split(" ");
			long sum = 0;
			for (String week : over) {
				String cell = parts[0] + " " + parts[1] + " " + week + " " + parts[2] + " " + parts[3];
				if (cells.containsKey(cell) && cells.get(cell) == null) {
					return null;
				}
				sum += cells.getOrDefault(cell, 0L);
			}
			return sum;
		}

		/** The cells of one stratifier and week, masked ones as {@code null}. */
		List<Long> stratifierCells(String stratifierWeekPopulation) {
			String[] key = stratifierWeekPopulation.split(" ");
			List<Long> found = new ArrayList<>();
			cells.forEach((cell, value) -> {
				String[] parts = cell.split(" ");
				if (parts[0].equals(key[0]) && parts[1].equals(key[1]) && parts[2].equals(key[2])
						&& parts[4].equals(key[3])) {
					found.add(value);
				}
			});
			return found;
		}
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

	/** {@code reviews} reviewed writes about {@code patients} patients of one age band and gender. */
	private void review(LocalDate day, String ageBand, String gender, int reviews, int patients, int rejected) {
		for (int i = 0; i < reviews; i++) {
			PatientStrata strata = new PatientStrata(ageBand, gender, "unknown", "unknown",
					PatientStrata.keyOf("Patient/" + ageBand + "-" + gender + "-" + i % patients));
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

	/** Each stratum's distinct patients, a masked count as "masked". */
	private static List<String> patients(MeasureReport.MeasureReportGroupStratifierComponent stratifier) {
		return stratifier.getStratum().stream().map(stratum -> {
			IntegerType patients = (IntegerType) stratum.getExtensionByUrl(OversightReportBuilder.EXTENSION_PATIENTS)
					.getValue();
			return patients.hasExtension(OversightReportBuilder.DATA_ABSENT_REASON) ? "masked"
					: String.valueOf(patients.getValue());
		}).toList();
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
