package org.aitrust.interceptor.quality.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.aitrust.interceptor.oversight.DriftPolicy;
import org.aitrust.interceptor.store.DailyCheckCounts;
import org.junit.jupiter.api.Test;

/** The trend statistics over hand-made daily counts: windows, sums, the oversight test and its minimum effect. */
class QualityTrendsTest {

	private static final String UCUM = "conformance-non-ucum-quantity";
	private static final String FUTURE = "plausibility-future-date";
	private static final LocalDate TODAY = LocalDate.parse("2026-11-20");
	private static final TrendWindows WINDOWS = new TrendWindows(7, 28);
	private static final DriftPolicy POLICY = new DriftPolicy(0.01, 0.05);

	@Test
	void windowsAreTheRecentDaysEndingTodayAndTheBaselineJustBefore() {
		assertThat(WINDOWS.recentStart(TODAY)).isEqualTo("2026-11-14");
		assertThat(WINDOWS.baselineEnd(TODAY)).isEqualTo("2026-11-13");
		assertThat(WINDOWS.baselineStart(TODAY)).isEqualTo("2026-10-17");
		assertThatThrownBy(() -> new TrendWindows(0, 28)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new TrendWindows(7, 0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aRateRisingFromTwoToTenPercentIsWorseWithTheHandComputedTest() {
		List<DailyCheckCounts> counts = new ArrayList<>();
		// baseline: 4 of 200 (2 %) spread over four days; recent: 10 of 100 (10 %) over two
		counts.addAll(days("lab", "2026-10-20", 4, 50, 1));
		counts.addAll(days("lab", "2026-11-15", 2, 50, 5));
		QualityTrends trends = QualityTrends.of(TODAY, WINDOWS, POLICY, counts);

		CheckTrend lab = trends.bySource().get(UCUM).get("lab");
		assertThat(lab.status()).isEqualTo(TrendStatus.WORSE);
		assertThat(lab.comparison().recentNumerator()).isEqualTo(10);
		assertThat(lab.comparison().recentDenominator()).isEqualTo(100);
		assertThat(lab.comparison().baselineNumerator()).isEqualTo(4);
		assertThat(lab.comparison().baselineDenominator()).isEqualTo(200);
		// pooled 14/300; z = 0.08 / sqrt(p (1 - p) (1/100 + 1/200)) = 3.0968; two-sided p = 0.00196
		assertThat(lab.comparison().test().z()).isCloseTo(3.0968, within(1e-3));
		assertThat(lab.comparison().test().pValue()).isCloseTo(0.00196, within(1e-4));
		assertThat(trends.byCheck().get(UCUM).status()).isEqualTo(TrendStatus.WORSE);
	}

	@Test
	void aSteadyRateIsStableAndAFallingOneBetter() {
		List<DailyCheckCounts> counts = new ArrayList<>();
		counts.addAll(days("steady", "2026-10-20", 4, 50, 1));
		counts.addAll(days("steady", "2026-11-15", 2, 50, 1));
		counts.addAll(days("mended", "2026-10-20", 4, 50, 6));
		counts.addAll(days("mended", "2026-11-15", 2, 50, 1));
		QualityTrends trends = QualityTrends.of(TODAY, WINDOWS, POLICY, counts);

		assertThat(trends.bySource().get(UCUM).get("steady").status()).isEqualTo(TrendStatus.STABLE);
		assertThat(trends.bySource().get(UCUM).get("mended").status()).isEqualTo(TrendStatus.BETTER);
		assertThat(trends.sourcesByStatus(UCUM)).containsEntry(TrendStatus.STABLE, 1).containsEntry(TrendStatus.BETTER, 1)
				.containsEntry(TrendStatus.WORSE, 0).containsEntry(TrendStatus.NO_BASELINE, 0);
		assertThat(trends.sourcesByStatus(FUTURE)).containsOnlyKeys(TrendStatus.values()).doesNotContainValue(1);
	}

	@Test
	void withoutArrivalsInEitherWindowThereIsNoBaseline() {
		List<DailyCheckCounts> counts = new ArrayList<>();
		counts.addAll(days("new", "2026-11-18", 1, 50, 5));
		counts.addAll(days("silent", "2026-10-20", 1, 50, 5));
		QualityTrends trends = QualityTrends.of(TODAY, WINDOWS, POLICY, counts);

		assertThat(trends.bySource().get(UCUM).get("new").status()).isEqualTo(TrendStatus.NO_BASELINE);
		assertThat(trends.bySource().get(UCUM).get("silent").status()).isEqualTo(TrendStatus.NO_BASELINE);
		assertThat(trends.byCheck().get(UCUM).status()).isEqualTo(TrendStatus.STABLE);
	}

	@Test
	void tooFewArrivalsCannotReachSignificanceAndStayStable() {
		// 0 of 5, then 2 of 5: forty points, but p = 0.11
		List<DailyCheckCounts> counts = List.of(
				new DailyCheckCounts(LocalDate.parse("2026-10-20"), "small", UCUM, 5, 0),
				new DailyCheckCounts(LocalDate.parse("2026-11-19"), "small", UCUM, 5, 2));
		CheckTrend small = QualityTrends.of(TODAY, WINDOWS, POLICY, counts).bySource().get(UCUM).get("small");
		assertThat(small.status()).isEqualTo(TrendStatus.STABLE);
		assertThat(small.comparison().test().pValue()).isGreaterThan(0.01);
	}

	@Test
	void aSignificantChangeSmallerThanTheMinimumEffectIsStable() {
		// 2 % to 3 % over 20,000 arrivals each: p < 0.0001, but one point is under the five-point minimum effect
		List<DailyCheckCounts> counts = List.of(
				new DailyCheckCounts(LocalDate.parse("2026-10-20"), "big", UCUM, 20_000, 400),
				new DailyCheckCounts(LocalDate.parse("2026-11-19"), "big", UCUM, 20_000, 600));
		CheckTrend big = QualityTrends.of(TODAY, WINDOWS, POLICY, counts).bySource().get(UCUM).get("big");
		assertThat(big.comparison().test().pValue()).isLessThan(0.0001);
		assertThat(big.status()).isEqualTo(TrendStatus.STABLE);
	}

	@Test
	void daysAreCountedInTheirWindowAndDaysOutsideBothAreIgnored() {
		List<DailyCheckCounts> counts = List.of(
				new DailyCheckCounts(LocalDate.parse("2026-10-16"), "s", UCUM, 1000, 1000), // before the baseline
				new DailyCheckCounts(LocalDate.parse("2026-10-17"), "s", UCUM, 10, 1), // first baseline day
				new DailyCheckCounts(LocalDate.parse("2026-11-13"), "s", UCUM, 10, 2), // last baseline day
				new DailyCheckCounts(LocalDate.parse("2026-11-14"), "s", UCUM, 10, 3), // first recent day
				new DailyCheckCounts(TODAY, "s", UCUM, 10, 4),
				new DailyCheckCounts(TODAY.plusDays(1), "s", UCUM, 1000, 1000)); // after the end
		CheckTrend trend = QualityTrends.of(TODAY, WINDOWS, POLICY, counts).bySource().get(UCUM).get("s");
		assertThat(trend.comparison().baselineNumerator()).isEqualTo(3);
		assertThat(trend.comparison().baselineDenominator()).isEqualTo(20);
		assertThat(trend.comparison().recentNumerator()).isEqualTo(7);
		assertThat(trend.comparison().recentDenominator()).isEqualTo(20);
	}

	@Test
	void theGaugeCountsSourcesPerCheckAndStatusAndReplacesItsFigures() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		TrendGauges gauges = new TrendGauges(registry, List.of(UCUM, FUTURE));
		List<DailyCheckCounts> counts = new ArrayList<>();
		counts.addAll(days("worse", "2026-10-20", 4, 50, 1));
		counts.addAll(days("worse", "2026-11-15", 2, 50, 5));
		counts.addAll(days("steady", "2026-10-20", 4, 50, 1));
		counts.addAll(days("steady", "2026-11-15", 2, 50, 1));
		gauges.publish(QualityTrends.of(TODAY, WINDOWS, POLICY, counts));

		assertThat(gauge(registry, UCUM, "worse")).isEqualTo(1);
		assertThat(gauge(registry, UCUM, "stable")).isEqualTo(1);
		assertThat(gauge(registry, UCUM, "better")).isEqualTo(0);
		assertThat(gauge(registry, FUTURE, "no-baseline")).isEqualTo(0);
		assertThat(registry.find(TrendGauges.NAME).gauges()).hasSize(8);

		gauges.publish(QualityTrends.of(TODAY, WINDOWS, POLICY, List.of()));
		assertThat(gauge(registry, UCUM, "worse")).isEqualTo(0);
	}

	private static double gauge(SimpleMeterRegistry registry, String check, String status) {
		Gauge gauge = registry.find(TrendGauges.NAME).tag("check", check).tag("status", status).gauge();
		assertThat(gauge).as(check + " " + status).isNotNull();
		return gauge.value();
	}

	/** {@code days} consecutive days from {@code first}, each with {@code applied} arrivals of which {@code failed} fail. */
	private static List<DailyCheckCounts> days(String source, String first, int days, long applied, long failed) {
		List<DailyCheckCounts> counts = new ArrayList<>();
		for (int i = 0; i < days; i++) {
			counts.add(new DailyCheckCounts(LocalDate.parse(first).plusDays(i), source, UCUM, applied, failed));
		}
		return counts;
	}
}
