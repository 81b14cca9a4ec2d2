package org.aitrust.interceptor.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.springframework.beans.factory.InitializingBean;

/**
 * Start-up side effects of validation, kept out of bean methods: puts the packages' conformance resources into the
 * server's validation chain (so {@code $validate} and every validating interceptor see them) and loads the configured
 * and stored packages, before the validator is first used.
 */
public class IgPackageRegistryInitializer implements InitializingBean {

	private final IValidationSupport validationSupport;
	private final IgPackageRegistry registry;
	private final List<IgPackage> configured;

	/**
	 * @param validationSupport the server's validation support: HAPI JPA's {@link ValidationSupportChain}
	 * @param configured the module's own package, then the configured ones, in that order
	 */
	public IgPackageRegistryInitializer(
			IValidationSupport validationSupport, IgPackageRegistry registry, List<IgPackage> configured) {
		this.validationSupport = validationSupport;
		this.registry = registry;
		this.configured = List.copyOf(configured);
	}

	@Override
	public void afterPropertiesSet() {
		if (!(validationSupport instanceof ValidationSupportChain chain)) {
			throw new IllegalStateException("FHIR AI Trust validation needs the server's IValidationSupport to be a"
					+ " ValidationSupportChain (HAPI JPA's JpaValidationSupportChain); found "
					+ validationSupport.getClass().getName());
		}
		chain.addValidationSupport(registry.support());
		registry.start(configured);
	}
}
