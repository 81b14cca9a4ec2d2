package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class StarterServerPropertiesTest {

	@Test
	void defaultsKeepDataInTheWorkingDirectoryAndCapBodiesAt20MegabytesAndBundlesAt5000Entries() {
		StarterServerProperties properties = bind(Map.of());

		assertThat(properties.dataDir().normalize()).isEqualTo(Path.of("data"));
		assertThat(properties.maxRequestSize().toMegabytes()).isEqualTo(20);
		assertThat(properties.maxBundleEntries()).isEqualTo(5000);
	}

	@Test
	void aBundleEntryLimitBelowOneIsRefusedNamingTheProperty() {
		assertThatThrownBy(() -> bind(Map.of("aitrust.server.max-bundle-entries", "0")))
				.isInstanceOf(BindException.class)
				.rootCause().hasMessageContaining("aitrust.server.max-bundle-entries");
	}

	@Test
	void aPageSizeOutOfRangeIsRefusedNamingTheProperty() {
		assertThatThrownBy(() -> bind(Map.of("aitrust.server.default-page-size", "0")))
				.isInstanceOf(BindException.class)
				.rootCause().hasMessageContaining("aitrust.server.default-page-size");
	}

	@Test
	void aMalformedSizeIsRefusedNamingTheProperty() {
		assertThatThrownBy(() -> bind(Map.of("aitrust.server.max-request-size", "lots")))
				.isInstanceOf(BindException.class)
				.hasMessageContaining("aitrust.server.max-request-size");
	}

	@Test
	void theDemoBackfillsEightWeeksAndAHistoryOutOfRangeIsRefusedNamingTheProperty() {
		assertThat(bind(Map.of()).demo().historyWeeks()).isEqualTo(8);
		assertThat(bind(Map.of("aitrust.server.demo.history-weeks", "0")).demo().historyWeeks()).isZero();
		for (String wrong : new String[] {"-1", "53"}) {
			assertThatThrownBy(() -> bind(Map.of("aitrust.server.demo.history-weeks", wrong)))
					.isInstanceOf(BindException.class)
					.rootCause().hasMessageContaining("aitrust.server.demo.history-weeks");
		}
	}

	@Test
	void subscriptionsAreOffAndNoHookEndpointIsAllowedUnlessConfigured() {
		StarterServerProperties properties = bind(Map.of());

		assertThat(properties.subscriptions().enabled()).isFalse();
		assertThat(properties.subscriptions().restHookEndpoints()).isEmpty();
	}

	@Test
	void aHookEndpointPrefixWithoutAPathIsRefusedNamingTheProperty() {
		assertThatThrownBy(() -> bind(Map.of("aitrust.server.subscriptions.rest-hook-endpoints[0]",
				"https://ehr.hospital.example")))
				.isInstanceOf(BindException.class)
				.rootCause().hasMessageContaining("aitrust.server.subscriptions.rest-hook-endpoints");
	}

	@Test
	void theDialectFollowsTheJdbcUrl() {
		assertThat(HibernateSettings.dialectFor("jdbc:postgresql://db/fhir")).endsWith("HapiFhirPostgresDialect");
		assertThat(HibernateSettings.dialectFor("jdbc:h2:file:./data/aitrust")).endsWith("HapiFhirH2Dialect");
		assertThatThrownBy(() -> HibernateSettings.dialectFor("jdbc:oracle:thin:@db"))
				.hasMessageContaining("spring.jpa.properties.hibernate.dialect");
	}

	private static StarterServerProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values))
				.bindOrCreate("aitrust.server", StarterServerProperties.class);
	}
}
