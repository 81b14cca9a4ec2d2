package org.aitrust.interceptor.identity;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * The caller a request's credentials make it, as the host's security established them: Spring Security's
 * {@code Authentication} when the host has Spring Security ({@link SpringSecurityCallers}), the servlet principal
 * otherwise ({@link ServletPrincipalCallers}).
 */
public interface AuthenticatedCallers {

	/** The authenticated caller, or {@link Caller#UNKNOWN} when the request carries no credentials. */
	Caller callerOf(RequestDetails request);
}
