package org.aitrust.interceptor.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.function.Consumer;
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
 * canonical URL just as a package's are, and cached alike) commits, it empties the caches that resource can affect
 * ({@link ConformanceCacheScope}: terminology only for a ValueSet, CodeSystem, ConceptMap or NamingSystem; every cache
 * otherwise), once per transaction, with the widest scope of what the transaction changed. Nothing is invalidated for
 * a transaction that rolls back, and nothing before the commit, when another request could still fetch the old
 * state and cache it again.
 */
@Interceptor
public class ConformanceCacheInvalidator {

	private final Consumer<ConformanceCacheScope> invalidateCaches;

	/**
	 * @param invalidateCaches empties the caches of the given scope: the validation support chain's, the instance
	 *     validator's and the module's own ({@link ValidationCacheReset#invalidate}), or the quality checks' answers
	 */
	public ConformanceCacheInvalidator(Consumer<ConformanceCacheScope> invalidateCaches) {
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

	/** Empties the caches of this scope now. */
	public void invalidate(ConformanceCacheScope scope) {
		invalidateCaches.accept(scope);
	}

	private void changed(IBaseResource resource) {
		if (resource == null) {
			return;
		}
		ConformanceCacheScope scope = ConformanceCacheScope.of(resource.fhirType()).orElse(null);
		if (scope == null) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			invalidate(scope);
			return;
		}
		for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
			if (registered instanceof InvalidateAfterCommit planned && planned.owner == this) {
				planned.widen(scope);
				return;
			}
		}
		TransactionSynchronizationManager.registerSynchronization(new InvalidateAfterCommit(this, scope));
	}

	/** The invalidation one transaction needs, run once after it commits. */
	private static final class InvalidateAfterCommit implements TransactionSynchronization {
		private final ConformanceCacheInvalidator owner;
		private ConformanceCacheScope scope;

		private InvalidateAfterCommit(ConformanceCacheInvalidator owner, ConformanceCacheScope scope) {
			this.owner = owner;
			this.scope = scope;
		}

		private void widen(ConformanceCacheScope other) {
			scope = scope.and(other);
		}

		@Override
		public void afterCommit() {
			owner.invalidate(scope);
		}
	}
}
