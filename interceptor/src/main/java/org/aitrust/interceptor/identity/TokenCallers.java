package org.aitrust.interceptor.identity;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns an access token's claims and the authorities the host's security granted into a {@link Caller}, the way
 * OAuth 2.0 and SMART on FHIR name things: the client is {@code client_id} (RFC 9068), else {@code azp}, else
 * {@code sub}; scopes are {@code scope} (a space-separated string) or {@code scp} (a list, as some identity providers
 * send them); the user is {@code fhirUser}, the patient in context {@code patient}. Pure: no Spring, no request.
 */
final class TokenCallers {

	/** The prefix Spring Security's JWT and opaque-token converters give the authorities made from scopes. */
	static final String SCOPE_AUTHORITY = "SCOPE_";
	private static final String ROLE_AUTHORITY = "ROLE_";

	private TokenCallers() {}

	/**
	 * @param claims the token's claims or introspection attributes; empty for credentials that are not a token
	 * @param name the authentication's name, the client id when the claims name none
	 * @param authorities the granted authorities: {@code SCOPE_} ones are scopes (used when the claims carry none),
	 *     the others roles, without the {@code ROLE_} prefix
	 */
	static Caller callerOf(Map<String, Object> claims, String name, Collection<String> authorities) {
		String clientId = firstText(claims, "client_id", "azp", "sub");
		Set<String> scopes = words(claims.get("scope"));
		if (scopes.isEmpty()) {
			scopes = words(claims.get("scp"));
		}
		Set<String> roles = new LinkedHashSet<>();
		Set<String> scopeAuthorities = new LinkedHashSet<>();
		for (String authority : authorities) {
			if (authority == null) {
				continue;
			}
			if (authority.startsWith(SCOPE_AUTHORITY)) {
				scopeAuthorities.add(authority.substring(SCOPE_AUTHORITY.length()));
			} else {
				roles.add(authority.startsWith(ROLE_AUTHORITY) ? authority.substring(ROLE_AUTHORITY.length()) : authority);
			}
		}
		if (scopes.isEmpty()) {
			scopes = scopeAuthorities;
		}
		return new Caller(clientId != null ? clientId : name, firstText(claims, "fhirUser"), scopes, roles,
				firstText(claims, "patient"), true);
	}

	private static String firstText(Map<String, Object> claims, String... names) {
		for (String claim : names) {
			Object value = claims.get(claim);
			if (value != null && !value.toString().isBlank()) {
				return value.toString();
			}
		}
		return null;
	}

	private static Set<String> words(Object value) {
		Set<String> words = new LinkedHashSet<>();
		if (value instanceof String text) {
			words.addAll(Arrays.asList(text.trim().split("\\s+")));
		} else if (value instanceof Collection<?> list) {
			list.forEach(item -> words.addAll(words(item)));
		}
		words.removeIf(String::isBlank);
		return words;
	}
}
