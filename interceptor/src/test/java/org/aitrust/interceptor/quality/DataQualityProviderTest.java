package org.aitrust.interceptor.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.store.ModuleSchema;
import org.aitrust.interceptor.oversight.DriftPolicy;
import org.aitrust.interceptor.quality.trend.QualityTrendReader;
import org.aitrust.interceptor.quality.trend.TrendWindows;
import org.aitrust.interceptor.store.QualityPopulation;
import org.aitrust.interceptor.store.QualityReportReader;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class DataQualityProviderTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

	private final DataQualityProvider provider = provider(400);

	@Test
	void aPeriodOfTheMaximumLengthIsReported() {
		MeasureReport report = provider.dataQuality(new StringType("2025-11-03"), new StringType("2026-12-07"),
				null, new StringType("Observation"), null, null, null);

		assertThat(report.getPeriod().getStart()).isNotNull();
	}

	@Test
	void aLongerPeriodIsRefusedNamingTheLimitAndItsProperty() {
		assertThatThrownBy(() -> provider.dataQuality(new StringType("2016-12-07"), new StringType("2026-12-07"),
				null, null, null, null, null))
				.isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("3653 days")
				.hasMessageContaining("at most 400 days")
				.hasMessageContaining("aitrust.quality.max-report-days");
	}

	@Test
	void theDefaultPeriodNeverExceedsTheMaximum() {
		MeasureReport report = provider(7).dataQuality(null, null, null, null, null, null, null);

		assertThat(report.getPeriod().getStartElement().getValueAsString()).startsWith("2026-12-01");
	}

	@Test
	void thePopulationIsWriteByDefaultStoredWhenAskedAndNothingElse() {
		assertThat(DataQualityProvider.population(requestWith(Map.of()))).isEqualTo(QualityPopulation.WRITE);
		assertThat(DataQualityProvider.population(requestWith(Map.of("population", new String[] {"stored"}))))
				.isEqualTo(QualityPopulation.STORED);
		assertThatThrownBy(() -> DataQualityProvider.population(requestWith(Map.of("population", new String[] {"both"}))))
				.isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("'population' may be 'write' or 'stored'");
	}

	private static ca.uhn.fhir.rest.api.server.RequestDetails requestWith(Map<String, String[]> parameters) {
		ca.uhn.fhir.rest.api.server.SystemRequestDetails request = new ca.uhn.fhir.rest.api.server.SystemRequestDetails();
		request.setParameters(parameters);
		return request;
	}

	@Test
	void aResourceTypeThisServerDoesNotStoreIsRefused() {
		assertThatThrownBy(() -> provider.dataQuality(null, null, null, new StringType("NotAType"), null, null, null))
				.isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("unknown resourceType 'NotAType'");
	}

	@Test
	void theTypeOfUnreadableRejectedWritesMayBeReported() {
		MeasureReport report = provider.dataQuality(null, null, null,
				new StringType(QualityEventFactory.UNKNOWN_TYPE), null, null, null);

		assertThat(report.getGroup()).isNotEmpty();
	}

	@Test
	void anUnknownCheckIsRefused() {
		assertThatThrownBy(() -> provider.dataQuality(null, null, null, null, null, new StringType("no-such-check"), null))
				.isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("unknown check 'no-such-check'");
	}

	private static DataQualityProvider provider(int maxReportDays) {
		SingleConnectionDataSource dataSource =
				new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", true);
		new ModuleSchema(dataSource).migrate();
		QualityChecks checks = new QualityChecks(QualityChecks.defaults());
		QualityReportReader store = new QualityReportReader(dataSource);
		return new DataQualityProvider(store, checks,
				new DataQualityReportBuilder(checks, new Thresholds(5, Map.of()), CLOCK), CLOCK, maxReportDays,
				Set.of("Observation", "Patient")::contains,
				new QualityTrendReader(store, new TrendWindows(7, 28), new DriftPolicy(0.01, 0.05)));
	}
}
