package org.aitrust.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AiTrustPropertiesValidatorTest {

	@Test
	void defaultsAreValidAndSwitchEverythingOff() {
		AiTrustProperties properties = bind(Map.of());

		assertThat(AiTrustPropertiesValidator.violations(properties)).isEmpty();
		assertThat(properties.enabled()).isTrue();
		assertThat(properties.provenance().enabled()).isFalse();
		assertThat(properties.provenance().agentHeader()).isEqualTo("X-AI-Agent");
		assertThat(properties.provenance().agents()).isEmpty();
	}

	@Test
	void aCompleteAgentIsValid() {
		AiTrustProperties properties = bind(Map.of(
				"aitrust.provenance.agents[0].id", "scribe",
				"aitrust.provenance.agents[0].model-name", "Scribe",
				"aitrust.provenance.agents[0].model-version", "1.2",
				"aitrust.provenance.agents[0].manufacturer", "Acme",
				"aitrust.provenance.agents[0].model-card-url", "https://models.example.org/scribe/1.2"));

		assertThat(AiTrustPropertiesValidator.violations(properties)).isEmpty();
	}

	@Test
	void everyProblemIsReportedWithItsFullPropertyName() {
		AiTrustProperties properties = bind(Map.of(
				"aitrust.provenance.agent-header", "X Bad Header",
				"aitrust.provenance.agents[0].id", "scribe",
				"aitrust.provenance.agents[0].model-name", "Scribe",
				"aitrust.provenance.agents[0].model-version", "1",
				"aitrust.provenance.agents[0].manufacturer", "Acme",
				"aitrust.provenance.agents[1].id", "scribe",
				"aitrust.provenance.agents[1].model-card-url", "not a url"));

		assertThatThrownBy(() -> AiTrustPropertiesValidator.validate(properties))
				.isInstanceOf(InvalidAiTrustPropertyException.class)
				.satisfies(e -> assertThat(((InvalidAiTrustPropertyException) e).violations())
						.extracting(InvalidAiTrustPropertyException.Violation::property)
						.containsExactly(
								"aitrust.provenance.agent-header",
								"aitrust.provenance.agents[1].model-name",
								"aitrust.provenance.agents[1].model-version",
								"aitrust.provenance.agents[1].manufacturer",
								"aitrust.provenance.agents[1].id",
								"aitrust.provenance.agents[1].model-card-url"));
	}

	@Test
	void theDatabaseUnavailableAnswerIsOnByDefaultAndARetryAfterThatIsNotPositiveIsNamed() {
		AiTrustProperties defaults = bind(Map.of());
		assertThat(defaults.databaseUnavailable().enabled()).isTrue();
		assertThat(defaults.databaseUnavailable().retryAfter()).isEqualTo(java.time.Duration.ofSeconds(5));

		for (String retryAfter : new String[] {"0s", "-5s"}) {
			AiTrustProperties properties = bind(Map.of("aitrust.database-unavailable.retry-after", retryAfter));
			assertThat(AiTrustPropertiesValidator.violations(properties)).as(retryAfter)
					.extracting(InvalidAiTrustPropertyException.Violation::property)
					.containsExactly("aitrust.database-unavailable.retry-after");
		}
	}

	@Test
	void theFailureAnalysisListsEachProperty() {
		InvalidAiTrustPropertyException failure = new InvalidAiTrustPropertyException(java.util.List.of(
				new InvalidAiTrustPropertyException.Violation("aitrust.provenance.agents[0].id", "", "must be set")));

		var analysis = new InvalidAiTrustPropertyFailureAnalyzer().analyze(failure);

		assertThat(analysis.getDescription()).contains("aitrust.provenance.agents[0].id = '': must be set");
		assertThat(analysis.getAction()).contains("aitrust.*");
	}

	private static AiTrustProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values))
				.bindOrCreate(AiTrustProperties.PREFIX, AiTrustProperties.class);
	}
}
