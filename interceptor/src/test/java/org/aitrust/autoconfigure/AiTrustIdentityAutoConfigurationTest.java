package org.aitrust.autoconfigure;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.interceptor.identity.AgentHeader;
import org.aitrust.interceptor.identity.AgentHeaderGuard;
import org.aitrust.interceptor.identity.AuthenticatedCallers;
import org.aitrust.interceptor.identity.CallerRequestSourceResolver;
import org.aitrust.interceptor.identity.CallerResolver;
import org.aitrust.interceptor.identity.DefaultCallerResolver;
import org.aitrust.interceptor.identity.ServletPrincipalCallers;
import org.aitrust.interceptor.identity.SpringSecurityCallers;
import org.aitrust.interceptor.installation.AiTrustInstallation;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.PlatformTransactionManager;

/** Who is calling: which resolution the wiring picks for the host, and when the agent header guard is installed. */
class AiTrustIdentityAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AiTrustAutoConfigurationTest.moduleAutoConfigurations()))
			.withBean("hospitalServer", RestfulServer.class, () -> new RestfulServer(FhirContext.forR4Cached()));

	@Test
	void withSpringSecurityTheCallerComesFromItsAuthenticationAndEveryCapabilityReadsTheSameResolution() {
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AuthenticatedCallers.class)).isInstanceOf(SpringSecurityCallers.class);
			assertThat(context.getBean(CallerResolver.class)).isInstanceOf(DefaultCallerResolver.class);
			assertThat(context.getBean(RequestSourceResolver.class)).isInstanceOf(CallerRequestSourceResolver.class);
			assertThat(context.getBean(AgentHeader.class).trustedProxies().size()).as("none by default").isZero();
		});
	}

	@Test
	void aHostWithoutSpringSecurityStillWorksFromTheServletPrincipal() {
		withProvenance().withClassLoader(new FilteredClassLoader("org.springframework.security."))
				.run(context -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(AuthenticatedCallers.class)).isInstanceOf(ServletPrincipalCallers.class);
					assertThat(context).hasSingleBean(AgentHeaderGuard.class);
				});
	}

	@Test
	void theGuardIsInstalledFirstWithEveryCapabilityThatAttributesRequestsAndNotOnAServerTheJarWasMerelyAddedTo() {
		runner.run(context -> assertThat(context).doesNotHaveBean(AgentHeaderGuard.class));
		withProvenance().run(context -> {
			assertThat(context).hasSingleBean(AgentHeaderGuard.class);
			assertThat(context.getBean(AiTrustInstallation.class).interceptors())
					.first().isSameAs(context.getBean(AgentHeaderGuard.class));
		});
	}

	private ApplicationContextRunner withProvenance() {
		return runner.withPropertyValues("aitrust.provenance.enabled=true")
				.withBean(FhirContext.class, FhirContext::forR4Cached)
				.withBean(DaoRegistry.class, () -> Mockito.mock(DaoRegistry.class))
				.withBean(PlatformTransactionManager.class, () -> Mockito.mock(PlatformTransactionManager.class))
				.withBean(IInterceptorService.class, InterceptorService::new)
				.withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:mem:aitrust-identity;DB_CLOSE_DELAY=-1"));
	}

	@Test
	void aHostsOwnCallerResolverReplacesTheDefaultAndFeedsTheRequestSources() {
		CallerResolver own = request -> org.aitrust.interceptor.identity.Caller.ofPrincipal("own");
		runner.withBean(CallerResolver.class, () -> own).run(context -> {
			assertThat(context.getBean(CallerResolver.class)).isSameAs(own);
			assertThat(context.getBean(RequestSourceResolver.class).resolve(
					new ca.uhn.fhir.rest.server.servlet.ServletRequestDetails()).clientId()).isEqualTo("own");
		});
	}

	@Test
	void aMalformedTrustedProxyStopsStartUpNamingItsIndex() {
		runner.withPropertyValues("aitrust.identity.trusted-proxies=127.0.0.1/32,localhost").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(InvalidAiTrustPropertyException.class)
					.hasMessageContaining("aitrust.identity.trusted-proxies[1]");
		});
	}
}
