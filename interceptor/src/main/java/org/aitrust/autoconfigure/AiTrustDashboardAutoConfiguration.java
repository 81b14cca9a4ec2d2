package org.aitrust.autoconfigure;

import org.aitrust.interceptor.dashboard.DashboardSettingsController;
import org.aitrust.interceptor.dashboard.DashboardWebConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The quality dashboard page ({@code aitrust.dashboard.enabled}), served through the host's Spring MVC. Conditional on
 * the class by name, so a host without Spring MVC never loads these types.
 */
@AutoConfiguration(after = AiTrustCoreAutoConfiguration.class)
@ConditionalOnAiTrust
@ConditionalOnProperty(prefix = "aitrust.dashboard", name = "enabled", havingValue = "true")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.config.annotation.WebMvcConfigurer")
public class AiTrustDashboardAutoConfiguration {

	@Bean
	DashboardWebConfigurer aiTrustDashboardWebConfigurer(AiTrustProperties properties) {
		return new DashboardWebConfigurer(properties.dashboard().path());
	}

	@Bean
	DashboardSettingsController aiTrustDashboardSettingsController(AiTrustProperties properties) {
		AiTrustProperties.Dashboard dashboard = properties.dashboard();
		return new DashboardSettingsController(dashboard.fhirBase(), dashboard.clientId(), dashboard.scope());
	}
}
