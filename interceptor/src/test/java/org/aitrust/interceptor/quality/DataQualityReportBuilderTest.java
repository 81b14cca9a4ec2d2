package org.aitrust.interceptor.quality;

import org.aitrust.interceptor.report.MeasureReportParts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aitrust.interceptor.quality.check.CheckClass;
import org.junit.jupiter.api.Test;

class DataQualityReportBuilderTest {

	@Test
	void percentilesUseTheNearestRank() {
		List<Long> lags = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

		assertThat(MeasureReportParts.percentile(lags, 50)).isEqualTo(5);
		assertThat(MeasureReportParts.percentile(lags, 95)).isEqualTo(10);
		assertThat(MeasureReportParts.percentile(List.of(42L), 95)).isEqualTo(42);
		assertThat(MeasureReportParts.percentile(List.of(), 50)).isZero();
	}

	@Test
	void thresholdsFallBackToTheDefault() {
		Thresholds thresholds = new Thresholds(5, java.util.Map.of("plausibility-future-date", 0.0));

		assertThat(thresholds.percentFor("plausibility-future-date", CheckClass.CONVENTION, null)).hasValue(0);
		assertThat(thresholds.percentFor("conformance-non-ucum-quantity", CheckClass.CONVENTION, null)).hasValue(5);
	}
}
