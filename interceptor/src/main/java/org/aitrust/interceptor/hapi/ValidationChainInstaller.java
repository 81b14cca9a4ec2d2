package org.aitrust.interceptor.hapi;

import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * HAPI adaptation: puts the module's terminology support at the head of HAPI JPA's validation chain as it is created, so the
 * server's {@code $validate} and any validating interceptor see the same code systems the module needs, and
 * plain codes are checked against multi-system value sets correctly ({@link SystemlessCodeSupport}).
 */
public class ValidationChainInstaller implements BeanPostProcessor {

	private static final String JPA_CHAIN = "ca.uhn.fhir.jpa.validation.JpaValidationSupportChain";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ValidationSupportChain chain && JPA_CHAIN.equals(bean.getClass().getName())) {
			installInto(chain);
		}
		return bean;
	}

	/**
	 * Puts the module's supports at the head of {@code chain}. Public so that a chain built without Spring (the
	 * validation cost benchmark) is composed as the server's is.
	 */
	public static void installInto(ValidationSupportChain chain) {
		chain.addValidationSupport(0, new AiLabelCodeSystemSupport(chain.getFhirContext()));
		chain.addValidationSupport(1, new SystemlessCodeSupport(chain.getFhirContext()));
		chain.invalidateCaches();
	}
}
