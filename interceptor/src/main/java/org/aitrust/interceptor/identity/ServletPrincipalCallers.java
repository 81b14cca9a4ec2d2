package org.aitrust.interceptor.identity;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.security.Principal;

/**
 * The servlet container's authenticated principal ({@code HttpServletRequest.getUserPrincipal()}), for hosts without
 * Spring Security. The servlet API can test a role ({@code isUserInRole}) but not list them, so the caller has none.
 */
public class ServletPrincipalCallers implements AuthenticatedCallers {

	@Override
	public Caller callerOf(RequestDetails request) {
		if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
			Principal principal = servlet.getServletRequest().getUserPrincipal();
			if (principal != null && principal.getName() != null && !principal.getName().isBlank()) {
				return Caller.ofPrincipal(principal.getName());
			}
		}
		return Caller.UNKNOWN;
	}
}
