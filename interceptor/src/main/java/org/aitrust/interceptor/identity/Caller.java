package org.aitrust.interceptor.identity;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling, as every capability of the module sees it: resolved once per request from the host's credentials
 * (Spring Security, else the servlet principal), or from the agent header a trusted proxy set.
 *
 * @param clientId the calling client: a token's {@code client_id}, {@code azp} or {@code sub}, or the principal's
 *     name, or the trusted proxy's agent header value; {@code null} when nobody is known
 * @param fhirUser the user the client acts for, a reference such as {@code Practitioner/123} as the token's
 *     {@code fhirUser} claim gives it; {@code null} when the credentials name none
 * @param scopes the granted OAuth scopes (SMART scopes among them), empty when the credentials carry none
 * @param roles the roles the host's security granted (Spring Security authorities other than scopes, without the
 *     {@code ROLE_} prefix)
 * @param patient the SMART {@code patient} launch context claim, when the token has one
 * @param authenticated whether the caller came from authenticated credentials; {@code false} for a client named by
 *     a trusted proxy's agent header and for an unknown caller
 */
public record Caller(
		String clientId, String fhirUser, Set<String> scopes, Set<String> roles, String patient,
		boolean authenticated) {

	/** Nobody known: no credentials and no believed agent header, or an internal call without a request. */
	public static final Caller UNKNOWN = new Caller(null, null, Set.of(), Set.of(), null, false);

	public Caller {
		scopes = withoutBlanks(scopes);
		roles = withoutBlanks(roles);
	}

	/** An authenticated principal that carries nothing but its name (a servlet container's principal). */
	public static Caller ofPrincipal(String name) {
		return new Caller(Objects.requireNonNull(name), null, Set.of(), Set.of(), null, true);
	}

	/** A client a trusted proxy named in the agent header: known, but not by credentials of its own. */
	public static Caller namedByProxy(String clientId) {
		return new Caller(Objects.requireNonNull(clientId), null, Set.of(), Set.of(), null, false);
	}

	/**
	 * The client a gateway, authenticated as this caller, forwards for: that client is the source of the request,
	 * while what it may do is what the gateway's credentials allow (its scopes, its user, its patient).
	 */
	public Caller forwardingFor(String forwardedClientId) {
		return new Caller(Objects.requireNonNull(forwardedClientId), fhirUser, scopes, roles, patient, authenticated);
	}

	public boolean isKnown() {
		return clientId != null;
	}

	private static Set<String> withoutBlanks(Set<String> values) {
		return values == null ? Set.of()
				: values.stream().filter(v -> v != null && !v.isBlank()).collect(Collectors.toUnmodifiableSet());
	}
}
