package org.aitrust.interceptor.hapi;

import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * HAPI adaptation: puts a {@link UcumWorkerContextAdapter} in place of HAPI JPA's own
 * {@code workerContextValidationSupportAdapter} bean as it is created, before the validation chain and the instance
 * validator are given it, so quantities in other units than a profile's min/max value are compared after conversion.
 * Only a bean of exactly HAPI's class is replaced (it is created empty; the chain hands it its validation support
 * later), so a host that supplies its own adapter keeps it.
 */
public class UcumWorkerContextAdapterInstaller implements BeanPostProcessor {

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		return bean.getClass() == WorkerContextValidationSupportAdapter.class ? new UcumWorkerContextAdapter() : bean;
	}
}
