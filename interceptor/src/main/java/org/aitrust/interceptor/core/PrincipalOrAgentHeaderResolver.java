package org.aitrust.interceptor.core;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.security.Principal;
import java.util.regex.Pattern;

/**
 * The default {@link RequestSourceResolver}: the servlet's authenticated principal, else the configured agent header.
 * Resolves a request once and keeps the answer on the request, so every capability attributes a write to the same
 * client. A gateway-supplied header value is checked against a strict
 * character set: it ends up in Provenance and metrics, and must not smuggle markup or line breaks.
 */
public class PrincipalOrAgentHeaderResolver implements RequestSourceResolver {

	private static final String USER_DATA_KEY = PrincipalOrAgentHeaderResolver.class.getName();
	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:@/+-]{1,128}");

	private final String agentHeader;

	public PrincipalOrAgentHeaderResolver(String agentHeader) {
		this.agentHeader = agentHeader;
	}

	@Override
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
