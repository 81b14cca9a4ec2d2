package org.aitrust.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.aitrust.interceptor.oversight.AiOversightProvider;
import org.aitrust.interceptor.oversight.OversightReportBuilder;
import org.aitrust.interceptor.oversight.OversightWindows;
import org.aitrust.interceptor.oversight.SmallCellSuppression;
import org.aitrust.interceptor.quality.check.QualityCheck;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.quality.check.ValidationErrorCheck;
import org.aitrust.interceptor.store.OversightReader;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;

/**
 * AI oversight: per-model drift and equity from the data-quality counts ({@code aitrust.oversight.enabled}, which
 * start-up refuses without {@code aitrust.quality.enabled}).
 */
@AutoConfiguration(after = AiTrustQualityAutoConfiguration.class)
@ConditionalOnAiTrust
@ConditionalOnProperty(prefix = AiTrustProperties.PREFIX, name = {"oversight.enabled", "quality.enabled"},
		havingValue = "true")
public class AiTrustOversightAutoConfiguration {

	@Bean
	@DependsOn(AiTrustCoreAutoConfiguration.MODULE_SCHEMA)
	OversightReader aiTrustOversightReader(DataSource dataSource, QualityChecks checks) {
		return new OversightReader(dataSource, judgedChecks(checks));
	}

	/** The checks followed per model: validation, and every plausibility check. */
	private static List<String> judgedChecks(QualityChecks checks) {
		List<String> judged = new ArrayList<>();
		judged.add(ValidationErrorCheck.ID);
		checks.checks().stream().filter(check -> check.category().category().equals("Plausibility"))
				.map(QualityCheck::id).forEach(judged::add);
		return judged;
	}

	@Bean
	AiOversightProvider aiTrustOversightProvider(OversightReader store, AiTrustProperties properties, Clock aiTrustClock) {
		AiTrustProperties.Oversight settings = properties.oversight();
		OversightReportBuilder reports = new OversightReportBuilder(store,
				new OversightWindows(settings.baselineDays(), PropertyMappings.pinnedBaselines(settings.pinnedBaselines())),
				PropertyMappings.driftPolicy(properties),
				new SmallCellSuppression(settings.smallCellThreshold()), aiTrustClock);
		return new AiOversightProvider(store, reports, settings.recentDays(), settings.maxReportDays(), aiTrustClock);
	}
}
