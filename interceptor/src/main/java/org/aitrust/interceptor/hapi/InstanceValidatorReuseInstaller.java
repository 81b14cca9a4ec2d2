package org.aitrust.interceptor.hapi;

import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * HAPI adaptation: replaces HAPI JPA's instance validator bean with a {@link ReusingInstanceValidator} over it, so writes,
 * {@code $validate} and anything else using the server's validator share the same reused validators.
 */
public class InstanceValidatorReuseInstaller implements BeanPostProcessor {

	/** The name HAPI JPA gives its {@code IInstanceValidatorModule} bean. */
	static final String HAPI_BEAN = "myInstanceValidator";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (HAPI_BEAN.equals(beanName) && bean instanceof FhirInstanceValidator validator) {
			return reusing(validator);
		}
		return bean;
	}

	/**
	 * The server's validator over {@code validator}. Public so that a validator built without Spring (the validation
	 * cost benchmark) is the one the server runs.
	 */
	public static ReusingInstanceValidator reusing(FhirInstanceValidator validator) {
		return new ReusingInstanceValidator(validator, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
	}
}
