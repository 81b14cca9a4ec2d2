package org.aitrust.autoconfigure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.aitrust.interceptor.availability.DatabaseUnavailableInterceptor;
import org.aitrust.interceptor.dashboard.DashboardSettingsController;
import org.aitrust.interceptor.dashboard.DashboardWebConfigurer;
import org.aitrust.interceptor.oversight.AiOversightProvider;
import org.aitrust.interceptor.oversight.DriftPolicy;
import org.aitrust.interceptor.oversight.OversightReportBuilder;
import org.aitrust.interceptor.oversight.OversightWindows;
import org.aitrust.interceptor.oversight.SmallCellSuppression;
import org.aitrust.interceptor.provenance.AiAgentRegistry;
import org.aitrust.interceptor.provenance.AiDeviceRegistry;
import org.aitrust.interceptor.provenance.AiProvenanceInterceptor;
import org.aitrust.interceptor.provenance.AiReviewProvider;
import org.aitrust.interceptor.quality.DaoCheckContext;
import org.aitrust.interceptor.quality.DataQualityMeasure;
import org.aitrust.interceptor.quality.DataQualityMeasurePublisher;
import org.aitrust.interceptor.quality.DataQualityProvider;
import org.aitrust.interceptor.quality.DataQualityReportBuilder;
import org.aitrust.interceptor.quality.DimensionCap;
import org.aitrust.interceptor.quality.DqdExportInterceptor;
import org.aitrust.interceptor.quality.IdentifierIndex;
import org.aitrust.interceptor.quality.QualityEventFactory;
import org.aitrust.interceptor.quality.QualityInterceptor;
import org.aitrust.interceptor.quality.QualityMeters;
import org.aitrust.interceptor.quality.RecentResources;
import org.aitrust.interceptor.quality.ServerKnowledge;
import org.aitrust.interceptor.quality.Thresholds;
import org.aitrust.interceptor.quality.check.QualityCheck;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.quality.check.ValidationErrorCheck;
import org.aitrust.interceptor.quality.check.VitalSignRanges;
import org.aitrust.interceptor.source.RequestSourceResolver;
import org.aitrust.interceptor.status.AiTrustStatusProvider;
import org.aitrust.interceptor.store.Breakdown;
import org.aitrust.interceptor.store.ModuleSchema;
import org.aitrust.interceptor.store.OversightReader;
import org.aitrust.interceptor.store.QualityEventWriter;
import org.aitrust.interceptor.store.QualityReportReader;
import org.aitrust.interceptor.terminology.ValidationChainInstaller;
import org.aitrust.interceptor.validation.ConformanceCacheInvalidator;
import org.aitrust.interceptor.validation.IgPackage;
import org.aitrust.interceptor.validation.IgPackageLoader;
import org.aitrust.interceptor.validation.IgPackageProvider;
import org.aitrust.interceptor.validation.IgPackageRegistry;
import org.aitrust.interceptor.validation.IgPackageStore;
import org.aitrust.interceptor.validation.IgPackageSupport;
import org.aitrust.interceptor.validation.InstanceValidatorReuseInstaller;
import org.aitrust.interceptor.validation.ProfileValidator;
import org.aitrust.interceptor.validation.ReusingInstanceValidator;
import org.aitrust.interceptor.validation.TerminologyCoverage;
import org.aitrust.interceptor.validation.UcumWorkerContextAdapter;
import org.aitrust.interceptor.validation.ValidateOperationEnvelopeUnwrapper;
import org.aitrust.interceptor.validation.ValidationInterceptor;
import org.aitrust.interceptor.validation.ValidationMessageTriage;
import org.aitrust.interceptor.validation.ValidationMeters;
import org.aitrust.interceptor.validation.ValidationPolicy;
import org.aitrust.interceptor.validation.ValidationPrewarmer;
import org.aitrust.interceptor.validation.ValidationRule;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Coding;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Installs FHIR AI Trust on a HAPI FHIR server when the jar is on its classpath. Nothing beyond the
 * {@code $aitrust-status} operation and the 503 answer to a lost database connection is registered unless its
 * {@code aitrust.*.enabled} property says so; {@code aitrust.enabled=false} turns the whole module off.
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

	/**
	 * The module's tables, migrated once at start-up. Lazy: made, and the migrations run, only when a feature
	 * with tables (quality, oversight, validation) asks for it, which every store bean does before it is used.
	 */
	@Bean
	@Lazy
	ModuleSchema aiTrustModuleSchema(DataSource dataSource) {
		ModuleSchema schema = new ModuleSchema(dataSource);
		schema.migrate();
		return schema;
	}

	/** AIAST labels must not make the labelled resources invalid in the server's own validation. */
	@Bean
	@Conditional(ProvenanceOrValidationEnabled.class)
	static ValidationChainInstaller aiTrustValidationChainInstaller() {
		return new ValidationChainInstaller();
	}

	/**
	 * Provenance or validation is on. Property conditions rather than an expression, so a malformed value is
	 * reported by the property check naming it, not by an expression parser.
	 */
	static class ProvenanceOrValidationEnabled extends AnyNestedCondition {

		ProvenanceOrValidationEnabled() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(prefix = "aitrust.provenance", name = "enabled", havingValue = "true")
		static class Provenance {}

		@ConditionalOnProperty(prefix = "aitrust.validation", name = "enabled", havingValue = "true")
		static class Validation {}
	}

	@Bean
	RequestSourceResolver aiTrustRequestSourceResolver(AiTrustProperties properties) {
		return new RequestSourceResolver(properties.provenance().agentHeader());
	}

	@Bean
	AiTrustStatusProvider aiTrustStatusProvider(AiTrustProperties properties) {
		return new AiTrustStatusProvider(properties);
	}

	/**
	 * A request that failed for a lost or unobtainable database connection gets 503 with Retry-After. On by default
	 * ({@code aitrust.database-unavailable.enabled}): it only changes the status of answers that were failures.
	 */
	@Bean
	@ConditionalOnProperty(prefix = "aitrust.database-unavailable", name = "enabled", havingValue = "true",
			matchIfMissing = true)
	DatabaseUnavailableInterceptor aiTrustDatabaseUnavailableInterceptor(AiTrustProperties properties) {
		return new DatabaseUnavailableInterceptor(properties.databaseUnavailable().retryAfter());
	}

	@Bean
	AiTrustInstallation aiTrustInstallation(
			AiTrustStatusProvider statusProvider,
			ObjectProvider<DatabaseUnavailableInterceptor> databaseUnavailable,
			ObjectProvider<AiProvenanceInterceptor> provenance,
			ObjectProvider<AiReviewProvider> review,
			ObjectProvider<QualityInterceptor> quality,
			ObjectProvider<DqdExportInterceptor> dqdExport,
			ObjectProvider<DataQualityProvider> dataQuality,
			ObjectProvider<AiOversightProvider> oversight,
			ObjectProvider<ValidationInterceptor> validation,
			ObjectProvider<ValidateOperationEnvelopeUnwrapper> validateEnvelope,
			ObjectProvider<IgPackageProvider> packages) {
		List<Object> interceptors = new ArrayList<>();
		List<Object> providers = new ArrayList<>();
		providers.add(statusProvider);
		databaseUnavailable.ifAvailable(interceptors::add);
		provenance.ifAvailable(interceptors::add);
		validation.ifAvailable(interceptors::add);
		validateEnvelope.ifAvailable(interceptors::add);
		packages.ifAvailable(providers::add);
		review.ifAvailable(providers::add);
		quality.ifAvailable(interceptors::add);
		dqdExport.ifAvailable(interceptors::add);
		dataQuality.ifAvailable(providers::add);
		oversight.ifAvailable(providers::add);
		AiTrustInstallation installation = new AiTrustInstallation(interceptors, providers);
		statusProvider.describe(installation);
		return installation;
	}

	/** AI provenance: labelling, AI-Provenance, the review operations ({@code aitrust.provenance.enabled}). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "aitrust.provenance", name = "enabled", havingValue = "true")
	static class ProvenanceConfiguration {

		@Bean
		AiDeviceRegistry aiDeviceRegistry(
				DaoRegistry daoRegistry, PlatformTransactionManager transactionManager, AiTrustProperties properties) {
			return new AiDeviceRegistry(daoRegistry, transactionManager, properties.provenance().deviceCacheSize());
		}

		@Bean
		AiAgentRegistry aiAgentRegistry(AiTrustProperties properties) {
			return new AiAgentRegistry(properties.provenance().agents());
		}

		@Bean
		AiProvenanceInterceptor aiProvenanceInterceptor(
				FhirContext fhirContext,
				DaoRegistry daoRegistry,
				RequestSourceResolver sources,
				AiAgentRegistry agents,
				AiDeviceRegistry devices,
				Clock aiTrustClock,
				AiTrustProperties properties) {
			AiTrustProperties.Provenance settings = properties.provenance();
			return new AiProvenanceInterceptor(fhirContext, daoRegistry, sources, agents, devices, aiTrustClock)
					.setAllowProvenanceChanges(settings.allowProvenanceChanges())
					.setAllowLabelRemoval(settings.allowLabelRemoval());
		}

		@Bean
		AiReviewProvider aiReviewProvider(
				DaoRegistry daoRegistry,
				AiAgentRegistry agents,
				PlatformTransactionManager transactionManager,
				Clock aiTrustClock) {
			return new AiReviewProvider(daoRegistry, agents, transactionManager, aiTrustClock);
		}
	}

	/**
	 * The quality dashboard page ({@code aitrust.dashboard.enabled}), served through the host's Spring MVC. Named
	 * by class name so that a host without Spring MVC never loads these types.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "aitrust.dashboard", name = "enabled", havingValue = "true")
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.config.annotation.WebMvcConfigurer")
	static class DashboardConfiguration {

		@Bean
		DashboardWebConfigurer aiTrustDashboardWebConfigurer(AiTrustProperties properties) {
			return new DashboardWebConfigurer(properties.dashboard().path());
		}

		@Bean
		DashboardSettingsController aiTrustDashboardSettingsController(AiTrustProperties properties) {
			return new DashboardSettingsController(properties.dashboard().fhirBase());
		}
	}

	/** Data-quality metrics: measure every arriving resource, answer {@code $data-quality} ({@code aitrust.quality.enabled}). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "aitrust.quality", name = "enabled", havingValue = "true")
	static class QualityConfiguration {

		@Bean
		QualityEventWriter aiTrustQualityEventWriter(DataSource dataSource, ModuleSchema schema) {
			return new QualityEventWriter(dataSource);
		}

		@Bean
		QualityReportReader aiTrustQualityReportReader(DataSource dataSource, ModuleSchema schema) {
			return new QualityReportReader(dataSource);
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
				QualityEventWriter writer,
				QualityReportReader store,
				QualityChecks checks,
				RequestSourceResolver sources,
				DaoRegistry daoRegistry,
				PlatformTransactionManager transactionManager,
				ObjectProvider<MeterRegistry> meterRegistry,
				IValidationSupport validationSupport,
				IInterceptorService interceptorService,
				Clock aiTrustClock,
				AiTrustProperties properties,
				DataSource dataSource,
				PartitionSettings partitionSettings) {
			AiTrustProperties.Quality settings = properties.quality();
			IdentifierIndex identifiers = new IdentifierIndex(dataSource, partitionSettings);
			QualityEventFactory events = new QualityEventFactory(checks,
					new DimensionCap(settings.maxSources(), store.distinct("SOURCE")),
					new DimensionCap(settings.maxProfiles(), store.distinct("PROFILE")),
					breakdownCaps(store, settings.maxBreakdownItems()),
					new DimensionCap(settings.maxModels(), store.distinct("AI_MODEL")),
					aiTrustClock);
			VitalSignRanges ranges = VitalSignRanges.defaults();
			ServerKnowledge knowledge = new ServerKnowledge(validationSupport);
			// profiles and code systems stored on the server count from their commit on
			interceptorService.registerInterceptor(new ConformanceCacheInvalidator(knowledge::forget));
			RecentResources recent = new RecentResources(10_000, java.time.Duration.ofMinutes(1));
			return new QualityInterceptor(writer, events, sources,
					() -> new DaoCheckContext(daoRegistry, aiTrustClock, settings.clockSkew(), ranges, knowledge, recent,
							identifiers),
					new QualityMeters(meterRegistry.getIfAvailable()),
					transactionManager);
		}

		private static Map<Breakdown, DimensionCap> breakdownCaps(QualityReportReader store, int limit) {
			Map<Breakdown, DimensionCap> caps = new EnumMap<>(Breakdown.class);
			for (Breakdown breakdown : Breakdown.values()) {
				caps.put(breakdown, new DimensionCap(limit, store.distinctItems(breakdown)));
			}
			return caps;
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
				QualityReportReader store, QualityChecks checks, Thresholds thresholds, Clock aiTrustClock) {
			return new DataQualityProvider(store, checks,
					new DataQualityReportBuilder(checks, thresholds, aiTrustClock), aiTrustClock);
		}
	}

	/**
	 * AI oversight: per-model drift and equity from the data-quality counts ({@code aitrust.oversight.enabled}, which
	 * start-up refuses without {@code aitrust.quality.enabled}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = AiTrustProperties.PREFIX, name = {"oversight.enabled", "quality.enabled"},
			havingValue = "true")
	static class OversightConfiguration {

		/** The checks followed per model: validation, and every plausibility check. */
		private static List<String> judgedChecks(QualityChecks checks) {
			List<String> judged = new ArrayList<>();
			judged.add(ValidationErrorCheck.ID);
			checks.checks().stream().filter(check -> check.category().category().equals("Plausibility"))
					.map(QualityCheck::id).forEach(judged::add);
			return judged;
		}

		@Bean
		AiOversightProvider aiTrustOversightProvider(
				DataSource dataSource, ModuleSchema schema, QualityChecks checks, AiTrustProperties properties,
				Clock aiTrustClock) {
			AiTrustProperties.Oversight settings = properties.oversight();
			OversightReader store = new OversightReader(dataSource, judgedChecks(checks));
			Map<String, LocalDate[]> pinned = new HashMap<>();
			settings.pinnedBaselines().forEach(p -> pinned.put(p.model(), new LocalDate[] {p.start(), p.end()}));
			OversightReportBuilder reports = new OversightReportBuilder(store,
					new OversightWindows(settings.baselineDays(), pinned),
					new DriftPolicy(settings.significance(), settings.minimumEffect()),
					new SmallCellSuppression(settings.smallCellThreshold()), aiTrustClock);
			return new AiOversightProvider(store, reports, settings.recentDays(), aiTrustClock);
		}
	}

	/** Profile validation of every arriving resource ({@code aitrust.validation.enabled}). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "aitrust.validation", name = "enabled", havingValue = "true")
	static class ValidationConfiguration {

		/** The AI Transparency conformance resources the module's own writes claim; always loaded first. */
		static final String AI_TRANSPARENCY_PACKAGE = "classpath:packages/aitrust.fixtures.aitransparency-0.1.0.tgz";

		/** One core validator per thread at a time, reused, instead of a new one per resource. */
		@Bean
		static InstanceValidatorReuseInstaller aiTrustInstanceValidatorReuseInstaller() {
			return new InstanceValidatorReuseInstaller();
		}

		@Bean
		IgPackageStore aiTrustIgPackageStore(DataSource dataSource, ModuleSchema schema) {
			return new IgPackageStore(dataSource);
		}

		@Bean
		IgPackageRegistry aiTrustIgPackageRegistry(
				FhirContext fhirContext,
				IValidationSupport validationSupport,
				IInstanceValidatorModule instanceValidator,
				IgPackageStore store,
				TerminologyCoverage coverage,
				ResourceLoader resourceLoader,
				Clock aiTrustClock,
				AiTrustProperties properties) {
			List<IgPackage> configured = loadConfiguredPackages(new IgPackageLoader(resourceLoader),
					properties.validation().packages());
			IgPackageSupport support = new IgPackageSupport(fhirContext);
			if (!(validationSupport instanceof ValidationSupportChain chain)) {
				throw new IllegalStateException("FHIR AI Trust validation needs the server's IValidationSupport to be a"
						+ " ValidationSupportChain (HAPI JPA's JpaValidationSupportChain); found "
						+ validationSupport.getClass().getName());
			}
			chain.addValidationSupport(support);
			IgPackageRegistry registry = new IgPackageRegistry(support, store, () -> {
				chain.invalidateCaches();
				coverage.clear();
				if (instanceValidator instanceof ReusingInstanceValidator reusing) {
					reusing.invalidateCaches();
				} else if (instanceValidator instanceof FhirInstanceValidator validator) {
					validator.invalidateCaches();
				}
			}, aiTrustClock);
			registry.start(configured);
			return registry;
		}

		private static List<IgPackage> loadConfiguredPackages(IgPackageLoader loader, List<String> locations) {
			List<IgPackage> packages = new ArrayList<>();
			try {
				packages.addAll(loader.load(AI_TRANSPARENCY_PACKAGE));
			} catch (IllegalArgumentException e) {
				org.slf4j.LoggerFactory.getLogger(AiTrustAutoConfiguration.class).warn(
						"FHIR AI Trust validation: the AI Transparency package {} {}; AI-Provenance will be reported"
								+ " with an unknown profile", AI_TRANSPARENCY_PACKAGE, e.getMessage());
			}
			List<InvalidAiTrustPropertyException.Violation> violations = new ArrayList<>();
			for (int i = 0; i < locations.size(); i++) {
				try {
					packages.addAll(loader.load(locations.get(i)));
				} catch (IllegalArgumentException e) {
					violations.add(new InvalidAiTrustPropertyException.Violation(
							"aitrust.validation.packages[" + i + "]", locations.get(i), e.getMessage()));
				}
			}
			if (!violations.isEmpty()) {
				throw new InvalidAiTrustPropertyException(violations);
			}
			return packages;
		}

		@Bean
		TerminologyCoverage aiTrustTerminologyCoverage(IValidationSupport validationSupport) {
			return new TerminologyCoverage(validationSupport);
		}

		@Bean
		ProfileValidator aiTrustProfileValidator(
				FhirContext fhirContext,
				IInstanceValidatorModule instanceValidator,
				TerminologyCoverage coverage,
				AiTrustProperties properties) {
			AiTrustProperties.Validation settings = properties.validation();
			List<ValidationRule> rules = new ArrayList<>();
			List<InvalidAiTrustPropertyException.Violation> violations = new ArrayList<>();
			for (int i = 0; i < settings.rules().size(); i++) {
				AiTrustProperties.ValidationRuleProperties rule = settings.rules().get(i);
				String prefix = "aitrust.validation.rules[" + i + "].";
				for (String type : rule.resourceTypes()) {
					if (!fhirContext.getResourceTypes().contains(type)) {
						violations.add(new InvalidAiTrustPropertyException.Violation(prefix + "resource-types", type,
								"is not a FHIR R4 resource type"));
					}
				}
				if (rule.mode() == null) {
					violations.add(new InvalidAiTrustPropertyException.Violation(prefix + "mode", null,
							"must be set to ENFORCE, WARN, SHADOW or OFF"));
				}
				if (rule.resourceTypes().isEmpty() && rule.sources().isEmpty()) {
					violations.add(new InvalidAiTrustPropertyException.Violation(prefix + "resource-types", "[]",
							"a rule must name resource types or sources (aitrust.validation.mode is the rule for everything)"));
				}
				rules.add(new ValidationRule(new java.util.HashSet<>(rule.resourceTypes()), new java.util.HashSet<>(rule.sources()),
						rule.mode() == null ? settings.mode() : rule.mode(), rule.requiredProfiles()));
			}
			if (!violations.isEmpty()) {
				throw new InvalidAiTrustPropertyException(violations);
			}
			ValidationPolicy policy = new ValidationPolicy(settings.mode(), rules, settings.rejectSeverity());
			return new ProfileValidator(fhirContext, instanceValidator, policy,
					new ValidationMessageTriage(settings.unknownProfile(), settings.uncheckableTerminology(),
							coverage::isGap));
		}

		@Bean
		ValidationInterceptor aiTrustValidationInterceptor(
				FhirContext fhirContext,
				ProfileValidator validator,
				RequestSourceResolver sources,
				ObjectProvider<MeterRegistry> meterRegistry,
				IgPackageRegistry packages,
				AiTrustProperties properties) {
			String tag = properties.validation().warnTag();
			Coding warnTag = null;
			if (tag != null && !tag.isBlank()) {
				int bar = tag.indexOf('|');
				if (bar <= 0 || bar == tag.length() - 1) {
					throw new InvalidAiTrustPropertyException(List.of(new InvalidAiTrustPropertyException.Violation(
							"aitrust.validation.warn-tag", tag, "must be system|code, e.g. " + AiTransparency.PROJECT_SYSTEM_TAG
									+ "|validation-issues")));
				}
				warnTag = new Coding(tag.substring(0, bar), tag.substring(bar + 1), "Stored with validation issues");
			}
			return new ValidationInterceptor(fhirContext, validator, sources, new ValidationMeters(meterRegistry.getIfAvailable()))
					.setWarnTag(warnTag);
		}

		/** Conformance resources stored on the server count from their commit on; registered for every write. */
		@Bean
		ConformanceCacheInvalidator aiTrustConformanceCacheInvalidator(
				IgPackageRegistry registry, IInterceptorService interceptorService) {
			ConformanceCacheInvalidator invalidator = new ConformanceCacheInvalidator(registry::invalidateCaches);
			interceptorService.registerInterceptor(invalidator);
			return invalidator;
		}

		/** Quantities in other units than a profile's min/max value are converted (HAPI's worker context cannot). */
		@Bean
		static UcumWorkerContextAdapter.Installer aiTrustUcumWorkerContextInstaller() {
			return new UcumWorkerContextAdapter.Installer();
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
		@ConditionalOnProperty(prefix = "aitrust.validation", name = "prewarm", havingValue = "true", matchIfMissing = true)
		ValidationPrewarmer aiTrustValidationPrewarmer(
				FhirContext fhirContext, IValidationSupport validationSupport, ProfileValidator validator, IgPackageRegistry packages) {
			return new ValidationPrewarmer(fhirContext, validationSupport, validator);
		}
	}
}
