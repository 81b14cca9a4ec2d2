package org.aitrust.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The statistics the write-overhead benchmark judges the 5% target by. */
class WriteOverheadBenchmarkTest {

	@ParameterizedTest
	@CsvSource({"3, 3.182446", "4, 2.776445", "9, 2.262157", "19, 2.093024", "29, 2.045230", "99, 1.984217"})
	void studentQuantileMatchesTheTable(int degreesOfFreedom, double tabulated) {
		assertThat(WriteOverheadBenchmark.studentT975(degreesOfFreedom)).isCloseTo(tabulated, within(0.01 * tabulated));
	}

	@Test
	void aRatioAndItsInverseAverageToOneGeometrically() {
		double[] ratios = new double[40];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = i % 2 == 0 ? 1.2 : 1 / 1.2;
		}
		// the arithmetic mean of the same ratios would say 1.017: the bias the geometric mean avoids
		assertThat(Arrays.stream(ratios).average().orElseThrow()).isGreaterThan(1.015);
		assertThat(WriteOverheadBenchmark.geometricMeanWithInterval(ratios)).startsWith("1.000 (");
	}

	@Test
	void givesTheIntervalOfTheBatchMeans() {
		// batches of five rounds whose log ratios average to log(1.02) and log(1.06) in turn: four batches
		double[] ratios = new double[20];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = (i / 5) % 2 == 0 ? 1.02 : 1.06;
		}
		double mean = (Math.log(1.02) + Math.log(1.06)) / 2;
		double spread = (Math.log(1.06) - Math.log(1.02)) / 2;
		// sample standard deviation of four values ±spread around the mean: spread·√(4/3); over √4 batches
		double halfWidth = WriteOverheadBenchmark.studentT975(3) * spread * Math.sqrt(4.0 / 3) / 2;
		assertThat(WriteOverheadBenchmark.geometricMeanWithInterval(ratios)).isEqualTo(String.format(Locale.ROOT,
				"%.3f (%.3f–%.3f)", Math.exp(mean), Math.exp(mean - halfWidth),
				Math.exp(mean + halfWidth)));
	}

	@Test
	void givesNoIntervalForFewerThanFourBatches() {
		double[] ratios = new double[19];
		Arrays.fill(ratios, 1.04);
		assertThat(WriteOverheadBenchmark.geometricMeanWithInterval(ratios)).isEqualTo("1.040");
	}
}
