package org.aitrust.autoconfigure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.time.Clock;
import java.util.List;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.interceptor.identity.CallerResolver;
import org.aitrust.interceptor.provenance.AiAgentRegistry;
import org.aitrust.interceptor.provenance.AiAuthorResolver;
import org.aitrust.interceptor.provenance.AiDeviceRegistry;
import org.aitrust.interceptor.provenance.AiProvenanceInterceptor;
import org.aitrust.interceptor.provenance.AiReviewProvider;
import org.aitrust.interceptor.provenance.ModuleProvenanceDeleteConflicts;
import org.aitrust.interceptor.provenance.ModuleSearchParameterPublisher;
import org.aitrust.interceptor.provenance.RegisteredAgentAuthorResolver;
import org.aitrust.interceptor.provenance.ReviewerRule;
import org.aitrust.interceptor.security.CallerScopeSource;
import org.aitrust.interceptor.security.ModuleRole;
import org.aitrust.interceptor.security.ModuleRoles;
import org.aitrust.interceptor.security.ScopeSource;
import org.aitrust.interceptor.store.UnreviewedVersions;
import org.aitrust.provenance.AiConfidenceSearchParameter;
import org.aitrust.provenance.AiTargetPathSearchParameter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/** AI provenance: labelling, AI-Provenance, the review operations ({@code aitrust.provenance.enabled}). */
@AutoConfiguration(after = {AiTrustCoreAutoConfiguration.class, AiTrustIdentityAutoConfiguration.class})
@ConditionalOnAiTrust
@ConditionalOnProperty(prefix = "aitrust.provenance", name = "enabled", havingValue = "true")
public class AiTrustProvenanceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AiAgentRegistry aiAgentRegistry(AiTrustProperties properties) {
		return new AiAgentRegistry(PropertyMappings.agentModels(properties.provenance()));
	}

	/** Which AI wrote a resource; a host that knows its AI callers otherwise replaces it. */
	@Bean
	@ConditionalOnMissingBean
	AiAuthorResolver aiAuthorResolver(RequestSourceResolver sources, AiAgentRegistry agents) {
		return new RegisteredAgentAuthorResolver(sources, agents);
	}

	@Bean
	@ConditionalOnMissingBean
	AiDeviceRegistry aiDeviceRegistry(
			ModuleRecordWriter records, PlatformTransactionManager transactionManager, AiTrustProperties properties) {
		return new AiDeviceRegistry(records, transactionManager, properties.provenance().deviceCacheSize());
	}

	@Bean
	AiProvenanceInterceptor aiProvenanceInterceptor(
			FhirContext fhirContext,
			DaoRegistry daoRegistry,
			RequestSourceResolver sources,
			AiAuthorResolver authors,
			AiDeviceRegistry devices,
			ModuleRecordWriter records,
			Clock aiTrustClock,
			AiTrustProperties properties) {
		AiTrustProperties.Provenance settings = properties.provenance();
		return new AiProvenanceInterceptor(fhirContext, daoRegistry, sources, authors, devices, records, aiTrustClock)
				.setAllowProvenanceChanges(settings.allowProvenanceChanges())
				.setAllowLabelRemoval(settings.allowLabelRemoval());
	}

	/**
	 * Keeps the module's Provenance from blocking deletes; reads how many conflicts HAPI looks at from the host's
	 * storage settings, HAPI's default when it has none.
	 */
	@Bean
	ModuleProvenanceDeleteConflicts moduleProvenanceDeleteConflicts(
			ModuleRecordWriter records, ObjectProvider<JpaStorageSettings> storageSettings) {
		JpaStorageSettings settings = storageSettings.getIfAvailable(JpaStorageSettings::new);
		Integer pageSize = settings.getMaximumDeleteConflictQueryCount();
		return new ModuleProvenanceDeleteConflicts(records, pageSize == null ? Integer.MAX_VALUE : pageSize);
	}

	/**
	 * Who a review may name: the caller's own user, or anyone for an administrator. Administrator is authorization's
	 * own decision ({@link ModuleRoles}): the host's {@link ScopeSource} with security on, else the scopes of the
	 * caller the module resolved, so a token's admin scope means the same with and without {@code aitrust.security}.
	 */
	@Bean
	@ConditionalOnMissingBean
	ReviewerRule aiTrustReviewerRule(
			CallerResolver callers, ObjectProvider<ScopeSource> scopeSource, AiTrustProperties properties) {
		ModuleRoles roles = new ModuleRoles(scopeSource.getIfAvailable(() -> new CallerScopeSource(callers)),
				PropertyMappings.moduleScopes(properties.security()));
		return new ReviewerRule(callers, request -> roles.holds(request, ModuleRole.ADMIN));
	}

	@Bean
	AiReviewProvider aiReviewProvider(
			DaoRegistry daoRegistry,
			AiAgentRegistry agents,
			ModuleRecordWriter records,
			PlatformTransactionManager transactionManager,
			Clock aiTrustClock,
			ReviewerRule reviewers,
			UnreviewedVersions aiTrustUnreviewedVersions) {
		return new AiReviewProvider(daoRegistry, agents, records, transactionManager, aiTrustClock, reviewers,
				aiTrustUnreviewedVersions);
	}

	/**
	 * Stores the module's SearchParameters once the application is ready, so HAPI indexes them: {@code ai-confidence}
	 * (AIconfidence on any resource) and {@code ai-target-path} (the elements an AI-Provenance names, on Provenance).
	 */
	@Bean
	ModuleSearchParameterPublisher aiTrustSearchParameterPublisher(ModuleRecordWriter records, DaoRegistry daoRegistry,
			ObjectProvider<ISearchParamRegistry> searchParamRegistry) {
		return new ModuleSearchParameterPublisher(records, daoRegistry, searchParamRegistry,
				List.of(AiConfidenceSearchParameter.create(), AiTargetPathSearchParameter.create()));
	}
}
