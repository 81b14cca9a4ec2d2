package org.aitrust.autoconfigure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.aitrust.interceptor.provenance.AiAgentRegistry;
import org.aitrust.interceptor.provenance.AiDeviceRegistry;
import org.aitrust.interceptor.provenance.AiProvenanceInterceptor;
import org.aitrust.interceptor.provenance.AiReviewProvider;
import org.aitrust.interceptor.source.RequestSourceResolver;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.aitrust.interceptor.quality.DaoCheckContext;
import org.aitrust.interceptor.quality.DataQualityMeasure;
import org.aitrust.interceptor.quality.DataQualityMeasurePublisher;
import org.aitrust.interceptor.quality.DataQualityProvider;
import org.aitrust.interceptor.quality.DataQualityReportBuilder;
import org.aitrust.interceptor.quality.DimensionCap;
import org.aitrust.interceptor.quality.DqdExportInterceptor;
import org.aitrust.interceptor.quality.QualityEventFactory;
import org.aitrust.interceptor.quality.QualityEventStore;
import org.aitrust.interceptor.quality.QualityInterceptor;
import org.aitrust.interceptor.quality.QualityMeters;
import org.aitrust.interceptor.quality.RecentResources;
import org.aitrust.interceptor.quality.ServerKnowledge;
import org.aitrust.interceptor.quality.Thresholds;
import org.aitrust.interceptor.quality.check.QualityCheck;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.quality.check.VitalSignRanges;
import org.aitrust.interceptor.status.AiTrustStatusProvider;
import org.aitrust.interceptor.terminology.ValidationChainInstaller;
import org.aitrust.interceptor.validation.ConformanceCacheInvalidator;
import org.aitrust.interceptor.validation.UcumWorkerContextAdapter;
import org.aitrust.interceptor.validation.ValidateOperationEnvelopeUnwrapper;
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
			ObjectProvider<AiReviewProvider> review,
			ObjectProvider<QualityInterceptor> quality,
			ObjectProvider<DqdExportInterceptor> dqdExport,
			ObjectProvider<DataQualityProvider> dataQuality,
			ObjectProvider<ValidateOperationEnvelopeUnwrapper> validateEnvelope) {
		List<Object> interceptors = new ArrayList<>();
		List<Object> providers = new ArrayList<>();
		providers.add(statusProvider);
		provenance.ifAvailable(interceptors::add);
		review.ifAvailable(providers::add);
		quality.ifAvailable(interceptors::add);
		dqdExport.ifAvailable(interceptors::add);
		dataQuality.ifAvailable(providers::add);
		validateEnvelope.ifAvailable(interceptors::add);
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

	/** Profile validation ({@code aitrust.validation.enabled}). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "aitrust.validation", name = "enabled", havingValue = "true")
	static class ValidationConfiguration {

		/** Quantities in other units than a profile's min/max value are converted (HAPI's worker context cannot). */
		@Bean
		static UcumWorkerContextAdapter.Installer aiTrustUcumWorkerContextInstaller() {
			return new UcumWorkerContextAdapter.Installer();
		}

		/** Conformance resources stored on the server count from their commit on; registered for every write. */
		@Bean
		ConformanceCacheInvalidator aiTrustConformanceCacheInvalidator(
				IValidationSupport validationSupport,
				ObjectProvider<IInstanceValidatorModule> instanceValidator,
				IInterceptorService interceptorService) {
			ConformanceCacheInvalidator invalidator =
					new ConformanceCacheInvalidator(validationSupport, instanceValidator.getIfAvailable());
			interceptorService.registerInterceptor(invalidator);
			return invalidator;
		}

		/** {@code $validate} with a Parameters body validates the resource it carries, against the profile it names. */
		@Bean
		ValidateOperationEnvelopeUnwrapper aiTrustValidateOperationEnvelopeUnwrapper() {
			return new ValidateOperationEnvelopeUnwrapper();
		}
	}

	/** Data-quality metrics: measure every arriving resource, answer {@code $data-quality} ({@code aitrust.quality.enabled}). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "aitrust.quality", name = "enabled", havingValue = "true")
	static class QualityConfiguration {

		@Bean
		QualityEventStore aiTrustQualityEventStore(DataSource dataSource) {
			QualityEventStore store = new QualityEventStore(dataSource);
			store.createSchema();
			return store;
		}

		@Bean
		QualityChecks aiTrustQualityChecks(FhirContext fhirContext) {
			return new QualityChecks(QualityChecks.defaults(fhirContext));
		}

		@Bean
		Thresholds aiTrustQualityThresholds(AiTrustProperties properties, QualityChecks checks) {
			AiTrustProperties.Quality settings = properties.quality();
			List<InvalidAiTrustPropertyException.Violation> unknown = settings.thresholds().keySet().stream()
					.filter(id -> checks.byId(id).isEmpty())
					.map(id -> new InvalidAiTrustPropertyException.Violation("aitrust.quality.thresholds." + id,
							settings.thresholds().get(id), "names no check; known checks: "
									+ checks.checks().stream().map(QualityCheck::id).toList()))
					.toList();
			if (!unknown.isEmpty()) {
				throw new InvalidAiTrustPropertyException(unknown);
			}
			return new Thresholds(settings.defaultThreshold(), settings.thresholds());
		}

		@Bean
		QualityInterceptor aiTrustQualityInterceptor(
				QualityEventStore store,
				QualityChecks checks,
				RequestSourceResolver sources,
				DaoRegistry daoRegistry,
				PlatformTransactionManager transactionManager,
				ObjectProvider<MeterRegistry> meterRegistry,
				IValidationSupport validationSupport,
				Clock aiTrustClock,
				AiTrustProperties properties) {
			AiTrustProperties.Quality settings = properties.quality();
			QualityEventFactory events = new QualityEventFactory(checks,
					new DimensionCap(settings.maxSources(), store.distinct("SOURCE")),
					new DimensionCap(settings.maxProfiles(), store.distinct("PROFILE")),
					aiTrustClock);
			VitalSignRanges ranges = VitalSignRanges.defaults();
			ServerKnowledge knowledge = new ServerKnowledge(validationSupport);
			RecentResources recent = new RecentResources(10_000, java.time.Duration.ofMinutes(1));
			return new QualityInterceptor(store, events, sources,
					() -> new DaoCheckContext(daoRegistry, aiTrustClock, settings.clockSkew(), ranges, knowledge, recent),
					new QualityMeters(meterRegistry.getIfAvailable()),
					transactionManager);
		}

		@Bean
		DqdExportInterceptor aiTrustDqdExportInterceptor() {
			return new DqdExportInterceptor();
		}

		@Bean
		DataQualityMeasurePublisher aiTrustDataQualityMeasurePublisher(
				DaoRegistry daoRegistry, QualityChecks checks, Thresholds thresholds) {
			return new DataQualityMeasurePublisher(daoRegistry, DataQualityMeasure.describe(checks, thresholds));
		}

		@Bean
		DataQualityProvider aiTrustDataQualityProvider(
				QualityEventStore store, QualityChecks checks, Thresholds thresholds, Clock aiTrustClock) {
			return new DataQualityProvider(store, checks,
					new DataQualityReportBuilder(checks, thresholds, aiTrustClock), aiTrustClock);
		}
	}
}
