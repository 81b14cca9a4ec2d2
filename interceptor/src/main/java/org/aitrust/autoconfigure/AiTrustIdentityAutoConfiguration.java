package org.aitrust.autoconfigure;

import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.interceptor.identity.AgentHeader;
import org.aitrust.interceptor.identity.AgentHeaderGuard;
import org.aitrust.interceptor.identity.AuthenticatedCallers;
import org.aitrust.interceptor.identity.CallerRequestSourceResolver;
import org.aitrust.interceptor.identity.CallerResolver;
import org.aitrust.interceptor.identity.DefaultCallerResolver;
import org.aitrust.interceptor.identity.ServletPrincipalCallers;
import org.aitrust.interceptor.identity.SpringSecurityCallers;
import org.aitrust.interceptor.identity.TrustedProxies;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Who is calling ({@code aitrust.identity.*}): the caller from the host's credentials (Spring Security when it is
 * on the classpath, the servlet principal otherwise), the agent header believed only from trusted proxies, and the
 * guard that refuses it from anyone else. Always on with the module: every capability that attributes a request,
 * and authorization, read this one resolution.
 */
@AutoConfiguration(after = AiTrustCoreAutoConfiguration.class)
@ConditionalOnAiTrust
public class AiTrustIdentityAutoConfiguration {

	/** Spring Security is on the classpath when this class is; also how security knows whether tokens can be read. */
	static final String SPRING_SECURITY = "org.springframework.security.core.context.SecurityContextHolder";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = SPRING_SECURITY)
	static class SpringSecurityCredentials {

		@Bean
		@ConditionalOnMissingBean
		AuthenticatedCallers aiTrustAuthenticatedCallers() {
			return new SpringSecurityCallers();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(SPRING_SECURITY)
	static class ServletPrincipalCredentials {

		@Bean
		@ConditionalOnMissingBean
		AuthenticatedCallers aiTrustAuthenticatedCallers() {
			return new ServletPrincipalCallers();
		}
	}

	@Bean
	AgentHeader aiTrustAgentHeader(AiTrustProperties properties) {
		AiTrustProperties.Identity identity = properties.identity();
		return new AgentHeader(identity.agentHeader(), TrustedProxies.of(identity.trustedProxies()),
				identity.gatewayClients());
	}

	/** Who is calling, for every capability and for authorization; a host with its own identity model replaces it. */
	@Bean
	@ConditionalOnMissingBean
	CallerResolver aiTrustCallerResolver(AuthenticatedCallers credentials, AgentHeader agentHeader) {
		return new DefaultCallerResolver(credentials, agentHeader);
	}

	/** The source capabilities attribute a request to: its caller's client. */
	@Bean
	@ConditionalOnMissingBean
	RequestSourceResolver aiTrustRequestSourceResolver(CallerResolver callers) {
		return new CallerRequestSourceResolver(callers);
	}

	/** Installed with the capabilities that attribute requests to a source, for every request they see. */
	@Bean
	@Conditional(RequestSourceInUse.class)
	AgentHeaderGuard aiTrustAgentHeaderGuard(AgentHeader agentHeader, CallerResolver callers) {
		return new AgentHeaderGuard(agentHeader, callers);
	}
}
