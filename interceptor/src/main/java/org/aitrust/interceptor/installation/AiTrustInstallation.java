package org.aitrust.interceptor.installation;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;

/**
 * What the module puts on a HAPI {@link RestfulServer}: its interceptors and its operation providers, as
 * chosen by the {@code aitrust.*} properties. Servers whose {@code RestfulServer} is a Spring bean get it
 * automatically; others call {@link #installOn(RestfulServer)} themselves.
 *
 * @param interceptors HAPI interceptors ({@code @Interceptor} objects), registered in this order
 * @param providers plain providers carrying the module's {@code $operations}
 */
public record AiTrustInstallation(List<Object> interceptors, List<Object> providers) {

	public AiTrustInstallation {
		interceptors = List.copyOf(interceptors);
		providers = List.copyOf(providers);
	}

	/** Registers every interceptor and provider on the server; safe to call once per server. */
	public void installOn(RestfulServer server) {
		interceptors.forEach(server::registerInterceptor);
		providers.forEach(server::registerProvider);
	}

	/** Class names of the interceptors, as reported by {@code $aitrust-status}. */
	public List<String> interceptorNames() {
		return interceptors.stream().map(i -> i.getClass().getName()).toList();
	}
}
