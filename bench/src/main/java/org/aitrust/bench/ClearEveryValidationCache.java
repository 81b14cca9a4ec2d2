package org.aitrust.bench;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.aitrust.interceptor.validation.ConformanceCacheInvalidator;
import org.aitrust.interceptor.validation.ValidationCacheReset;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;

/**
 * The behaviour before the cache clearing was bounded, for comparison in {@link ConformanceWriteBenchmark}: every
 * stored conformance resource, a ValueSet too, empties every validation cache after its commit (the chain's, the
 * terminology coverage and the instance validator's pool). Added as an extra Spring source to a benchmark server,
 * beside the module's own invalidator, whose narrower clearing this one's covers. Deliberately not a
 * {@code @Configuration}: only the server it is given to may have it.
 */
class ClearEveryValidationCache {

	@Bean
	SmartInitializingSingleton benchClearEveryValidationCache(IInterceptorService interceptors, ValidationCacheReset reset) {
		return () -> interceptors.registerInterceptor(new ConformanceCacheInvalidator(scope -> reset.run()));
	}
}
