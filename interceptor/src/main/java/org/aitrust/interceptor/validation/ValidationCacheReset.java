package org.aitrust.interceptor.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import org.aitrust.interceptor.hapi.ReusingInstanceValidator;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * Forgets what validation remembered about conformance resources: all of it ({@link #run}: the validation chain's
 * caches, which terminology the server covers, and the validators' own caches) when packages change or a profile is
 * stored, or only the terminology ({@link #invalidate} with {@link ConformanceCacheScope#TERMINOLOGY}) when a
 * ValueSet, CodeSystem, ConceptMap or NamingSystem is stored, so the next validation sees them.
 */
public class ValidationCacheReset implements Runnable {

	private final IValidationSupport validationSupport;
	private final TerminologyCoverage coverage;
	private final IInstanceValidatorModule instanceValidator;

	public ValidationCacheReset(
			IValidationSupport validationSupport, TerminologyCoverage coverage, IInstanceValidatorModule instanceValidator) {
		this.validationSupport = validationSupport;
		this.coverage = coverage;
		this.instanceValidator = instanceValidator;
	}

	@Override
	public void run() {
		validationSupport.invalidateCaches();
		coverage.clear();
		if (instanceValidator instanceof ReusingInstanceValidator reusing) {
			reusing.invalidateCaches();
		} else if (instanceValidator instanceof FhirInstanceValidator validator) {
			validator.invalidateCaches();
		}
	}

	/**
	 * Empties the caches of this scope. For terminology, HAPI 8.8's chain keeps its StructureDefinitions (and their
	 * snapshots) apart from its expiring cache of every other lookup (value sets, code systems, expansions, code
	 * validations, misses included): that expiring cache and the caches of the chain's members (HAPI's terminology
	 * service) are emptied, the StructureDefinitions and the built validators are kept. The validators' worker context
	 * asks the chain on every lookup (its own cache clearing does nothing in 8.8), so they see the change. A chain of
	 * another kind is emptied whole.
	 */
	public void invalidate(ConformanceCacheScope scope) {
		if (scope == ConformanceCacheScope.TERMINOLOGY && validationSupport instanceof ValidationSupportChain chain) {
			chain.getValidationSupports().forEach(IValidationSupport::invalidateCaches);
			chain.invalidateExpiringCaches();
			coverage.clear();
		} else {
			run();
		}
	}
}
