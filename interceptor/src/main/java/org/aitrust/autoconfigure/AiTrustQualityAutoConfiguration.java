package org.aitrust.autoconfigure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobDefinition;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.core.WriteAttribution;
import org.aitrust.interceptor.quality.DataQualityFailuresProvider;
import org.aitrust.interceptor.quality.MeasureStoredJob;
import org.aitrust.interceptor.quality.MeasureStoredParameters;
import org.aitrust.interceptor.quality.MeasureStoredProvider;
import org.aitrust.interceptor.quality.StoredResourceMeasurer;
import org.aitrust.interceptor.quality.StoredResources;
import org.aitrust.interceptor.store.StoredRuns;
import org.aitrust.interceptor.validation.ProfileValidator;
import org.aitrust.interceptor.validation.ValidationMode;
import org.aitrust.interceptor.validation.ValidationRule;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.interceptor.installation.StorageInterceptorRegistrar;
import org.aitrust.interceptor.quality.DaoCheckContext;
import org.aitrust.interceptor.quality.DataQualityMeasure;
import org.aitrust.interceptor.quality.DataQualityMeasurePublisher;
import org.aitrust.interceptor.quality.DataQualityProvider;
import org.aitrust.interceptor.quality.DataQualityReportBuilder;
import org.aitrust.interceptor.quality.LabelCap;
import org.aitrust.interceptor.quality.LabelResetProvider;
import org.aitrust.interceptor.quality.RollupProvider;
import org.aitrust.interceptor.quality.RollupSchedule;
import org.aitrust.interceptor.store.DailyRollup;
import org.aitrust.interceptor.store.RollupRetention;
import org.aitrust.interceptor.quality.QualityLabels;
import org.aitrust.interceptor.quality.DqdExportInterceptor;
import org.aitrust.interceptor.quality.ExternalCodeSystems;
import org.aitrust.interceptor.quality.IdentifierIndex;
import org.aitrust.interceptor.quality.QualityEventFactory;
import org.aitrust.interceptor.quality.QualityInterceptor;
import org.aitrust.interceptor.quality.check.CheckContext;
import org.aitrust.interceptor.quality.QualityReviewInterceptor;
import org.aitrust.interceptor.quality.SystemWriteQualityInterceptor;
import org.aitrust.interceptor.quality.QualityMeters;
import org.aitrust.interceptor.quality.RecentlyFoundResources;
import org.aitrust.interceptor.quality.ConformanceKnowledge;
import org.aitrust.interceptor.quality.Thresholds;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.quality.check.VitalSignRanges;
import org.aitrust.interceptor.quality.trend.QualityTrendReader;
import org.aitrust.interceptor.quality.trend.TrendGauges;
import org.aitrust.interceptor.quality.trend.TrendRefresher;
import org.aitrust.interceptor.quality.trend.TrendReportParts;
import org.aitrust.interceptor.store.Breakdown;
import org.aitrust.interceptor.store.QualityEventWriter;
import org.aitrust.interceptor.store.QualityReportReader;
import org.aitrust.interceptor.validation.ConformanceCacheInvalidator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.transaction.PlatformTransactionManager;

/** Data-quality metrics: measure every arriving resource, answer {@code $data-quality} ({@code aitrust.quality.enabled}). */
@AutoConfiguration(after = {AiTrustCoreAutoConfiguration.class, AiTrustValidationAutoConfiguration.class})
@ConditionalOnAiTrust
@ConditionalOnProperty(prefix = "aitrust.quality", name = "enabled", havingValue = "true")
public class AiTrustQualityAutoConfiguration {

	@Bean
	@DependsOn(AiTrustCoreAutoConfiguration.MODULE_SCHEMA)
	QualityEventWriter aiTrustQualityEventWriter(DataSource dataSource) {
		return new QualityEventWriter(dataSource);
	}

	@Bean
	@DependsOn(AiTrustCoreAutoConfiguration.MODULE_SCHEMA)
	QualityReportReader aiTrustQualityReportReader(DataSource dataSource) {
		return new QualityReportReader(dataSource);
	}

	/** The checks every arrival is measured with; a host that adds its own replaces the bean. */
	@Bean
	@ConditionalOnMissingBean
	QualityChecks aiTrustQualityChecks(FhirContext fhirContext) {
		return new QualityChecks(QualityChecks.defaults(fhirContext));
	}

	@Bean
	Thresholds aiTrustQualityThresholds(AiTrustProperties properties) {
		return new Thresholds(properties.quality().defaultThreshold(), properties.quality().thresholds(),
				properties.quality().thresholdsByType());
	}

	/** Which profiles and code systems the server knows; forgets its answers when a conformance resource is stored. */
	@Bean
	ConformanceKnowledge aiTrustServerKnowledge(IValidationSupport validationSupport) {
		return new ConformanceKnowledge(validationSupport);
	}

	/**
	 * Interceptors that must see writes the module or HAPI makes with the system's authority: the conformance cache
	 * invalidation, the count of reviews, whose Provenance the module stores as a system write, and the measuring of
	 * system writes (bulk import, batch jobs, a host's DAO calls).
	 */
	@Bean
	StorageInterceptorRegistrar aiTrustQualityStorageInterceptors(
			IInterceptorService interceptorService,
			ConformanceKnowledge knowledge,
			QualityEventWriter writer,
			QualityEventFactory events,
			CheckContexts contexts,
			QualityMeters meters,
			QualityInterceptor arrivals) {
		return new StorageInterceptorRegistrar(interceptorService, List.of(
				new ConformanceCacheInvalidator(knowledge::forget),
				new QualityReviewInterceptor(writer, events, contexts, meters),
				new SystemWriteQualityInterceptor(arrivals)));
	}

	/** One set of node-local meters, moved by arrivals and by reviews. */
	@Bean
	QualityMeters aiTrustQualityMeters(ObjectProvider<MeterRegistry> meterRegistry) {
		return new QualityMeters(meterRegistry.getIfAvailable());
	}

	/** Makes check contexts that read the server through its DAOs, with a given clock. */
	@Bean
	CheckContextFactory aiTrustCheckContextFactory(
			DaoRegistry daoRegistry,
			ConformanceKnowledge knowledge,
			AiTrustProperties properties,
			DataSource dataSource,
			PartitionSettings partitionSettings) {
		Duration clockSkew = properties.quality().clockSkew();
		VitalSignRanges ranges = VitalSignRanges.defaults();
		IdentifierIndex identifiers = new IdentifierIndex(dataSource, partitionSettings);
		RecentlyFoundResources recent = new RecentlyFoundResources(10_000, Duration.ofMinutes(1));
		ExternalCodeSystems external = new ExternalCodeSystems(properties.quality().knownCodeSystems());
		Set<String> uniqueSystems = Set.copyOf(properties.quality().uniqueIdentifierSystems());
		return clock -> new DaoCheckContext(
				daoRegistry, clock, clockSkew, ranges, knowledge, recent, identifiers, external, uniqueSystems,
				properties.quality().encounterMargin(), properties.quality().earliestPlausibleDate());
	}

	/** Makes a check context whose {@code now} is the given clock's. */
	interface CheckContextFactory extends Function<Clock, CheckContext> {}

	/** A fresh check context per measured write, reading the server through its DAOs. */
	@Bean
	CheckContexts aiTrustQualityCheckContexts(CheckContextFactory factory, Clock aiTrustClock) {
		return () -> factory.apply(aiTrustClock);
	}

	/** Makes the check context of one measured write. */
	interface CheckContexts extends Supplier<CheckContext> {}

	/**
	 * Which sources, models and profiles keep their own label. Named values are the registered agents, the configured
	 * sources and the registered models; the rest is admitted by accepted writes on this node, from empty at
	 * start-up: values stored before are not admitted again, so junk an earlier release let in does not come back.
	 */
	@Bean
	QualityLabels aiTrustQualityLabels(AiTrustProperties properties) {
		AiTrustProperties.Quality settings = properties.quality();
		return new QualityLabels(
				new LabelCap(settings.maxSources(), PropertyMappings.namedSources(properties)),
				new LabelCap(settings.maxModels(), PropertyMappings.namedModels(properties)),
				new LabelCap(settings.maxProfiles(), List.of()));
	}

	@Bean
	QualityEventFactory aiTrustQualityEventFactory(
			QualityReportReader store,
			QualityChecks checks,
			QualityLabels labels,
			ConformanceKnowledge knowledge,
			AiTrustProperties properties,
			Clock aiTrustClock) {
		return new QualityEventFactory(checks, labels.sources(), labels.profiles(), knowledge::profileKnown,
				breakdownCaps(store, properties.quality().maxBreakdownItems()), labels.models(), aiTrustClock);
	}

	/** Breakdown items come from fixed vocabularies: the first ones stored keep their labels across restarts. */
	private static Map<Breakdown, LabelCap> breakdownCaps(QualityReportReader store, int limit) {
		Map<Breakdown, LabelCap> caps = new EnumMap<>(Breakdown.class);
		for (Breakdown breakdown : Breakdown.values()) {
			caps.put(breakdown, LabelCap.firstCome(limit, store.distinctItems(breakdown)));
		}
		return caps;
	}

	/** {@code $aitrust-reset-labels}: forgets the labels this node admitted. */
	@Bean
	LabelResetProvider aiTrustLabelResetProvider(QualityLabels labels) {
		return new LabelResetProvider(labels);
	}

	@Bean
	QualityInterceptor aiTrustQualityInterceptor(
			QualityEventWriter writer,
			QualityEventFactory events,
			RequestSourceResolver sources,
			CheckContexts contexts,
			QualityMeters meters,
			PlatformTransactionManager transactionManager) {
		return new QualityInterceptor(writer, events, sources, contexts, meters, transactionManager);
	}

	@Bean
	DqdExportInterceptor aiTrustDqdExportInterceptor(DataQualityProvider dataQuality, Clock aiTrustClock) {
		return new DqdExportInterceptor(dataQuality, aiTrustClock);
	}

	@Bean
	DataQualityMeasurePublisher aiTrustDataQualityMeasurePublisher(
			ModuleRecordWriter records, QualityChecks checks, Thresholds thresholds) {
		return new DataQualityMeasurePublisher(records, DataQualityMeasure.describe(checks, thresholds));
	}

	@Bean
	@DependsOn(AiTrustCoreAutoConfiguration.MODULE_SCHEMA)
	StoredRuns aiTrustStoredRuns(DataSource dataSource) {
		return new StoredRuns(dataSource);
	}

	/**
	 * Measures stored resources as writes are measured: a check context whose {@code now} is the resource's
	 * lastUpdated, after the profile validation a write from its source would get (when validation is on).
	 */
	@Bean
	StoredResourceMeasurer aiTrustStoredResourceMeasurer(
			DaoRegistry daoRegistry,
			CheckContextFactory contexts,
			QualityEventFactory events,
			ObjectProvider<ProfileValidator> validator,
			FhirContext fhirContext) {
		return new StoredResourceMeasurer(daoRegistry, now -> contexts.apply(Clock.fixed(now, ZoneOffset.UTC)),
				resource -> validator.ifAvailable(profiles -> {
					ValidationRule rule = profiles.policy().ruleFor(fhirContext.getResourceType(resource),
							WriteAttribution.sourceOf(resource, RequestSource.UNKNOWN));
					if (rule.mode() != ValidationMode.OFF) {
						profiles.validate(resource, rule).findings().attachTo(resource);
					}
				}), events);
	}

	@Bean
	MeasureStoredJob aiTrustMeasureStoredJob(
			DataSource dataSource,
			StoredResourceMeasurer measurer,
			QualityEventWriter writer,
			StoredRuns runs,
			PlatformTransactionManager transactionManager,
			Clock aiTrustClock) {
		return new MeasureStoredJob(new StoredResources(dataSource), measurer, writer, runs, transactionManager, aiTrustClock);
	}

	/** The stored-data job's definition; HAPI's Batch2 registers every JobDefinition bean when the context starts. */
	@Bean
	JobDefinition<MeasureStoredParameters> aiTrustMeasureStoredJobDefinition(MeasureStoredJob job) {
		return job.definition();
	}

	/** {@code $data-quality-measure-stored} and its status; answers 501 where the server runs no Batch2. */
	@Bean
	MeasureStoredProvider aiTrustMeasureStoredProvider(
			ObjectProvider<IJobCoordinator> coordinator,
			StoredRuns runs,
			Clock aiTrustClock,
			DaoRegistry daoRegistry) {
		return new MeasureStoredProvider(coordinator::getIfAvailable, runs, daoRegistry::isResourceTypeSupported,
				aiTrustClock);
	}

	@Bean
	DataQualityFailuresProvider aiTrustDataQualityFailuresProvider(
			DataSource dataSource,
			StoredResourceMeasurer measurer,
			QualityChecks checks,
			Clock aiTrustClock,
			AiTrustProperties properties,
			DaoRegistry daoRegistry) {
		return new DataQualityFailuresProvider(new StoredResources(dataSource), measurer, checks,
				daoRegistry::isResourceTypeSupported, aiTrustClock, properties.quality().maxReportDays());
	}

	@Bean
	DataQualityProvider aiTrustDataQualityProvider(
			QualityReportReader store,
			QualityChecks checks,
			Thresholds thresholds,
			Clock aiTrustClock,
			AiTrustProperties properties,
			DaoRegistry daoRegistry,
			QualityTrendReader trends) {
		return new DataQualityProvider(store, checks,
				new DataQualityReportBuilder(checks, thresholds, aiTrustClock), aiTrustClock,
				properties.quality().maxReportDays(), daoRegistry::isResourceTypeSupported, trends);
	}

	/** Trends per source and check, judged by AI oversight's significance and minimum effect. */
	@Bean
	QualityTrendReader aiTrustQualityTrendReader(QualityReportReader store, AiTrustProperties properties) {
		return new QualityTrendReader(store, PropertyMappings.trendWindows(properties), PropertyMappings.driftPolicy(properties));
	}

	/**
	 * The cluster-wide trend gauge ({@code aitrust_quality_check_trend}), read from the database at the configured
	 * interval; it runs only where Micrometer has a registry.
	 */
	@Bean
	TrendRefresher aiTrustQualityTrendRefresher(QualityTrendReader trends, ObjectProvider<MeterRegistry> meterRegistry,
			Clock aiTrustClock, AiTrustProperties properties) {
		return new TrendRefresher(trends, new TrendGauges(meterRegistry.getIfAvailable(), TrendReportParts.CHECKS),
				aiTrustClock, properties.quality().trend().refreshInterval());
	}

	/** The daily rollup job: closed days summarised once, late rows, partitions ahead, retention. */
	@Bean
	@DependsOn(AiTrustCoreAutoConfiguration.MODULE_SCHEMA)
	@ConditionalOnMissingBean
	DailyRollup aiTrustDailyRollup(DataSource dataSource, Clock aiTrustClock, AiTrustProperties properties) {
		AiTrustProperties.Quality quality = properties.quality();
		return new DailyRollup(dataSource, aiTrustClock, new RollupRetention(
				(int) quality.rawRetention().toDays(),
				quality.rollupRetention() == null ? null : (int) quality.rollupRetention().toDays()));
	}

	/** Runs the rollup job every {@code aitrust.quality.rollup.interval} ({@code aitrust.quality.rollup.enabled}). */
	@Bean
	@ConditionalOnProperty(prefix = "aitrust.quality.rollup", name = "enabled", havingValue = "true", matchIfMissing = true)
	RollupSchedule aiTrustRollupSchedule(DailyRollup rollup, AiTrustProperties properties) {
		return new RollupSchedule(rollup, properties.quality().rollup().interval());
	}

	/** {@code $aitrust-rollup}: runs the rollup job now. */
	@Bean
	RollupProvider aiTrustRollupProvider(DailyRollup rollup) {
		return new RollupProvider(rollup);
	}
}
