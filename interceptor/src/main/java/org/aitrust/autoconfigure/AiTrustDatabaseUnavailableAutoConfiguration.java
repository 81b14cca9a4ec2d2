package org.aitrust.autoconfigure;

import org.aitrust.interceptor.availability.DatabaseUnavailableInterceptor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * A request that failed for a lost or unobtainable database connection gets 503 with Retry-After. On by default
 * ({@code aitrust.database-unavailable.enabled}): it only changes the status of answers that were failures.
 */
@AutoConfiguration(after = AiTrustCoreAutoConfiguration.class)
@ConditionalOnAiTrust
@ConditionalOnProperty(prefix = "aitrust.database-unavailable", name = "enabled", havingValue = "true",
		matchIfMissing = true)
public class AiTrustDatabaseUnavailableAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DatabaseUnavailableInterceptor aiTrustDatabaseUnavailableInterceptor(AiTrustProperties properties) {
		return new DatabaseUnavailableInterceptor(properties.databaseUnavailable().retryAfter());
	}
}
