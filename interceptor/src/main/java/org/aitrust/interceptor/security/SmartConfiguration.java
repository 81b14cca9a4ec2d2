package org.aitrust.interceptor.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What this server tells SMART clients about its authorization server, in the form of SMART App Launch 2's
 * {@code .well-known/smart-configuration} document and of the CapabilityStatement's OAuth URIs. The values come
 * from {@code aitrust.security.*}; the module publishes them and never issues tokens itself. An endpoint given as a
 * path ({@code /oauth2/token}) belongs to an authorization server on this same host, such as the starter server's
 * embedded one, and is published as an absolute URL on the address the client used ({@link #resolvedAgainst}).
 *
 * @param issuer the tokens' issuer, or {@code null}
 * @param authorizationEndpoint the authorize endpoint, or {@code null} without the authorization code grant
 * @param tokenEndpoint the token endpoint
 * @param jwksUri the issuer's key set, or {@code null}
 * @param grantTypes the grant types the authorization server offers
 * @param capabilities the SMART capabilities
 * @param moduleScopes the scopes of the module's own operations
 */
public record SmartConfiguration(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri,
		List<String> grantTypes, List<String> capabilities, ModuleScopes moduleScopes) {

	/** Clinical scope forms this server understands, in both SMART versions. */
	private static final List<String> CLINICAL_SCOPES = List.of("patient/*.cruds", "user/*.cruds", "system/*.cruds",
			"patient/*.read", "user/*.read", "system/*.read", "patient/*.write", "user/*.write", "system/*.write");

	public SmartConfiguration {
		grantTypes = List.copyOf(grantTypes);
		capabilities = List.copyOf(capabilities);
	}

	/**
	 * This configuration with each endpoint given as a path made absolute on {@code origin}.
	 *
	 * @param origin scheme, host and port the client reached this server at, such as {@code https://fhir.example.org}
	 */
	public SmartConfiguration resolvedAgainst(String origin) {
		return new SmartConfiguration(issuer, absolute(origin, authorizationEndpoint), absolute(origin, tokenEndpoint),
				absolute(origin, jwksUri), grantTypes, capabilities, moduleScopes);
	}

	/** Whether some endpoint is a path, so that what is published depends on the address the client used. */
	public boolean hasRelativeEndpoints() {
		return isPath(authorizationEndpoint) || isPath(tokenEndpoint) || isPath(jwksUri);
	}

	private static String absolute(String origin, String endpoint) {
		return isPath(endpoint) ? origin + endpoint : endpoint;
	}

	private static boolean isPath(String endpoint) {
		return endpoint != null && endpoint.startsWith("/");
	}

	/** The discovery document, its members in the order the SMART specification lists them; unset ones left out. */
	public Map<String, Object> document() {
		Map<String, Object> document = new LinkedHashMap<>();
		putIfSet(document, "issuer", issuer);
		putIfSet(document, "jwks_uri", jwksUri);
		putIfSet(document, "authorization_endpoint", authorizationEndpoint);
		document.put("grant_types_supported", grantTypes);
		document.put("token_endpoint", tokenEndpoint);
		List<String> scopes = new ArrayList<>(CLINICAL_SCOPES);
		for (ModuleRole role : ModuleRole.values()) {
			scopes.add(moduleScopes.scopeFor(role));
		}
		document.put("scopes_supported", scopes);
		if (authorizationEndpoint != null) {
			document.put("response_types_supported", List.of("code"));
		}
		document.put("capabilities", capabilities);
		document.put("code_challenge_methods_supported", List.of("S256"));
		return document;
	}

	private static void putIfSet(Map<String, Object> document, String name, String value) {
		if (value != null && !value.isBlank()) {
			document.put(name, value);
		}
	}
}
