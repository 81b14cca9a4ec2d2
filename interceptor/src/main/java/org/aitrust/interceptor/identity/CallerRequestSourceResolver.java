package org.aitrust.interceptor.identity;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.core.RequestSourceResolver;

/**
 * The default {@link RequestSourceResolver}: the request's source is its {@link Caller}'s client, so provenance,
 * validation rules by source, quality sources and oversight attribute a write exactly as authorization sees its
 * caller.
 */
public class CallerRequestSourceResolver implements RequestSourceResolver {

	private final CallerResolver callers;

	public CallerRequestSourceResolver(CallerResolver callers) {
		this.callers = callers;
	}

	@Override
	public RequestSource resolve(RequestDetails request) {
		Caller caller = callers.resolve(request);
		return caller.isKnown() ? new RequestSource(caller.clientId(), caller.authenticated()) : RequestSource.UNKNOWN;
	}
}
