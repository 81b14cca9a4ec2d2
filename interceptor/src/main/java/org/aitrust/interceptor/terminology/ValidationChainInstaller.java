package org.aitrust.interceptor.terminology;

import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts the module's terminology support at the head of HAPI JPA's validation chain as it is created, so the
 * server's {@code $validate} and any validating interceptor see the same code systems the module needs, and
 * plain codes are checked against multi-system value sets correctly ({@link SystemlessCodeSupport}).
 */
public class ValidationChainInstaller implements BeanPostProcessor {

	private static final String JPA_CHAIN = "ca.uhn.fhir.jpa.validation.JpaValidationSupportChain";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ValidationSupportChain chain && JPA_CHAIN.equals(bean.getClass().getName())) {
			IValidationSupport labelCodes = new AiLabelCodeSystemSupport(chain.getFhirContext());
			chain.addValidationSupport(0, labelCodes);
			chain.addValidationSupport(1, new SystemlessCodeSupport(chain.getFhirContext()));
			chain.invalidateCaches();
		}
		return bean;
	}
}
