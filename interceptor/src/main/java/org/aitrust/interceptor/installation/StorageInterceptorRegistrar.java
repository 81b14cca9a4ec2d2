package org.aitrust.interceptor.installation;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;

/**
 * Registers interceptors that must see every write, not only REST ones (a package installed by the module, a bulk
 * import, another interceptor's write), with the server's {@link IInterceptorService} rather than on a
 * {@code RestfulServer}. A start-up side effect kept out of bean methods.
 */
public class StorageInterceptorRegistrar implements InitializingBean {

	private final IInterceptorService interceptorService;
	private final List<Object> interceptors;

	public StorageInterceptorRegistrar(IInterceptorService interceptorService, List<Object> interceptors) {
		this.interceptorService = interceptorService;
		this.interceptors = List.copyOf(interceptors);
	}

	@Override
	public void afterPropertiesSet() {
		interceptors.forEach(interceptorService::registerInterceptor);
	}
}
