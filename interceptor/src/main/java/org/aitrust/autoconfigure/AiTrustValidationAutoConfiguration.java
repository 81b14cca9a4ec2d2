package org.aitrust.autoconfigure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.interceptor.hapi.InstanceValidatorReuseInstaller;
import org.aitrust.interceptor.hapi.UcumWorkerContextAdapterInstaller;
import org.aitrust.interceptor.hapi.ValidateOperationEnvelopeUnwrapper;
import org.aitrust.interceptor.installation.StorageInterceptorRegistrar;
import org.aitrust.interceptor.validation.ConformanceCacheInvalidator;
import org.aitrust.interceptor.validation.IgPackageLoader;
import org.aitrust.interceptor.validation.IgPackageProvider;
import org.aitrust.interceptor.validation.IgPackageRegistry;
import org.aitrust.interceptor.validation.IgPackageRegistryInitializer;
import org.aitrust.interceptor.validation.IgPackageStore;
import org.aitrust.interceptor.validation.IgPackageSupport;
import org.aitrust.interceptor.validation.ProfileValidator;
import org.aitrust.interceptor.validation.TerminologyCoverage;
import org.aitrust.interceptor.validation.ValidationCacheReset;
import org.aitrust.interceptor.validation.ValidationInterceptor;
import org.aitrust.interceptor.validation.ValidationMessageTriage;
import org.aitrust.interceptor.validation.ValidationMeters;
import org.aitrust.interceptor.validation.ValidationPrewarmer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.io.ResourceLoader;

/** Profile validation of every arriving resource ({@code aitrust.validation.enabled}). */
@AutoConfiguration(after = AiTrustCoreAutoConfiguration.class)
@ConditionalOnAiTrust
@ConditionalOnProperty(prefix = "aitrust.validation", name = "enabled", havingValue = "true")
public class AiTrustValidationAutoConfiguration {

	/** One core validator per thread at a time, reused, instead of a new one per resource. */
	@Bean
	static InstanceValidatorReuseInstaller aiTrustInstanceValidatorReuseInstaller() {
		return new InstanceValidatorReuseInstaller();
	}

	/** Quantities in other units than a profile's min/max value are converted (HAPI's worker context cannot). */
	@Bean
	static UcumWorkerContextAdapterInstaller aiTrustUcumWorkerContextInstaller() {
		return new UcumWorkerContextAdapterInstaller();
	}

	@Bean
	@DependsOn(AiTrustCoreAutoConfiguration.MODULE_SCHEMA)
	IgPackageStore aiTrustIgPackageStore(DataSource dataSource) {
		return new IgPackageStore(dataSource);
	}

	@Bean
	TerminologyCoverage aiTrustTerminologyCoverage(IValidationSupport validationSupport) {
		return new TerminologyCoverage(validationSupport);
	}

	@Bean
	ValidationCacheReset aiTrustValidationCacheReset(
			IValidationSupport validationSupport, TerminologyCoverage coverage, IInstanceValidatorModule instanceValidator) {
		return new ValidationCacheReset(validationSupport, coverage, instanceValidator);
	}

	@Bean
	IgPackageRegistry aiTrustIgPackageRegistry(
			FhirContext fhirContext,
			IgPackageStore store,
			ValidationCacheReset cacheReset,
			Clock aiTrustClock,
			AiTrustProperties properties) {
		// not a bean: it is an IValidationSupport, and a second one would make the host's injection ambiguous
		return new IgPackageRegistry(new IgPackageSupport(fhirContext), store,
				PropertyMappings.packageLimits(properties.validation().packageLimits()), cacheReset, aiTrustClock);
	}

	/**
	 * Loads the module's AI Transparency package and the configured ones; a bad location, or a package beyond the
	 * package limits, names its property.
	 */
	@Bean
	IgPackageRegistryInitializer aiTrustIgPackageRegistryInitializer(
			IValidationSupport validationSupport,
			IgPackageRegistry registry,
			ResourceLoader resourceLoader,
			AiTrustProperties properties) {
		return new IgPackageRegistryInitializer(validationSupport, registry,
				PropertyMappings.packagesToLoad(
						new IgPackageLoader(resourceLoader, PropertyMappings.packageLimits(properties.validation().packageLimits())),
						properties.validation().packages()));
	}

	@Bean
	@ConditionalOnMissingBean
	ProfileValidator aiTrustProfileValidator(
			FhirContext fhirContext,
			IInstanceValidatorModule instanceValidator,
			TerminologyCoverage coverage,
			AiTrustProperties properties) {
		AiTrustProperties.Validation settings = properties.validation();
		return new ProfileValidator(fhirContext, instanceValidator, PropertyMappings.validationPolicy(settings),
				new ValidationMessageTriage(settings.unknownProfile(), settings.uncheckableTerminology(), coverage::isGap));
	}

	@Bean
	ValidationInterceptor aiTrustValidationInterceptor(
			FhirContext fhirContext,
			ProfileValidator validator,
			RequestSourceResolver sources,
			ObjectProvider<MeterRegistry> meterRegistry,
			AiTrustProperties properties) {
		return new ValidationInterceptor(fhirContext, validator, sources, new ValidationMeters(meterRegistry.getIfAvailable()))
				.setWarnTag(PropertyMappings.coding(properties.validation().warnTag(), "Stored with validation issues"));
	}

	/**
	 * Conformance resources stored on the server count from their commit on, whichever way they are written; only
	 * the caches the resource can affect are emptied.
	 */
	@Bean
	ConformanceCacheInvalidator aiTrustConformanceCacheInvalidator(ValidationCacheReset cacheReset) {
		return new ConformanceCacheInvalidator(cacheReset::invalidate);
	}

	@Bean
	StorageInterceptorRegistrar aiTrustValidationStorageInterceptors(
			IInterceptorService interceptorService, ConformanceCacheInvalidator invalidator) {
		return new StorageInterceptorRegistrar(interceptorService, List.of(invalidator));
	}

	/** {@code $validate} with a Parameters body validates the resource it carries, against the profile it names. */
	@Bean
	ValidateOperationEnvelopeUnwrapper aiTrustValidateOperationEnvelopeUnwrapper() {
		return new ValidateOperationEnvelopeUnwrapper();
	}

	@Bean
	IgPackageProvider aiTrustIgPackageProvider(IgPackageRegistry registry) {
		return new IgPackageProvider(registry);
	}

	@Bean
	@DependsOn("aiTrustIgPackageRegistryInitializer")
	@ConditionalOnProperty(prefix = "aitrust.validation", name = "prewarm", havingValue = "true", matchIfMissing = true)
	ValidationPrewarmer aiTrustValidationPrewarmer(
			FhirContext fhirContext, IValidationSupport validationSupport, ProfileValidator validator) {
		return new ValidationPrewarmer(fhirContext, validationSupport, validator);
	}
}
