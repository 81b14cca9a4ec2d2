package org.aitrust.interceptor.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes conformance resources stored on the server count for validation as soon as they are committed. HAPI's
 * validation chain keeps what it fetched (StructureDefinitions without expiry, other lookups for ten minutes,
 * misses included), and the instance validator keeps its own worker-context copies; so a profile PUT moments before,
 * or a Questionnaire created after a response to it was first validated, is otherwise still "not found", and a
 * changed or deleted one still applies.
 *
 * <p>Register it with the JPA server's own interceptor service, so it sees every write (REST, transaction entries,
 * package installation, internal DAO calls). After the database transaction that created, updated or deleted a
 * conformance resource ({@link IgPackageSupport#CONFORMANCE_TYPES}: the server's own copies are looked up by
 * canonical URL just as a package's are, and cached alike) commits, it empties the caches of the validation support
 * chain and of the instance validator, once per transaction. Nothing is invalidated for a transaction that rolls
 * back, and nothing before the commit, when another request could still fetch the old state and cache it again.
 */
@Interceptor
public class ConformanceCacheInvalidator {

	private final Runnable invalidateCaches;

	/**
	 * @param invalidateCaches empties the validation support chain's, the instance validator's and the module's
	 *     own validation caches ({@link IgPackageRegistry#invalidateCaches()})
	 */
	public ConformanceCacheInvalidator(Runnable invalidateCaches) {
		this.invalidateCaches = invalidateCaches;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		changed(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		changed(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		changed(resource);
	}

	/** Empties every cache now. */
	public void invalidate() {
		invalidateCaches.run();
	}

	private void changed(IBaseResource resource) {
		if (resource == null || !IgPackageSupport.CONFORMANCE_TYPES.contains(resource.fhirType())) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			invalidate();
			return;
		}
		boolean alreadyPlanned = TransactionSynchronizationManager.getSynchronizations().stream()
				.anyMatch(s -> s instanceof InvalidateAfterCommit planned && planned.owner() == this);
		if (!alreadyPlanned) {
			TransactionSynchronizationManager.registerSynchronization(new InvalidateAfterCommit(this));
		}
	}

	private record InvalidateAfterCommit(ConformanceCacheInvalidator owner) implements TransactionSynchronization {
		@Override
		public void afterCommit() {
			owner.invalidate();
		}
	}
}
