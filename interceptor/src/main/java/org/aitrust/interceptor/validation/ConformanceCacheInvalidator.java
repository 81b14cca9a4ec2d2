package org.aitrust.interceptor.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
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
 * StructureDefinition, ValueSet, CodeSystem, Questionnaire, ConceptMap or NamingSystem commits, it empties the caches
 * of the validation support chain and of the instance validator, once per transaction. Nothing is invalidated for a
 * transaction that rolls back, and nothing before the commit, when another request could still fetch the old state
 * and cache it again.
 */
@Interceptor
public class ConformanceCacheInvalidator {

	/** The resource types the validator fetches by canonical URL and caches. */
	public static final Set<String> CONFORMANCE_TYPES = Set.of(
			"StructureDefinition", "ValueSet", "CodeSystem", "Questionnaire", "ConceptMap", "NamingSystem");

	private final FhirContext fhirContext;
	private final IValidationSupport validationSupport;
	private final IInstanceValidatorModule instanceValidator;

	/**
	 * @param validationSupport the server's validation support chain (HAPI JPA's {@code JpaValidationSupportChain})
	 * @param instanceValidator the validator module {@code $validate} uses (HAPI JPA's {@code IInstanceValidatorModule}
	 *     bean); its caches are emptied when it is a {@link FhirInstanceValidator}
	 */
	public ConformanceCacheInvalidator(IValidationSupport validationSupport, IInstanceValidatorModule instanceValidator) {
		this.fhirContext = validationSupport.getFhirContext();
		this.validationSupport = validationSupport;
		this.instanceValidator = instanceValidator;
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
		validationSupport.invalidateCaches();
		if (instanceValidator instanceof FhirInstanceValidator validator) {
			validator.invalidateCaches();
		}
	}

	private void changed(IBaseResource resource) {
		if (resource == null || !CONFORMANCE_TYPES.contains(fhirContext.getResourceType(resource))) {
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
