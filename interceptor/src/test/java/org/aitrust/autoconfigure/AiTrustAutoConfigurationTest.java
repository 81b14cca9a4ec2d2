package org.aitrust.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.aitrust.interceptor.hapi.UcumWorkerContextAdapterInstaller;
import org.aitrust.interceptor.identity.AgentHeaderGuard;
import org.aitrust.interceptor.installation.AiTrustInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.aitrust.interceptor.availability.DatabaseUnavailableInterceptor;
import org.aitrust.interceptor.provenance.AiProvenanceInterceptor;
import org.aitrust.interceptor.provenance.AiReviewProvider;
import org.aitrust.interceptor.provenance.ModuleProvenanceDeleteConflicts;
import org.aitrust.interceptor.provenance.UnreviewedWorklistBackfill;
import org.aitrust.interceptor.provenance.UnreviewedWorklistInterceptor;
import org.aitrust.interceptor.security.SmartCapabilityStatementContributor;
import org.aitrust.interceptor.security.SmartScopeAuthorizationInterceptor;
import org.aitrust.interceptor.security.CallerScopeSource;
import org.mockito.Mockito;
import org.springframework.transaction.PlatformTransactionManager;
import org.aitrust.interceptor.installation.AiTrustStatusProvider;
import org.aitrust.interceptor.validation.ConformanceCacheInvalidator;
import org.aitrust.interceptor.validation.IgPackage;
import org.aitrust.interceptor.validation.IgPackageRegistry;
import org.aitrust.interceptor.validation.ValidationInterceptor;
import org.aitrust.provenance.AiTransparency;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import javax.sql.DataSource;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.aitrust.interceptor.hapi.UcumWorkerContextAdapter;
import org.aitrust.interceptor.hapi.ValidateOperationEnvelopeUnwrapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the auto-configuration registers for which properties, without starting a FHIR server. */
class AiTrustAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(moduleAutoConfigurations()))
			.withBean("hospitalServer", RestfulServer.class, () -> new RestfulServer(FhirContext.forR4Cached()));

	/** Every auto-configuration the module lists for Spring Boot, as a host application loads them. */
	static Class<?>[] moduleAutoConfigurations() {
		return ImportCandidates.load(AutoConfiguration.class, AiTrustAutoConfigurationTest.class.getClassLoader())
				.getCandidates().stream().filter(name -> name.startsWith("org.aitrust."))
				.map(name -> {
					try {
						return Class.forName(name);
					} catch (ClassNotFoundException e) {
						throw new IllegalStateException(e);
					}
				})
				.toArray(Class<?>[]::new);
	}

	@Test
	void everyCapabilityHasItsOwnAutoConfiguration() {
		assertThat(moduleAutoConfigurations()).extracting(Class::getSimpleName).containsExactlyInAnyOrder(
				"AiTrustCoreAutoConfiguration", "AiTrustIdentityAutoConfiguration",
				"AiTrustDatabaseUnavailableAutoConfiguration",
				"AiTrustProvenanceAutoConfiguration", "AiTrustValidationAutoConfiguration",
				"AiTrustQualityAutoConfiguration", "AiTrustOversightAutoConfiguration",
				"AiTrustDashboardAutoConfiguration", "AiTrustSecurityAutoConfiguration",
				"AiTrustAuditAutoConfiguration");
	}

	@Test
	void byDefaultOnlyTheStatusOperationAndTheDatabaseUnavailableAnswerAreInstalled() {
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(AiTrustStatusProvider.class);
			assertThat(context).doesNotHaveBean(AiProvenanceInterceptor.class);
			assertThat(context.getBean(AiTrustInstallation.class).interceptors())
					.containsExactly(context.getBean(DatabaseUnavailableInterceptor.class));
		});
	}

	@Test
	void theDatabaseUnavailableAnswerCanBeSwitchedOff() {
		runner.withPropertyValues("aitrust.database-unavailable.enabled=false").run(context -> {
			assertThat(context).doesNotHaveBean(DatabaseUnavailableInterceptor.class);
			assertThat(context.getBean(AiTrustInstallation.class).interceptors()).isEmpty();
		});
	}

	@Test
	void aRetryAfterThatIsNotPositiveFailsTheContextNamingTheProperty() {
		runner.withPropertyValues("aitrust.database-unavailable.retry-after=0s").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(InvalidAiTrustPropertyException.class)
					.hasMessageContaining("aitrust.database-unavailable.retry-after");
		});
	}

	@Test
	void provenanceIsInstalledWhenItsPropertySaysSo() {
		IInterceptorService interceptorService = new InterceptorService();
		runner.withPropertyValues("aitrust.provenance.enabled=true")
				.withBean(FhirContext.class, FhirContext::forR4Cached)
				.withBean(DaoRegistry.class, () -> Mockito.mock(DaoRegistry.class))
				.withBean(PlatformTransactionManager.class, () -> Mockito.mock(PlatformTransactionManager.class))
				.withBean(IInterceptorService.class, () -> interceptorService)
				.withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:mem:aitrust-provenance;DB_CLOSE_DELAY=-1"))
				.run(context -> {
					assertThat(context).hasSingleBean(AiProvenanceInterceptor.class);
					assertThat(context).hasSingleBean(AiReviewProvider.class);
					assertThat(context).hasSingleBean(UnreviewedWorklistBackfill.class);
					assertThat(interceptorService.getAllRegisteredInterceptors())
							.as("the worklist sees every write, system writes included")
							.anyMatch(UnreviewedWorklistInterceptor.class::isInstance);
					AiTrustInstallation installation = context.getBean(AiTrustInstallation.class);
					assertThat(installation.interceptors()).containsExactly(
							context.getBean(AgentHeaderGuard.class),
							context.getBean(DatabaseUnavailableInterceptor.class),
							context.getBean(AiProvenanceInterceptor.class),
							context.getBean(ModuleProvenanceDeleteConflicts.class));
					assertThat(installation.providers()).contains(context.getBean(AiReviewProvider.class));
				});
	}

	@Test
	void validationIsInstalledWhenItsPropertySaysSo() {
		FhirContext fhirContext = FhirContext.forR4Cached();
		IValidationSupport chain = new ValidationSupportChain(new DefaultProfileValidationSupport(fhirContext));
		IInterceptorService interceptorService = new InterceptorService();
		runner.withPropertyValues("aitrust.validation.enabled=true", "aitrust.validation.prewarm=false")
				.withBean(FhirContext.class, () -> fhirContext)
				.withBean(IValidationSupport.class, () -> chain)
				.withBean(IInstanceValidatorModule.class, () -> new FhirInstanceValidator(chain))
				.withBean(IInterceptorService.class, () -> interceptorService)
				.withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:mem:aitrust-autoconfig;DB_CLOSE_DELAY=-1"))
				.run(context -> {
					assertThat(context).hasNotFailed();
					ConformanceCacheInvalidator invalidator = context.getBean(ConformanceCacheInvalidator.class);
					assertThat(interceptorService.getAllRegisteredInterceptors()).as("every write, not only REST ones")
							.containsExactly(invalidator);
					assertThat(context.getBean(AiTrustInstallation.class).interceptors()).containsExactly(
							context.getBean(AgentHeaderGuard.class),
							context.getBean(DatabaseUnavailableInterceptor.class),
							context.getBean(ValidationInterceptor.class),
							context.getBean(ValidateOperationEnvelopeUnwrapper.class));
					assertThat(context.getBean(IgPackageRegistry.class).packages())
							.as("the AI Transparency package the module's own writes claim")
							.extracting(IgPackage::id).containsExactly(AiTransparency.MODULE_PACKAGE_ID);
				});
		runner.run(context -> {
			assertThat(context).doesNotHaveBean(ConformanceCacheInvalidator.class);
			assertThat(context).doesNotHaveBean(ValidateOperationEnvelopeUnwrapper.class);
			assertThat(context).doesNotHaveBean(UcumWorkerContextAdapterInstaller.class);
		});
	}

	@Test
	void theMasterSwitchTurnsEverythingOff() {
		runner.withPropertyValues("aitrust.enabled=false", "aitrust.provenance.enabled=true").run(context -> {
			assertThat(context).doesNotHaveBean(AiTrustInstallation.class);
			assertThat(context).doesNotHaveBean(AiProvenanceInterceptor.class);
			assertThat(context).doesNotHaveBean(AiTrustStatusProvider.class);
		});
	}

	@Test
	void theStatusOperationListsEveryCapabilityAndWhetherItIsOn() {
		runner.withPropertyValues("aitrust.dashboard.enabled=true").run(context -> {
			org.hl7.fhir.r4.model.Parameters status = context.getBean(AiTrustStatusProvider.class).status();
			java.util.Map<String, String> capabilities = new java.util.LinkedHashMap<>();
			status.getParameters("capability").forEach(capability -> capabilities.put(
					capability.getPart().get(0).getValue().primitiveValue(),
					capability.getPart().get(1).getValue().primitiveValue()));
			assertThat(capabilities).containsExactly(
					java.util.Map.entry("provenance", "false"),
					java.util.Map.entry("validation", "false"),
					java.util.Map.entry("quality", "false"),
					java.util.Map.entry("oversight", "false"),
					java.util.Map.entry("dashboard", "true"),
					java.util.Map.entry("database-unavailable", "true"),
					java.util.Map.entry("security", "false"),
					java.util.Map.entry("audit", "false"));
		});
	}

	@Test
	void auditPutsHapisBalpInterceptorLastWithTheModulesContextServicesAndADefaultSinkAHostMayReplace() {
		runner.withPropertyValues("aitrust.audit.enabled=true")
				.withBean(FhirContext.class, FhirContext::forR4Cached)
				.withBean(DaoRegistry.class, () -> Mockito.mock(DaoRegistry.class))
				.withBean(PlatformTransactionManager.class, () -> Mockito.mock(PlatformTransactionManager.class))
				.run(context -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink.class))
							.isInstanceOf(org.aitrust.interceptor.audit.ServerAuditEventSink.class);
					assertThat(context.getBean(ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices.class))
							.isInstanceOf(org.aitrust.interceptor.audit.CallerAuditContextServices.class);
					assertThat(context.getBean(AiTrustInstallation.class).interceptors()).containsExactly(
							context.getBean(DatabaseUnavailableInterceptor.class),
							context.getBean(org.aitrust.interceptor.audit.AuditEventWriteGuard.class),
							context.getBean(ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor.class),
							context.getBean(org.aitrust.interceptor.audit.ModuleOperationAudit.class));
				});
		ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink hostSink = event -> { };
		runner.withPropertyValues("aitrust.audit.enabled=true")
				.withBean(FhirContext.class, FhirContext::forR4Cached)
				.withBean(DaoRegistry.class, () -> Mockito.mock(DaoRegistry.class))
				.withBean(PlatformTransactionManager.class, () -> Mockito.mock(PlatformTransactionManager.class))
				.withBean(ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink.class, () -> hostSink)
				.run(context -> assertThat(context.getBean(ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink.class))
						.isSameAs(hostSink));
	}

	@Test
	void theStatusProviderIsRegisteredOnTheHostsRestfulServerBean() {
		runner.run(context -> {
			RestfulServer server = context.getBean(RestfulServer.class);
			assertThat(server.getPlainProviders()).contains(context.getBean(AiTrustStatusProvider.class));
		});
	}

	@Test
	void aBadAgentRegistrationFailsTheContextNamingTheProperty() {
		runner.withPropertyValues(
						"aitrust.provenance.enabled=true",
						"aitrust.provenance.agents[0].id=scribe",
						"aitrust.provenance.agents[0].model-name=Scribe",
						"aitrust.provenance.agents[0].manufacturer=Acme")
				.run(context -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure())
							.isInstanceOf(InvalidAiTrustPropertyException.class)
							.hasMessageContaining("aitrust.provenance.agents[0].model-version");
				});
	}

	@Test
	void securityPutsHapisAuthorizationInterceptorFirstAndShowsItsSettingsWithoutSecretsInTheStatus() {
		runner.withPropertyValues("aitrust.security.enabled=true",
						"aitrust.security.issuer=https://idp.example.org/realms/hospital",
						"aitrust.security.token-endpoint=https://idp.example.org/realms/hospital/token",
						"aitrust.security.grant-types=client_credentials",
						"aitrust.security.admin-scope=AiTrust.Admin",
						"aitrust.identity.agent-header=X-Gateway-Client",
						"aitrust.identity.trusted-proxies=10.1.2.3,192.168.7.0/24")
				.run(context -> {
					assertThat(context).hasNotFailed();
					assertThat(context).hasSingleBean(CallerScopeSource.class);
					assertThat(context.getBean(AiTrustInstallation.class).interceptors()).containsExactly(
							context.getBean(SmartScopeAuthorizationInterceptor.class),
							context.getBean(SmartCapabilityStatementContributor.class),
							context.getBean(DatabaseUnavailableInterceptor.class));
					org.hl7.fhir.r4.model.Parameters status = context.getBean(AiTrustStatusProvider.class).status();
					org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent security = status
							.getParameters("capability").stream()
							.filter(c -> "security".equals(c.getPart().get(0).getValue().primitiveValue()))
							.findFirst().orElseThrow();
					assertThat(security.getPart()).extracting(part -> part.getName() + "=" + part.getValue().primitiveValue())
							.containsExactly("name=security", "enabled=true", "scopes-enforced=true",
									"issuer=https://idp.example.org/realms/hospital",
									"token-endpoint=https://idp.example.org/realms/hospital/token",
									"admin-scope=AiTrust.Admin", "review-scope=aitrust/review",
									"reports-scope=aitrust/reports", "agent-header=X-Gateway-Client",
									"trusted-proxies=2");
					assertThat(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(status))
							.as("the proxies' addresses are not shown").doesNotContain("10.1.2.3", "192.168.7.0");
				});
		runner.run(context -> {
			assertThat(context).doesNotHaveBean(SmartScopeAuthorizationInterceptor.class);
			org.hl7.fhir.r4.model.Parameters status = context.getBean(AiTrustStatusProvider.class).status();
			assertThat(status.getParameters("capability").stream()
							.filter(c -> "security".equals(c.getPart().get(0).getValue().primitiveValue()))
							.findFirst().orElseThrow().getPart())
					.extracting(part -> part.getName() + "=" + part.getValue().primitiveValue())
					.as("off, and the defaults a token is read with even so")
					.containsExactly("name=security", "enabled=false", "scopes-enforced=false",
							"admin-scope=aitrust/admin", "review-scope=aitrust/review", "reports-scope=aitrust/reports",
							"agent-header=X-AI-Agent", "trusted-proxies=0");
		});
	}

	@Test
	void securityWithoutATokenEndpointFailsTheContextNamingIt() {
		runner.withPropertyValues("aitrust.security.enabled=true").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(InvalidAiTrustPropertyException.class)
					.hasMessageContaining("aitrust.security.token-endpoint");
		});
	}

	@Test
	void securityWithoutSpringSecurityOrAScopeSourceFailsTheContextNamingTheSwitch() {
		runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(
						org.springframework.security.core.context.SecurityContextHolder.class))
				.withPropertyValues("aitrust.security.enabled=true",
						"aitrust.security.token-endpoint=https://idp.example.org/token",
						"aitrust.security.grant-types=client_credentials")
				.run(context -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).rootCause()
							.isInstanceOf(InvalidAiTrustPropertyException.class)
							.hasMessageContaining("aitrust.security.enabled").hasMessageContaining("ScopeSource");
				});
	}
}
