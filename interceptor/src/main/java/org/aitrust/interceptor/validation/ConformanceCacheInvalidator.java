package org.aitrust.interceptor.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Clears the validation caches once a write of a conformance resource commits. HAPI's chain remembers that a
 * profile or value set was not found; without this, a StructureDefinition stored moments ago would still be
 * "unknown" to the validator until the cache expired.
 */
@Interceptor
public class ConformanceCacheInvalidator {

	private static final Set<String> CONFORMANCE_TYPES = Set.of("StructureDefinition", "ValueSet", "CodeSystem",
			"Questionnaire", "ConceptMap", "NamingSystem");

	private final Runnable invalidateCaches;

	/** @param invalidateCaches clears the validation chain's, the validator's and the module's caches */
	public ConformanceCacheInvalidator(Runnable invalidateCaches) {
		this.invalidateCaches = invalidateCaches;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void storagePrecommitResourceCreated(IBaseResource resource) {
		invalidateAfterCommit(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void storagePrecommitResourceUpdated(IBaseResource oldResource, IBaseResource newResource) {
		invalidateAfterCommit(newResource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void storagePrecommitResourceDeleted(IBaseResource resource) {
		invalidateAfterCommit(resource);
	}

	private void invalidateAfterCommit(IBaseResource resource) {
		if (resource == null || !CONFORMANCE_TYPES.contains(resource.fhirType())) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					invalidate();
				}
			});
		} else {
			invalidate();
		}
	}

	void invalidate() {
		invalidateCaches.run();
	}
}
