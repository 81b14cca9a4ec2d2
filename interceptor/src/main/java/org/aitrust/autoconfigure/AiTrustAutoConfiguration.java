package org.aitrust.autoconfigure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.aitrust.interceptor.provenance.AiAgentRegistry;
import org.aitrust.interceptor.provenance.AiDeviceRegistry;
import org.aitrust.interceptor.provenance.AiProvenanceInterceptor;
import org.aitrust.interceptor.provenance.AiReviewProvider;
import org.aitrust.interceptor.source.RequestSourceResolver;
import org.aitrust.interceptor.status.AiTrustStatusProvider;
import org.aitrust.interceptor.terminology.ValidationChainInstaller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Installs FHIR AI Trust on a HAPI FHIR server when the jar is on its classpath. Nothing beyond the
 * {@code $aitrust-status} operation is registered unless its {@code aitrust.*.enabled} property says so;
 * {@code aitrust.enabled=false} turns the whole module off.
 */
@AutoConfiguration
@ConditionalOnClass(RestfulServer.class)
@ConditionalOnProperty(prefix = AiTrustProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(AiTrustProperties.class)
public class AiTrustAutoConfiguration {

	@Bean
	static AiTrustPropertiesCheck aiTrustPropertiesCheck() {
		return new AiTrustPropertiesCheck();
	}

	@Bean
	static RestfulServerInstaller aiTrustRestfulServerInstaller(ObjectProvider<AiTrustInstallation> installation) {
		return new RestfulServerInstaller(installation);
	}

	/** The module's clock; tests and simulations replace it to move time. */
	@Bean
	@ConditionalOnMissingBean(name = "aiTrustClock")
	Clock aiTrustClock() {
		return Clock.systemUTC();
	}

	@Bean
	RequestSourceResolver aiTrustRequestSourceResolver(AiTrustProperties properties) {
		return new RequestSourceResolver(properties.provenance().agentHeader());
	}

	@Bean
	AiTrustStatusProvider aiTrustStatusProvider(AiTrustProperties properties) {
		return new AiTrustStatusProvider(properties);
	}

	@Bean
	AiTrustInstallation aiTrustInstallation(
			AiTrustStatusProvider statusProvider,
			ObjectProvider<AiProvenanceInterceptor> provenance,
			ObjectProvider<AiReviewProvider> review) {
		List<Object> interceptors = new ArrayList<>();
		List<Object> providers = new ArrayList<>();
		providers.add(statusProvider);
		provenance.ifAvailable(interceptors::add);
		review.ifAvailable(providers::add);
		AiTrustInstallation installation = new AiTrustInstallation(interceptors, providers);
		statusProvider.describe(installation);
		return installation;
	}

	/** AI provenance: labelling, AI-Provenance, the review operations ({@code aitrust.provenance.enabled}). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "aitrust.provenance", name = "enabled", havingValue = "true")
	static class ProvenanceConfiguration {

		/** AIAST labels must not make the labelled resources invalid in the server's own validation. */
		@Bean
		static ValidationChainInstaller aiTrustValidationChainInstaller() {
			return new ValidationChainInstaller();
		}

		@Bean
		AiDeviceRegistry aiDeviceRegistry(
				DaoRegistry daoRegistry, PlatformTransactionManager transactionManager, AiTrustProperties properties) {
			return new AiDeviceRegistry(daoRegistry, transactionManager, properties.provenance().deviceCacheSize());
		}

		@Bean
		AiProvenanceInterceptor aiProvenanceInterceptor(
				FhirContext fhirContext,
				DaoRegistry daoRegistry,
				RequestSourceResolver sources,
				AiDeviceRegistry devices,
				Clock aiTrustClock,
				AiTrustProperties properties) {
			AiTrustProperties.Provenance settings = properties.provenance();
			return new AiProvenanceInterceptor(fhirContext, daoRegistry, sources,
							new AiAgentRegistry(settings.agents()), devices, aiTrustClock)
					.setAllowProvenanceChanges(settings.allowProvenanceChanges())
					.setAllowLabelRemoval(settings.allowLabelRemoval());
		}

		@Bean
		AiReviewProvider aiReviewProvider(
				DaoRegistry daoRegistry, PlatformTransactionManager transactionManager, Clock aiTrustClock) {
			return new AiReviewProvider(daoRegistry, transactionManager, aiTrustClock);
		}
	}
}
