package org.aitrust.interceptor.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import java.util.Set;
import org.aitrust.interceptor.identity.Caller;
import org.aitrust.interceptor.identity.CallerResolver;

/**
 * The default {@link ScopeSource}: the caller as the module resolves it once per request ({@link CallerResolver}), so
 * authorization reads the same credentials provenance, quality and oversight attribute the request to. A client only
 * named by a trusted proxy's agent header is not authenticated: authorization needs credentials of its own.
 */
public class CallerScopeSource implements ScopeSource {

	private final CallerResolver callers;

	public CallerScopeSource(CallerResolver callers) {
		this.callers = callers;
	}

	@Override
	public boolean authenticated(RequestDetails request) {
		return callers.resolve(request).authenticated();
	}

	@Override
	public Set<String> scopes(RequestDetails request) {
		Caller caller = callers.resolve(request);
		return caller.authenticated() ? caller.scopes() : Set.of();
	}

	@Override
	public Optional<String> patient(RequestDetails request) {
		Caller caller = callers.resolve(request);
		return caller.authenticated() ? Optional.ofNullable(caller.patient()) : Optional.empty();
	}
}
