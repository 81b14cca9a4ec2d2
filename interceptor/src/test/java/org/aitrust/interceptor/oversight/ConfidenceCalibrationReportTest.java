package org.aitrust.interceptor.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.aitrust.interceptor.store.ModuleSchema;
import org.aitrust.interceptor.store.OversightReader;
import org.aitrust.interceptor.store.PatientStrata;
import org.aitrust.interceptor.store.QualityEvent;
import org.aitrust.interceptor.store.QualityEventWriter;
import org.aitrust.interceptor.store.QualityReview;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The confidence distribution and calibration of {@code $ai-oversight} over the real store (in-memory H2): figures of
 * a fixture computed by hand, and drift of calibration and of the distribution under the rules of every other rate.
 */
class ConfidenceCalibrationReportTest {

	/** A Monday, so a one-week report covers exactly the days written. */
	private static final LocalDate MONDAY = LocalDate.parse("2026-03-02");
	private static final String MODEL = "Scribe|1";
	private static final PatientStrata ADULT = new PatientStrata("18-44", "female", "unknown", "unknown");

	private QualityEventWriter store;
	private OversightReportBuilder reports;

	@BeforeEach
	void emptyDatabase() {
		DataSource dataSource = new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", true);
		new ModuleSchema(dataSource).migrate();
		store = new QualityEventWriter(dataSource);
		reports = new OversightReportBuilder(new OversightReader(dataSource, List.of("conformance-validation-errors")),
				new OversightWindows(28, Map.of()), new DriftPolicy(0.01, 0.05), new SmallCellSuppression(11),
				Clock.fixed(Instant.parse("2026-03-09T00:00:00Z"), ZoneOffset.UTC));
	}

	@Test
	void binsMeansAndExpectedCalibrationErrorEqualTheHandComputedFixture() {
		// bin 0.9-1.0: 0.95 verified, 0.95 verified, 0.90 verified, 1.00 corrected (1.0 and 0.9 are in this bin)
		reviewed("0.95", "verified");
		reviewed("0.95", "verified");
		reviewed("0.90", "verified");
		reviewed("1.00", "corrected");
		// bin 0.7-0.8: 0.70 and 0.74, both verified (0.70 is in this bin, not the one below)
		reviewed("0.70", "verified");
		reviewed("0.74", "verified");
		// bin 0.2-0.3: 0.20 rejected, 0.25 corrected
		reviewed("0.20", "rejected");
		reviewed("0.25", "corrected");
		// stated but never reviewed: in the distribution only; stating nothing: in neither
		written("0.5");
		written(null);

		MeasureReport report = reports.build(MODEL, MONDAY, MONDAY.plusDays(6));

		// distribution: 9 writes stated a confidence; sum 3.80 + 1.44 + 0.5 + 0.45 = 6.19, mean 6.19 / 9 = 0.687777…
		MeasureReport.MeasureReportGroupComponent distribution = group(report, "confidence");
		assertThat(distribution.getPopulationFirstRep().getCount()).isEqualTo(9);
		assertThat(figure(distribution, ConfidenceReportGroups.EXTENSION_MEAN_CONFIDENCE)).isEqualByComparingTo("0.687778");
		assertThat(bins(distribution)).containsExactly(
				"0.0-0.1: 0", "0.1-0.2: 0", "0.2-0.3: 2", "0.3-0.4: 0", "0.4-0.5: 0",
				"0.5-0.6: 1", "0.6-0.7: 0", "0.7-0.8: 2", "0.8-0.9: 0", "0.9-1.0: 4");
		assertThat(distribution.getStratifierFirstRep().getStratum().get(9).getMeasureScore().getValue())
				.as("4 of 9 writes, in percent").isEqualByComparingTo("44.4444");

		// calibration: 8 reviewed, 5 verified. Bins (n, mean confidence, accuracy): 0.9-1.0 (4, 0.95, 0.75),
		// 0.7-0.8 (2, 0.72, 1), 0.2-0.3 (2, 0.225, 0).
		// ECE = 4/8 |0.75 - 0.95| + 2/8 |1 - 0.72| + 2/8 |0 - 0.225| = 0.1 + 0.07 + 0.05625 = 0.22625
		MeasureReport.MeasureReportGroupComponent calibration = group(report, "calibration");
		assertThat(count(calibration.getPopulation(), "denominator")).isEqualTo(8);
		assertThat(count(calibration.getPopulation(), "numerator")).isEqualTo(5);
		assertThat(calibration.getMeasureScore().getValue()).isEqualByComparingTo("62.5");
		assertThat(figure(calibration, ConfidenceReportGroups.EXTENSION_ECE)).isEqualByComparingTo("0.22625");
		assertThat(figure(calibration, ConfidenceReportGroups.EXTENSION_MEAN_CONFIDENCE))
				.as("5.69 / 8").isEqualByComparingTo("0.71125");
		assertThat(reliability(calibration)).containsExactly(
				"0.0-0.1: 0/0", "0.1-0.2: 0/0", "0.2-0.3: 0/2 conf 0.225000 acc 0.0000",
				"0.3-0.4: 0/0", "0.4-0.5: 0/0", "0.5-0.6: 0/0", "0.6-0.7: 0/0",
				"0.7-0.8: 2/2 conf 0.720000 acc 100.0000", "0.8-0.9: 0/0", "0.9-1.0: 3/4 conf 0.950000 acc 75.0000");
		// nothing in the four weeks before: no baseline to drift from
		assertThat(status(calibration)).isEqualTo("no-baseline");
		assertThat(status(distribution)).isEqualTo("no-baseline");
		assertThat(calibration.getExtensionByUrl(ConfidenceReportGroups.EXTENSION_BASELINE_ECE)).isNull();
	}

	@Test
	void theExistingGroupsAreUnchangedAndTheConfidenceGroupsComeLast() {
		reviewed("0.9", "verified");
		List<String> groups = reports.build(MODEL, MONDAY, MONDAY.plusDays(6)).getGroup().stream()
				.map(g -> g.getCode().getCodingFirstRep().getCode()).toList();
		assertThat(groups).containsExactly("writes", "validation-failing", "reviewed", "review-verified",
				"review-corrected", "review-rejected", "review-lag", "confidence", "calibration");
	}

	@Test
	void aModelGrowingOverconfidentIsFlaggedAndASteadyOneIsNot() {
		Random random = new Random(5);
		// four baseline weeks, then one recent week: 30 reviewed writes a day at confidence 0.9–0.99
		for (int day = -28; day < 7; day++) {
			LocalDate date = MONDAY.plusDays(day);
			double accuracy = day < 0 ? 0.93 : 0.70;
			for (int i = 0; i < 30; i++) {
				String confidence = "0.9" + random.nextInt(10);
				reviewed(date, "Drifting|1", confidence, random.nextDouble() < accuracy ? "verified" : "corrected");
				reviewed(date, "Steady|1", confidence, random.nextDouble() < 0.93 ? "verified" : "corrected");
			}
		}

		MeasureReport drifting = reports.build("Drifting|1", MONDAY, MONDAY.plusDays(6));
		MeasureReport steady = reports.build("Steady|1", MONDAY, MONDAY.plusDays(6));

		assertThat(status(group(drifting, "calibration"))).isEqualTo("drifted");
		assertThat(group(drifting, "calibration").getStratifierFirstRep().getStratum().get(9)
				.getExtensionByUrl(OversightReportBuilder.EXTENSION_STATUS).getValue().primitiveValue())
				.isEqualTo("drifted");
		assertThat(figure(group(drifting, "calibration"), ConfidenceReportGroups.EXTENSION_ECE))
				.as("recent ECE above the baseline's")
				.isGreaterThan(figure(group(drifting, "calibration"), ConfidenceReportGroups.EXTENSION_BASELINE_ECE));
		assertThat(status(group(steady, "calibration"))).isEqualTo("stable");
		// the stated confidence itself did not move for either
		assertThat(status(group(drifting, "confidence"))).isEqualTo("stable");
		assertThat(status(group(steady, "confidence"))).isEqualTo("stable");
	}

	@Test
	void aShiftOfTheStatedConfidenceIsDriftOfTheDistribution() {
		Random random = new Random(9);
		for (int day = -28; day < 7; day++) {
			LocalDate date = MONDAY.plusDays(day);
			for (int i = 0; i < 20; i++) {
				// the baseline states 0.8x; the recent week half 0.8x and half 0.6x
				boolean lower = day >= 0 && i % 2 == 0;
				written(date, MODEL, (lower ? "0.6" : "0.8") + random.nextInt(10));
			}
		}

		MeasureReport.MeasureReportGroupComponent distribution = group(reports.build(MODEL, MONDAY, MONDAY.plusDays(6)),
				"confidence");

		assertThat(status(distribution)).isEqualTo("drifted");
		assertThat(distribution.getStratifierFirstRep().getStratum().stream()
				.filter(s -> "drifted".equals(s.getExtensionByUrl(OversightReportBuilder.EXTENSION_STATUS).getValue()
						.primitiveValue()))
				.map(s -> s.getValue().getText())).containsExactly("0.6-0.7", "0.8-0.9");
		assertThat(status(group(reports.build(MODEL, MONDAY, MONDAY.plusDays(6)), "calibration")))
				.as("nothing reviewed").isEqualTo("no-baseline");
	}

	@Test
	void bonferroniDividesTheSignificanceAmongTheBinsTested() {
		DriftPolicy policy = new DriftPolicy(0.01, 0.05);
		assertThat(policy.forEachOf(4).significance()).isEqualTo(0.0025);
		assertThat(policy.forEachOf(4).minimumEffect()).isEqualTo(0.05);
		assertThat(policy.forEachOf(1)).isSameAs(policy);
		assertThat(policy.forEachOf(0)).isSameAs(policy);
	}

	// ---- fixture -------------------------------------------------------------------------------------------

	private void reviewed(String confidence, String outcome) {
		reviewed(MONDAY, MODEL, confidence, outcome);
	}

	private void reviewed(LocalDate day, String model, String confidence, String outcome) {
		written(day, model, confidence);
		store.record(new QualityReview(day, day, "scribe", "Observation", "none", 60, outcome, model, ADULT,
				new BigDecimal(confidence)));
	}

	private void written(String confidence) {
		written(MONDAY, MODEL, confidence);
	}

	private void written(LocalDate day, String model, String confidence) {
		store.record(List.of(new QualityEvent(day, day.atStartOfDay(ZoneOffset.UTC).toInstant(), "scribe",
				"Observation", "none", true, true, true, 60L, Map.of(), Map.of(), model, ADULT,
				confidence == null ? null : new BigDecimal(confidence))));
	}

	private static MeasureReport.MeasureReportGroupComponent group(MeasureReport report, String id) {
		return report.getGroup().stream().filter(g -> id.equals(g.getCode().getCodingFirstRep().getCode())).findFirst()
				.orElseThrow();
	}

	private static String status(MeasureReport.MeasureReportGroupComponent group) {
		return group.getExtensionByUrl(OversightReportBuilder.EXTENSION_STATUS).getValue().primitiveValue();
	}

	private static BigDecimal figure(org.hl7.fhir.r4.model.Element element, String url) {
		Extension extension = element.getExtensionByUrl(url);
		return new BigDecimal(extension.getValue().primitiveValue());
	}

	private static int count(List<MeasureReport.MeasureReportGroupPopulationComponent> populations, String code) {
		return populations.stream().filter(p -> code.equals(p.getCode().getCodingFirstRep().getCode())).findFirst()
				.orElseThrow().getCount();
	}

	private static List<String> bins(MeasureReport.MeasureReportGroupComponent group) {
		assertThat(group.getStratifierFirstRep().getCodeFirstRep().getCodingFirstRep().getCode())
				.isEqualTo("confidence-bin");
		return group.getStratifierFirstRep().getStratum().stream()
				.map(s -> s.getValue().getText() + ": " + s.getPopulationFirstRep().getCount()).toList();
	}

	/** Each bin as "label: verified/reviewed", with its mean confidence and accuracy (%) when it has reviews. */
	private static List<String> reliability(MeasureReport.MeasureReportGroupComponent group) {
		List<String> bins = new ArrayList<>();
		for (MeasureReport.StratifierGroupComponent stratum : group.getStratifierFirstRep().getStratum()) {
			int reviewed = stratum.getPopulation().stream()
					.filter(p -> "denominator".equals(p.getCode().getCodingFirstRep().getCode())).findFirst()
					.orElseThrow().getCount();
			int verified = stratum.getPopulation().stream()
					.filter(p -> "numerator".equals(p.getCode().getCodingFirstRep().getCode())).findFirst()
					.orElseThrow().getCount();
			String bin = stratum.getValue().getText() + ": " + verified + "/" + reviewed;
			if (reviewed > 0) {
				bin += " conf " + stratum.getExtensionByUrl(ConfidenceReportGroups.EXTENSION_MEAN_CONFIDENCE).getValue()
						.primitiveValue() + " acc " + stratum.getMeasureScore().getValue().toPlainString();
			}
			bins.add(bin);
		}
		return bins;
	}
}
