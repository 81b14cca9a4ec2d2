package org.aitrust.interceptor.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import java.util.Set;

/**
 * What authorization needs to know about the caller of a request, taken from its credentials: whether it is
 * authenticated at all, the OAuth scopes its token grants, and the patient a patient-scoped token is bound to. The
 * default reads the caller the module resolves from the credentials ({@link CallerScopeSource}); a host with
 * another identity model supplies its own bean.
 */
public interface ScopeSource {

	/** True when the request carries credentials the host accepted; false means 401, not 403. */
	boolean authenticated(RequestDetails request);

	/** The scopes granted to the caller, as the token lists them; empty when it has none. */
	Set<String> scopes(RequestDetails request);

	/** The id of the patient in the token's launch context ({@code patient} claim), if any. */
	Optional<String> patient(RequestDetails request);
}
