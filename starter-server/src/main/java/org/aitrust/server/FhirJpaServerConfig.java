package org.aitrust.server;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binstore.DatabaseBinaryContentStorageSvcImpl;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.aitrust.server.subscription.RestHookEndpoints;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Wires a HAPI FHIR R4 JPA server: HAPI's own JPA configuration plus the few beans it expects its host
 * to supply, and the {@link RestfulServer} servlet at {@code /fhir/*}. Nothing here knows about the AI
 * Trust module: it arrives through its auto-configuration, as it would in any other HAPI server.
 */
@Configuration
@Import({
	JpaR4Config.class,
	HapiJpaConfig.class,
	ThreadPoolFactoryConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	SubscriptionChannelConfig.class
})
public class FhirJpaServerConfig {

	public static final String FHIR_PATH = "/fhir";

	@Bean
	public JpaStorageSettings jpaStorageSettings() {
		JpaStorageSettings settings = new JpaStorageSettings();
		settings.setAllowMultipleDelete(true);
		settings.setAllowExternalReferences(true);
		return settings;
	}

	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	/**
	 * With {@code aitrust.server.subscriptions.enabled}, REST hook is the one channel type accepted (HAPI refuses any
	 * other with 422), and its endpoint must start with a configured prefix ({@link RestHookEndpoints}); processing
	 * itself is {@link org.aitrust.server.subscription.SubscriptionProcessingConfiguration}. Without it, no channel
	 * type is supported and HAPI runs no subscription processing.
	 */
	@Bean
	public SubscriptionSettings subscriptionSettings(StarterServerProperties properties) {
		SubscriptionSettings settings = new SubscriptionSettings();
		StarterServerProperties.Subscriptions subscriptions = properties.subscriptions();
		if (subscriptions.enabled()) {
			settings.addSupportedSubscriptionType(
					org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType.RESTHOOK);
			settings.setRestHookEndpointUrlValidationRegex(
					new RestHookEndpoints(subscriptions.restHookEndpoints()).validationRegex());
		}
		return settings;
	}

	@Bean
	public IBinaryStorageSvc binaryStorageSvc() {
		return new DatabaseBinaryContentStorageSvcImpl();
	}

	@Bean
	@Primary
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			DataSource dataSource,
			Environment environment) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		Properties jpaProperties = HibernateSettings.forEnvironment(environment);
		factory.setJpaProperties(jpaProperties);
		return factory;
	}

	@Bean
	@Primary
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}

	@Bean
	public RestfulServer restfulServer(
			FhirContext fhirContext,
			ResourceProviderFactory resourceProviders,
			JpaSystemProvider<?, ?> systemProvider,
			IFhirSystemDao<?, ?> systemDao,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			DatabaseBackedPagingProvider pagingProvider,
			StarterServerProperties properties) {
		RestfulServer server = new RestfulServer(fhirContext);
		server.registerProviders(resourceProviders.createProviders());
		server.registerProvider(systemProvider);
		JpaCapabilityStatementProvider capabilityStatement = new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport);
		capabilityStatement.setImplementationDescription("HAPI FHIR JPA server with FHIR AI Trust");
		server.setServerConformanceProvider(capabilityStatement);
		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.registerInterceptor(new ResponseHighlighterInterceptor());
		server.registerInterceptor(new BundleRequestGuard(properties.maxBundleEntries()));
		return server;
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer restfulServer) {
		ServletRegistrationBean<RestfulServer> registration =
				new ServletRegistrationBean<>(restfulServer, FHIR_PATH + "/*");
		registration.setName("fhirServlet");
		registration.setLoadOnStartup(1);
		return registration;
	}

	@Bean
	public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(StarterServerProperties properties) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(properties.maxRequestSize().toBytes()));
		registration.addUrlPatterns(FHIR_PATH + "/*");
		return registration;
	}

	/** Tomcat's own refusals (before any servlet) answer with an OperationOutcome too. */
	@Bean
	public WebServerFactoryCustomizer<TomcatServletWebServerFactory> operationOutcomeErrorReports() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(OperationOutcomeErrorReportValve.class.getName());
			}
		});
	}
}
