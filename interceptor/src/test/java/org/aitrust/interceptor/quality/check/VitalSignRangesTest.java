package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class VitalSignRangesTest {

	private final VitalSignRanges defaults = VitalSignRanges.defaults();

	@Test
	void defaultsCoverTheCommonVitalSignsInTheirUsualUnits() {
		assertThat(defaults.ranges())
				.extracting(range -> range.loincCode() + " " + range.ucumUnit())
				.contains("8867-4 /min", "9279-1 /min", "8310-5 Cel", "8310-5 [degF]", "8480-6 mm[Hg]",
						"8462-4 mm[Hg]", "2708-6 %", "59408-5 %", "29463-7 kg", "29463-7 [lb_av]", "8302-2 cm",
						"8302-2 [in_i]", "39156-5 kg/m2");
	}

	@Test
	void defaultsArePhysiologicalLimitsNotNormalRanges() {
		// Abnormal but possible: a child's tachycardia, a fever, a hypertensive crisis, a premature baby's weight.
		assertThat(contains("8867-4", "/min", "180")).isTrue();
		assertThat(contains("8310-5", "Cel", "41.5")).isTrue();
		assertThat(contains("8480-6", "mm[Hg]", "240")).isTrue();
		assertThat(contains("29463-7", "kg", "0.6")).isTrue();
		// Impossible in a living patient: typing and unit errors.
		assertThat(contains("8867-4", "/min", "1800")).isFalse();
		assertThat(contains("8310-5", "Cel", "98.6")).isFalse();
		assertThat(contains("2708-6", "%", "101")).isFalse();
		assertThat(contains("8302-2", "cm", "1.75")).isFalse();
	}

	@Test
	void fahrenheitAndPoundLimitsMatchTheirMetricRows() {
		assertThat(convertedCelsius("50")).isLessThanOrEqualTo(range("8310-5", "Cel").low());
		assertThat(convertedCelsius("116.6")).isGreaterThanOrEqualTo(range("8310-5", "Cel").high());
		BigDecimal poundsPerKilogram = new BigDecimal("2.20462");
		assertThat(range("29463-7", "kg").low().multiply(poundsPerKilogram))
				.isGreaterThanOrEqualTo(range("29463-7", "[lb_av]").low());
		assertThat(range("29463-7", "kg").high().multiply(poundsPerKilogram))
				.isLessThanOrEqualTo(range("29463-7", "[lb_av]").high());
	}

	@Test
	void lookupMatchesCodeAndUnitExactly() {
		assertThat(defaults.find("8310-5", "Cel")).isPresent();
		assertThat(defaults.find("8310-5", "cel")).isEmpty();
		assertThat(defaults.find("8310-5", "K")).isEmpty();
		assertThat(defaults.find("8867-4", "Cel")).isEmpty();
	}

	@Test
	void rangesIncludeBothEnds() {
		VitalSignRange heartRate = range("8867-4", "/min");

		assertThat(heartRate.contains(heartRate.low())).isTrue();
		assertThat(heartRate.contains(heartRate.high())).isTrue();
		assertThat(heartRate.contains(heartRate.low().subtract(new BigDecimal("0.01")))).isFalse();
		assertThat(heartRate.contains(heartRate.high().add(new BigDecimal("0.01")))).isFalse();
	}

	@Test
	void aServerCanReplaceARangeWithoutChangingTheDefaults() {
		VitalSignRanges neonatal = defaults.with(new VitalSignRange("8867-4", "/min", BigDecimal.valueOf(60),
				BigDecimal.valueOf(260)));

		assertThat(neonatal.find("8867-4", "/min").orElseThrow().low()).isEqualByComparingTo("60");
		assertThat(neonatal.ranges()).hasSameSizeAs(defaults.ranges());
		assertThat(defaults.find("8867-4", "/min").orElseThrow().low()).isEqualByComparingTo("20");
	}

	@Test
	void rejectsDuplicateAndInvertedRanges() {
		VitalSignRange heartRate = new VitalSignRange("8867-4", "/min", BigDecimal.ONE, BigDecimal.TEN);

		assertThatThrownBy(() -> VitalSignRanges.of(List.of(heartRate, heartRate)))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8867-4");
		assertThatThrownBy(() -> new VitalSignRange("8867-4", "/min", BigDecimal.TEN, BigDecimal.ONE))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new VitalSignRange(" ", "/min", BigDecimal.ONE, BigDecimal.TEN))
				.isInstanceOf(IllegalArgumentException.class);
	}

	private boolean contains(String loincCode, String ucumUnit, String value) {
		return range(loincCode, ucumUnit).contains(new BigDecimal(value));
	}

	private VitalSignRange range(String loincCode, String ucumUnit) {
		return defaults.find(loincCode, ucumUnit).orElseThrow();
	}

	private static BigDecimal convertedCelsius(String fahrenheit) {
		return new BigDecimal(fahrenheit).subtract(BigDecimal.valueOf(32))
				.multiply(BigDecimal.valueOf(5)).divide(BigDecimal.valueOf(9), 3, RoundingMode.HALF_UP);
	}
}
