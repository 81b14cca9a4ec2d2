package org.aitrust.autoconfigure;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.aitrust.interceptor.availability.DatabaseUnavailableInterceptor;
import org.aitrust.interceptor.core.DaoModuleRecordWriter;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.hapi.ValidationChainInstaller;
import org.aitrust.interceptor.identity.AgentHeaderGuard;
import org.aitrust.interceptor.hapi.ValidateOperationEnvelopeUnwrapper;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import org.aitrust.interceptor.audit.AuditEventWriteGuard;
import org.aitrust.interceptor.audit.ModuleOperationAudit;
import org.aitrust.interceptor.installation.AiTrustInstallation;
import org.aitrust.interceptor.installation.AiTrustStatusProvider;
import org.aitrust.interceptor.installation.RestfulServerInstaller;
import org.aitrust.interceptor.installation.StorageInterceptorRegistrar;
import org.aitrust.interceptor.oversight.AiOversightProvider;
import org.aitrust.interceptor.provenance.AiProvenanceInterceptor;
import org.aitrust.interceptor.provenance.ModuleProvenanceDeleteConflicts;
import org.aitrust.interceptor.provenance.AiReviewProvider;
import org.aitrust.interceptor.provenance.UnreviewedWorklistBackfill;
import org.aitrust.interceptor.provenance.UnreviewedWorklistInterceptor;
import org.aitrust.interceptor.quality.DataQualityFailuresProvider;
import org.aitrust.interceptor.quality.DataQualityProvider;
import org.aitrust.interceptor.quality.MeasureStoredProvider;
import org.aitrust.interceptor.quality.LabelResetProvider;
import org.aitrust.interceptor.quality.RollupProvider;
import org.aitrust.interceptor.quality.DqdExportInterceptor;
import org.aitrust.interceptor.quality.QualityInterceptor;
import org.aitrust.interceptor.security.SmartCapabilityStatementContributor;
import org.aitrust.interceptor.security.SmartScopeAuthorizationInterceptor;
import org.aitrust.interceptor.validation.IgPackageProvider;
import org.aitrust.interceptor.store.ModuleSchema;
import org.aitrust.interceptor.store.ModuleSchemaInitializer;
import org.aitrust.interceptor.store.UnreviewedVersions;
import org.aitrust.interceptor.store.WorklistBackfillMarker;
import org.aitrust.interceptor.core.RequestSourceResolver;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.context.annotation.DependsOn;
import org.aitrust.interceptor.validation.ValidationInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * What every capability shares: the checked {@code aitrust.*} properties, the module's clock, where module records
 * go, and the installation of the capabilities' interceptors and operations on the host's {@code RestfulServer} beans
 * (with {@code $aitrust-status}). Only wiring; each capability has its own auto-configuration, ordered after this one;
 * who a request comes from is {@link AiTrustIdentityAutoConfiguration}'s.
 */
@AutoConfiguration
@ConditionalOnAiTrust
@EnableConfigurationProperties(AiTrustProperties.class)
public class AiTrustCoreAutoConfiguration {

	/** The bean every store bean depends on, so none reads or writes before the schema is migrated. */
	static final String MODULE_SCHEMA = "aiTrustModuleSchemaInitializer";

	/** Stops start-up naming every wrong {@code aitrust.*} property, before any other bean is created. */
	@Bean
	static AiTrustPropertiesStartupCheck aiTrustPropertiesStartupCheck() {
		return new AiTrustPropertiesStartupCheck();
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

	/** Where the module's own records (Provenance, Devices, model cards, the Measure) are stored. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DaoRegistry.class)
	ModuleRecordWriter aiTrustModuleRecordWriter(DaoRegistry daoRegistry) {
		return new DaoModuleRecordWriter(daoRegistry);
	}

	/** The module's tables, migrated once at start-up before any store bean uses them. */
	@Bean(MODULE_SCHEMA)
	@Conditional(ModuleTablesInUse.class)
	ModuleSchemaInitializer aiTrustModuleSchemaInitializer(DataSource dataSource) {
		return new ModuleSchemaInitializer(new ModuleSchema(dataSource));
	}

	/**
	 * The review worklist, kept in every write's transaction wherever something reads it: {@code $ai-unreviewed}
	 * (provenance) and {@code $data-quality}'s {@code ai-unreviewed} (quality). Registered with HAPI's own
	 * interceptor service, since it must see system writes too (the review Provenance the module stores).
	 */
	@Bean
	@DependsOn(MODULE_SCHEMA)
	@Conditional(ProvenanceOrQualityEnabled.class)
	UnreviewedVersions aiTrustUnreviewedVersions(DataSource dataSource) {
		return new UnreviewedVersions(dataSource);
	}

	@Bean
	@Conditional(ProvenanceOrQualityEnabled.class)
	StorageInterceptorRegistrar aiTrustUnreviewedWorklist(
			IInterceptorService interceptorService,
			UnreviewedVersions aiTrustUnreviewedVersions,
			RequestSourceResolver sources,
			Clock aiTrustClock) {
		return new StorageInterceptorRegistrar(interceptorService,
				List.of(new UnreviewedWorklistInterceptor(aiTrustUnreviewedVersions, sources, aiTrustClock)));
	}

	/**
	 * Puts on the worklist, once per database, the AI writes stored before it existed; after the schema migration
	 * (through the worklist bean) and once every singleton, HAPI's DAOs and the worklist interceptor included, is ready.
	 */
	@Bean
	@DependsOn(MODULE_SCHEMA)
	@Conditional(ProvenanceOrQualityEnabled.class)
	UnreviewedWorklistBackfill aiTrustUnreviewedWorklistBackfill(
			DaoRegistry daoRegistry,
			UnreviewedVersions aiTrustUnreviewedVersions,
			DataSource dataSource,
			Clock aiTrustClock) {
		return new UnreviewedWorklistBackfill(daoRegistry, aiTrustUnreviewedVersions,
				new WorklistBackfillMarker(dataSource), aiTrustClock);
	}

	/** AIAST labels must not make the labelled resources invalid in the server's own validation. */
	@Bean
	@Conditional(ProvenanceOrValidationEnabled.class)
	static ValidationChainInstaller aiTrustValidationChainInstaller() {
		return new ValidationChainInstaller();
	}

	@Bean
	AiTrustStatusProvider aiTrustStatusProvider(AiTrustProperties properties) {
		Map<String, Boolean> capabilities = new LinkedHashMap<>();
		capabilities.put("provenance", properties.provenance().enabled());
		capabilities.put("validation", properties.validation().enabled());
		capabilities.put("quality", properties.quality().enabled());
		capabilities.put("oversight", properties.oversight().enabled() && properties.quality().enabled());
		capabilities.put("dashboard", properties.dashboard().enabled());
		capabilities.put("database-unavailable", properties.databaseUnavailable().enabled());
		capabilities.put("security", properties.security().enabled());
		capabilities.put("audit", properties.audit().enabled());
		return new AiTrustStatusProvider(capabilities,
				Map.of("security", PropertyMappings.securityStatus(properties.security(), properties.identity())));
	}

	/** The interceptors (in the order they must run) and operation providers the enabled capabilities made. */
	@Bean
	AiTrustInstallation aiTrustInstallation(
			AiTrustStatusProvider statusProvider,
			ObjectProvider<SmartScopeAuthorizationInterceptor> authorization,
			ObjectProvider<SmartCapabilityStatementContributor> smartCapabilities,
			ObjectProvider<AgentHeaderGuard> agentHeaderGuard,
			ObjectProvider<DatabaseUnavailableInterceptor> databaseUnavailable,
			ObjectProvider<AiProvenanceInterceptor> provenance,
			ObjectProvider<ModuleProvenanceDeleteConflicts> provenanceDeleteConflicts,
			ObjectProvider<AiReviewProvider> review,
			ObjectProvider<ValidationInterceptor> validation,
			ObjectProvider<ValidateOperationEnvelopeUnwrapper> validateEnvelope,
			ObjectProvider<IgPackageProvider> packages,
			ObjectProvider<QualityInterceptor> quality,
			ObjectProvider<DqdExportInterceptor> dqdExport,
			ObjectProvider<DataQualityProvider> dataQuality,
			ObjectProvider<LabelResetProvider> labelReset,
			ObjectProvider<AiOversightProvider> oversight,
			ObjectProvider<MeasureStoredProvider> measureStored,
			ObjectProvider<DataQualityFailuresProvider> qualityFailures,
			ObjectProvider<AuditEventWriteGuard> auditEventWriteGuard,
			ObjectProvider<BalpAuditCaptureInterceptor> balpAudit,
			ObjectProvider<ModuleOperationAudit> moduleOperationAudit,
			ObjectProvider<RollupProvider> rollup) {
		List<Object> interceptors = new ArrayList<>();
		List<Object> providers = new ArrayList<>();
		providers.add(statusProvider);
		authorization.ifAvailable(interceptors::add);
		smartCapabilities.ifAvailable(interceptors::add);
		agentHeaderGuard.ifAvailable(interceptors::add);
		databaseUnavailable.ifAvailable(interceptors::add);
		provenance.ifAvailable(interceptors::add);
		provenanceDeleteConflicts.ifAvailable(interceptors::add);
		validation.ifAvailable(interceptors::add);
		validateEnvelope.ifAvailable(interceptors::add);
		packages.ifAvailable(providers::add);
		review.ifAvailable(providers::add);
		quality.ifAvailable(interceptors::add);
		dqdExport.ifAvailable(interceptors::add);
		dataQuality.ifAvailable(providers::add);
		labelReset.ifAvailable(providers::add);
		oversight.ifAvailable(providers::add);
		rollup.ifAvailable(providers::add);
		measureStored.ifAvailable(providers::add);
		qualityFailures.ifAvailable(providers::add);
		// Last: an AI write's Device exists (provenance) before BALP's AuditEvent names it.
		auditEventWriteGuard.ifAvailable(interceptors::add);
		balpAudit.ifAvailable(interceptors::add);
		moduleOperationAudit.ifAvailable(interceptors::add);
		AiTrustInstallation installation = new AiTrustInstallation(interceptors, providers);
		statusProvider.describe(installation);
		return installation;
	}
}
