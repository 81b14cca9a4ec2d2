package org.aitrust.interceptor.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import org.aitrust.interceptor.hapi.ReusingInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * Forgets everything validation remembered about conformance resources: the validation chain's caches, which
 * terminology the server covers, and the validators' own caches. Run when packages change or a conformance resource
 * is stored, so the next validation sees them.
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
}
