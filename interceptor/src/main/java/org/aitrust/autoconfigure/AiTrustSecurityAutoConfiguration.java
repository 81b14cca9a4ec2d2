package org.aitrust.autoconfigure;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.aitrust.interceptor.security.ScopeSource;
import org.aitrust.interceptor.security.SmartCapabilityStatementContributor;
import org.aitrust.interceptor.security.SmartConfigurationFilter;
import org.aitrust.interceptor.security.SmartScopeAuthorizationInterceptor;
import org.aitrust.interceptor.security.CallerScopeSource;
import org.aitrust.interceptor.identity.CallerResolver;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Authorization by SMART scopes ({@code aitrust.security.enabled}): HAPI's {@code AuthorizationInterceptor} with
 * rules from the caller's scopes, installed first on the host's {@code RestfulServer}; SMART on FHIR in the
 * CapabilityStatement; and, in a servlet web application, {@code .well-known/smart-configuration}. The caller's scopes
 * come from Spring Security when it is on the classpath, or from a {@link ScopeSource} bean the host declares.
 */
@AutoConfiguration(after = {AiTrustCoreAutoConfiguration.class, AiTrustIdentityAutoConfiguration.class})
@ConditionalOnAiTrust
@ConditionalOnProperty(prefix = "aitrust.security", name = "enabled", havingValue = "true")
public class AiTrustSecurityAutoConfiguration {


	@Bean
	SmartScopeAuthorizationInterceptor aiTrustAuthorizationInterceptor(
			ObjectProvider<ScopeSource> scopeSource, AiTrustProperties properties, ResourceLoader resourceLoader) {
		ScopeSource source = scopeSource.getIfAvailable();
		// the default source reads the caller's token; without Spring Security there is no token to read
		if (source == null || (source instanceof CallerScopeSource
				&& !ClassUtils.isPresent(AiTrustIdentityAutoConfiguration.SPRING_SECURITY, resourceLoader.getClassLoader()))) {
			throw new InvalidAiTrustPropertyException(List.of(new InvalidAiTrustPropertyException.Violation(
					"aitrust.security.enabled", true, "needs Spring Security (spring-security-core and "
							+ "spring-security-oauth2-core) on the classpath, or a ScopeSource bean, to know the "
							+ "caller's scopes from its credentials")));
		}
		LoggerFactory.getLogger(AiTrustSecurityAutoConfiguration.class).info(
				"FHIR AI Trust security: every FHIR request is authorized by its SMART scopes ({})",
				source.getClass().getSimpleName());
		return new SmartScopeAuthorizationInterceptor(source, PropertyMappings.moduleScopes(properties.security()));
	}

	@Bean
	SmartCapabilityStatementContributor aiTrustSmartCapabilityStatement(AiTrustProperties properties) {
		return new SmartCapabilityStatementContributor(PropertyMappings.smartConfiguration(properties.security()));
	}

	/** Scopes and patient of the caller as the module resolves it, unless the host has its own source. */
	@Bean
	@ConditionalOnMissingBean
	ScopeSource aiTrustScopeSource(CallerResolver callers) {
		return new CallerScopeSource(callers);
	}

	/** The SMART discovery document, public, beside the FHIR endpoint. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class Discovery {

		@Bean
		FilterRegistrationBean<SmartConfigurationFilter> aiTrustSmartConfiguration(AiTrustProperties properties)
				throws JsonProcessingException {
			FilterRegistrationBean<SmartConfigurationFilter> registration = new FilterRegistrationBean<>(
					new SmartConfigurationFilter(PropertyMappings.smartConfiguration(properties.security())));
			registration.setName("aiTrustSmartConfiguration");
			// public by SMART's design (clients read it before they hold a token), so it is answered before any
			// authentication filter of the host could ask for one
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}
	}
}
