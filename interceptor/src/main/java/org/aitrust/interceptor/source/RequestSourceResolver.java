package org.aitrust.interceptor.source;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.security.Principal;
import java.util.regex.Pattern;

/**
 * Resolves the {@link RequestSource} of a request once and keeps it on the request, so every capability
 * attributes a write to the same client. A gateway-supplied header value is checked against a strict
 * character set: it ends up in Provenance and metrics, and must not smuggle markup or line breaks.
 */
public class RequestSourceResolver {

	private static final String USER_DATA_KEY = RequestSourceResolver.class.getName();
	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:@/+-]{1,128}");

	private final String agentHeader;

	public RequestSourceResolver(String agentHeader) {
		this.agentHeader = agentHeader;
	}

	/** The source of this request; {@link RequestSource#UNKNOWN} for internal calls without a request. */
	public RequestSource resolve(RequestDetails request) {
		if (request == null) {
			return RequestSource.UNKNOWN;
		}
		Object cached = request.getUserData().get(USER_DATA_KEY);
		if (cached instanceof RequestSource source) {
			return source;
		}
		RequestSource source = resolveUncached(request);
		request.getUserData().put(USER_DATA_KEY, source);
		return source;
	}

	private RequestSource resolveUncached(RequestDetails request) {
		if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
			Principal principal = servlet.getServletRequest().getUserPrincipal();
			if (principal != null && principal.getName() != null && !principal.getName().isBlank()) {
				return new RequestSource(principal.getName(), true);
			}
		}
		String header = request.getHeader(agentHeader);
		if (header == null || header.isEmpty()) {
			return RequestSource.UNKNOWN;
		}
		if (!CLIENT_ID.matcher(header).matches()) {
			throw new InvalidRequestException("Header " + agentHeader + " must be 1 to 128 characters from"
					+ " A-Z a-z 0-9 . _ : @ / + -");
		}
		return new RequestSource(header, false);
	}
}
