package org.aitrust.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AiTrustPropertiesValidatorTest {

	@Test
	void defaultsAreValidAndSwitchEverythingOff() {
		AiTrustProperties properties = bind(Map.of());

		assertThat(AiTrustPropertiesValidator.violations(properties)).isEmpty();
		assertThat(properties.enabled()).isTrue();
		assertThat(properties.provenance().enabled()).isFalse();
		assertThat(properties.identity().agentHeader()).isEqualTo("X-AI-Agent");
		assertThat(properties.identity().trustedProxies()).as("no proxy is trusted by default").isEmpty();
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
				"aitrust.identity.agent-header", "X Bad Header",
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
								"aitrust.identity.agent-header",
								"aitrust.provenance.agents[1].model-name",
								"aitrust.provenance.agents[1].model-version",
								"aitrust.provenance.agents[1].manufacturer",
								"aitrust.provenance.agents[1].id",
								"aitrust.provenance.agents[1].model-card-url"));
	}

	@Test
	void anAgentMayDeclareKindsAnAttachedCardAndADescription() {
		AiTrustProperties properties = bind(Map.of(
				"aitrust.provenance.agents[0].id", "scribe",
				"aitrust.provenance.agents[0].model-name", "Scribe",
				"aitrust.provenance.agents[0].model-version", "3.1",
				"aitrust.provenance.agents[0].manufacturer", "Acme",
				"aitrust.provenance.agents[0].ai-kinds[0]", "Large-Language-Models",
				"aitrust.provenance.agents[0].ai-kinds[1]", "Clinical-Documentation-and-Workflow",
				"aitrust.provenance.agents[0].model-card-data", "classpath:model-cards/scribe-card.json",
				"aitrust.provenance.agents[0].description", "Drafts notes."));

		assertThat(AiTrustPropertiesValidator.violations(properties)).isEmpty();
		assertThat(properties.provenance().modelCardMaxSize().toBytes()).isEqualTo(1024 * 1024);
		assertThat(PropertyMappings.agentModels(properties.provenance()).get("scribe").attachedModelCard().contentType())
				.isEqualTo("application/json");
	}

	@Test
	void aWrongKindOrCardIsNamedWithItsProperty() {
		java.util.Map<String, String> values = new java.util.HashMap<>(Map.of(
				"aitrust.provenance.agents[0].id", "scribe",
				"aitrust.provenance.agents[0].model-name", "Scribe",
				"aitrust.provenance.agents[0].model-version", "3.1",
				"aitrust.provenance.agents[0].manufacturer", "Acme",
				"aitrust.provenance.agents[0].ai-kinds[0]", "AI-By-Model",
				"aitrust.provenance.agents[0].model-card-data", "classpath:model-cards/broken-card.json"));
		values.putAll(Map.of(
				"aitrust.provenance.agents[1].id", "reader",
				"aitrust.provenance.agents[1].model-name", "Reader",
				"aitrust.provenance.agents[1].model-version", "1",
				"aitrust.provenance.agents[1].manufacturer", "Acme",
				"aitrust.provenance.agents[1].model-card-data", "/nonexistent/card.md",
				"aitrust.provenance.agents[2].id", "big",
				"aitrust.provenance.agents[2].model-name", "Big",
				"aitrust.provenance.agents[2].model-version", "1",
				"aitrust.provenance.agents[2].manufacturer", "Acme",
				"aitrust.provenance.agents[2].model-card-data", "classpath:model-cards/scribe-card.md"));
		values.put("aitrust.provenance.model-card-max-size", "20B");

		assertThat(AiTrustPropertiesValidator.violations(bind(values)))
				.extracting(v -> v.property() + ": " + v.problem())
				.containsExactly(
						"aitrust.provenance.agents[0].ai-kinds[0]: must be a selectable code of the AI Transparency IG's"
								+ " AIdeviceTypeVS, one of " + new java.util.TreeSet<>(org.aitrust.provenance.AiKind.CODES),
						"aitrust.provenance.agents[0].model-card-data: is not well-formed JSON: "
								+ jsonProblem(),
						"aitrust.provenance.agents[1].model-card-data: is not a readable file",
						"aitrust.provenance.agents[2].model-card-data: is larger than aitrust.provenance.model-card-max-size (20 bytes)");
		assertThat(AiTrustPropertiesValidator.violations(bind(Map.of(
				"aitrust.provenance.agents[0].id", "scribe",
				"aitrust.provenance.agents[0].model-name", "Scribe",
				"aitrust.provenance.agents[0].model-version", "3.1",
				"aitrust.provenance.agents[0].manufacturer", "Acme",
				"aitrust.provenance.agents[0].model-card-data", "classpath:model-cards/broken-card.json"))))
				.singleElement().satisfies(v -> assertThat(v.problem()).startsWith("is not well-formed JSON"));
		assertThat(AiTrustPropertiesValidator.violations(bind(Map.of("aitrust.provenance.model-card-max-size", "0B"))))
				.extracting(InvalidAiTrustPropertyException.Violation::property)
				.containsExactly("aitrust.provenance.model-card-max-size");
	}

	private static String jsonProblem() {
		try {
			org.aitrust.interceptor.provenance.ModelCardFiles.read("classpath:model-cards/broken-card.json", 1000);
			throw new AssertionError("the broken card was read");
		} catch (IllegalArgumentException e) {
			return e.getMessage().substring("is not well-formed JSON: ".length());
		}
	}

	@Test
	void auditIsOffByDefault() {
		assertThat(bind(Map.of()).audit().enabled()).isFalse();
		assertThat(bind(Map.of("aitrust.audit.enabled", "true")).audit().enabled()).isTrue();
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
	void securityIsOffByDefaultAndNeedsItsEndpointsWhenSwitchedOn() {
		AiTrustProperties defaults = bind(Map.of());
		assertThat(defaults.security().enabled()).isFalse();
		assertThat(defaults.security().adminScope()).isEqualTo("aitrust/admin");

		AiTrustProperties codeFlowWithoutAuthorize = bind(Map.of("aitrust.security.enabled", "true",
				"aitrust.security.token-endpoint", "https://idp.example.org/token"));
		assertThat(AiTrustPropertiesValidator.violations(codeFlowWithoutAuthorize))
				.extracting(InvalidAiTrustPropertyException.Violation::property)
				.containsExactly("aitrust.security.authorization-endpoint");

		AiTrustProperties backendServicesOnly = bind(Map.of("aitrust.security.enabled", "true",
				"aitrust.security.token-endpoint", "https://idp.example.org/token",
				"aitrust.security.grant-types", "client_credentials"));
		assertThat(AiTrustPropertiesValidator.violations(backendServicesOnly)).isEmpty();
	}

	@Test
	void trustedProxiesAreAddressesOrBlocksAndEachMalformedEntryIsNamedByItsIndex() {
		AiTrustProperties properties = bind(Map.of(
				"aitrust.identity.trusted-proxies[0]", "10.0.0.0/8",
				"aitrust.identity.trusted-proxies[1]", "gateway.hospital.example",
				"aitrust.identity.trusted-proxies[2]", "::1/128",
				"aitrust.identity.trusted-proxies[3]", "192.168.1.0/33"));

		assertThat(AiTrustPropertiesValidator.violations(properties))
				.extracting(InvalidAiTrustPropertyException.Violation::property)
				.containsExactly("aitrust.identity.trusted-proxies[1]", "aitrust.identity.trusted-proxies[3]");
		assertThat(AiTrustPropertiesValidator.violations(
				bind(Map.of("aitrust.identity.trusted-proxies", "127.0.0.1/32,::1/128")))).as("comma-separated").isEmpty();
	}

	@Test
	void theFailureAnalysisListsEachProperty() {
		InvalidAiTrustPropertyException failure = new InvalidAiTrustPropertyException(java.util.List.of(
				new InvalidAiTrustPropertyException.Violation("aitrust.provenance.agents[0].id", "", "must be set")));

		var analysis = new InvalidAiTrustPropertyFailureAnalyzer().analyze(failure);

		assertThat(analysis.getDescription()).contains("aitrust.provenance.agents[0].id = '': must be set");
		assertThat(analysis.getAction()).contains("aitrust.*");
	}

	/**
	 * Every rule of the validator, one wrong setting at a time: the violation names exactly that property. The
	 * values are what an administrator might plausibly mistype.
	 */
	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = ';', value = {
		"aitrust.identity.agent-header;X Bad;aitrust.identity.agent-header",
		"aitrust.identity.trusted-proxies[0];proxy.example.org;aitrust.identity.trusted-proxies[0]",
		"aitrust.identity.trusted-proxies[0];10.0.0.1/8;aitrust.identity.trusted-proxies[0]",
		"aitrust.provenance.device-cache-size;0;aitrust.provenance.device-cache-size",
		"aitrust.quality.clock-skew;-1s;aitrust.quality.clock-skew",
		"aitrust.quality.max-sources;0;aitrust.quality.max-sources",
		"aitrust.quality.max-profiles;0;aitrust.quality.max-profiles",
		"aitrust.quality.max-models;0;aitrust.quality.max-models",
		"aitrust.quality.max-breakdown-items;0;aitrust.quality.max-breakdown-items",
		"aitrust.quality.sources[0];other;aitrust.quality.sources[0]",
		"aitrust.quality.max-report-days;0;aitrust.quality.max-report-days",
		"aitrust.quality.raw-retention;0d;aitrust.quality.raw-retention",
		"aitrust.quality.raw-retention;36h;aitrust.quality.raw-retention",
		"aitrust.quality.rollup-retention;30d;aitrust.quality.rollup-retention",
		"aitrust.quality.rollup.interval;10s;aitrust.quality.rollup.interval",
		"aitrust.quality.default-threshold;101;aitrust.quality.default-threshold",
		"aitrust.quality.thresholds.plausibility-future-date;-1;aitrust.quality.thresholds.plausibility-future-date",
		"aitrust.quality.thresholds.no-such-check;5;aitrust.quality.thresholds.no-such-check",
		"aitrust.quality.thresholds.conformance-terminology-not-checkable;5;aitrust.quality.thresholds.conformance-terminology-not-checkable",
		"aitrust.quality.thresholds[completeness-must-support:Observatoin.category];5;aitrust.quality.thresholds[completeness-must-support:Observatoin.category]",
		"aitrust.quality.thresholds-by-type.Observation.no-such-check;5;aitrust.quality.thresholds-by-type.Observation.no-such-check",
		"aitrust.quality.thresholds-by-type.Observation.plausibility-future-date;101;aitrust.quality.thresholds-by-type.Observation.plausibility-future-date",
		"aitrust.quality.thresholds-by-type.Observatoin.plausibility-future-date;5;aitrust.quality.thresholds-by-type.Observatoin",
		"aitrust.quality.known-code-systems[0];loinc.org;aitrust.quality.known-code-systems[0]",
		"aitrust.quality.known-code-systems[0];http://loinc.org|2.77;aitrust.quality.known-code-systems[0]",
		"aitrust.quality.unique-identifier-systems[0];hospital mrn;aitrust.quality.unique-identifier-systems[0]",
		"aitrust.quality.trend.recent-days;0;aitrust.quality.trend.recent-days",
		"aitrust.quality.trend.baseline-days;0;aitrust.quality.trend.baseline-days",
		"aitrust.quality.trend.baseline-days;400;aitrust.quality.trend.baseline-days",
		"aitrust.quality.trend.refresh-interval;500ms;aitrust.quality.trend.refresh-interval",
		"aitrust.quality.encounter-margin;-1h;aitrust.quality.encounter-margin",
		"aitrust.quality.encounter-margin;P31D;aitrust.quality.encounter-margin",
		"aitrust.quality.earliest-plausible-date;2999-01-01;aitrust.quality.earliest-plausible-date",
		"aitrust.oversight.enabled;true;aitrust.oversight.enabled",
		"aitrust.oversight.recent-days;0;aitrust.oversight.recent-days",
		"aitrust.oversight.baseline-days;0;aitrust.oversight.baseline-days",
		"aitrust.oversight.significance;1;aitrust.oversight.significance",
		"aitrust.oversight.minimum-effect;2;aitrust.oversight.minimum-effect",
		"aitrust.oversight.small-cell-threshold;0;aitrust.oversight.small-cell-threshold",
		"aitrust.oversight.max-report-days;0;aitrust.oversight.max-report-days",
		"aitrust.oversight.pinned-baselines[0].start;2026-01-31;aitrust.oversight.pinned-baselines[0].model",
		"aitrust.dashboard.path;quality/;aitrust.dashboard.path",
		"aitrust.dashboard.fhir-base;ftp://x;aitrust.dashboard.fhir-base",
		"aitrust.database-unavailable.retry-after;0s;aitrust.database-unavailable.retry-after",
		"aitrust.validation.rules[0].resource-types;Observatoin;aitrust.validation.rules[0].resource-types",
		"aitrust.validation.rules[0].sources;lab;aitrust.validation.rules[0].mode",
		"aitrust.validation.rules[0].mode;WARN;aitrust.validation.rules[0].resource-types",
		"aitrust.validation.packages[0];/no/such/package.tgz;aitrust.validation.packages[0]",
		"aitrust.validation.packages[0];classpath:packages/no-such.tgz;aitrust.validation.packages[0]",
		"aitrust.validation.package-limits.max-compressed-size;0B;aitrust.validation.package-limits.max-compressed-size",
		"aitrust.validation.package-limits.max-uncompressed-size;0MB;aitrust.validation.package-limits.max-uncompressed-size",
		"aitrust.validation.package-limits.max-entries;0;aitrust.validation.package-limits.max-entries",
		"aitrust.validation.package-limits.max-stored-packages;0;aitrust.validation.package-limits.max-stored-packages",
		"aitrust.security.enabled;true;aitrust.security.token-endpoint",
		"aitrust.security.token-endpoint;idp.example.org/token;aitrust.security.token-endpoint",
		"aitrust.security.issuer;not a url;aitrust.security.issuer",
		"aitrust.security.jwks-uri;file:/keys;aitrust.security.jwks-uri",
		"aitrust.security.authorization-endpoint;//idp.example.org/authorize;aitrust.security.authorization-endpoint",
		"aitrust.security.grant-types[0];client credentials;aitrust.security.grant-types[0]",
		"aitrust.security.capabilities[0];launch standalone;aitrust.security.capabilities[0]",
		"aitrust.security.admin-scope;system/*.cruds;aitrust.security.admin-scope",
		"aitrust.security.review-scope;aitrust/admin;aitrust.security.review-scope",
		"aitrust.security.reports-scope;aitrust reports;aitrust.security.reports-scope"
	})
	void eachRuleNamesTheWrongProperty(String property, String value, String named) {
		Map<String, String> values = new java.util.HashMap<>(Map.of(property, value));
		if (property.contains("pinned-baselines")) {
			values.put("aitrust.oversight.pinned-baselines[0].end", "2026-02-27");
		}
		if (property.equals("aitrust.security.enabled")) {
			values.put("aitrust.security.grant-types", "client_credentials");
		}
		AiTrustProperties properties = bind(values);

		assertThat(AiTrustPropertiesValidator.violations(properties))
				.extracting(InvalidAiTrustPropertyException.Violation::property)
				.contains(named)
				.allSatisfy(violation -> assertThat(violation).startsWith(named.replaceAll("\\[.*", "")));
	}

	@Test
	void thresholdsBindPerCheckPerMustSupportMeasureAndPerResourceType() {
		AiTrustProperties properties = bind(Map.of(
				"aitrust.quality.thresholds.plausibility-event-outside-life", "1",
				"aitrust.quality.thresholds[completeness-must-support:Encounter.hospitalization]", "20",
				"aitrust.quality.thresholds-by-type.Observation.plausibility-future-date", "0.5"));

		assertThat(AiTrustPropertiesValidator.violations(properties)).isEmpty();
		assertThat(properties.quality().thresholds()).containsOnly(
				Map.entry("plausibility-event-outside-life", 1.0),
				Map.entry("completeness-must-support:Encounter.hospitalization", 20.0));
		assertThat(properties.quality().thresholdsByType())
				.containsOnly(Map.entry("Observation", Map.of("plausibility-future-date", 0.5)));
	}

	@Test
	void aWellFormedWarnTagBindsToItsSystemAndCode() {
		AiTrustProperties properties = bind(Map.of("aitrust.validation.warn-tag", "http://example.org/tags|issues"));

		assertThat(properties.validation().warnTag().system()).isEqualTo("http://example.org/tags");
		assertThat(properties.validation().warnTag().code()).isEqualTo("issues");
		assertThat(bind(Map.of()).validation().warnTag()).as("no tag by default").isNull();
	}

	@Test
	void aMalformedWarnTagFailsBindingNamingTheProperty() {
		assertThatThrownBy(() -> bind(Map.of("aitrust.validation.warn-tag", "no-bar")))
				.isInstanceOf(org.springframework.boot.context.properties.bind.BindException.class)
				.hasMessageContaining("aitrust.validation.warn-tag");
	}

	private static AiTrustProperties bind(Map<String, String> values) {
		return new Binder(java.util.List.of(new MapConfigurationPropertySource(values)), null,
				org.springframework.boot.convert.ApplicationConversionService.getSharedInstance())
				.bindOrCreate(AiTrustProperties.PREFIX, AiTrustProperties.class);
	}
}
