package org.aitrust.interceptor.identity;

import java.util.Map;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * The claims of a bearer token principal: a {@code Jwt} (a {@link ClaimAccessor}) or an introspected opaque token
 * ({@link OAuth2AuthenticatedPrincipal}). Its own class so that hosts with Spring Security but without its OAuth 2.0
 * support never load these types.
 */
final class TokenClaims {

	private TokenClaims() {}

	static Map<String, Object> of(Object principal) {
		if (principal instanceof ClaimAccessor token && token.getClaims() != null) {
			return token.getClaims();
		}
		if (principal instanceof OAuth2AuthenticatedPrincipal introspected && introspected.getAttributes() != null) {
			return introspected.getAttributes();
		}
		return Map.of();
	}
}
