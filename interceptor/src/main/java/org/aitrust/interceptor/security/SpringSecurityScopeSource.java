package org.aitrust.interceptor.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Scopes and patient from the host's Spring Security {@link Authentication} of the current request. A JWT bearer
 * token's claims are read as issued ({@code scope} as a space-separated string or list, else Microsoft Entra's
 * {@code scp}), so a host's own authority mapping cannot widen them; an opaque token's introspected attributes the
 * same way; any other authentication contributes its {@code SCOPE_} authorities, as Spring Security names scopes.
 */
public class SpringSecurityScopeSource implements ScopeSource {

	private static final String AUTHORITY_PREFIX = "SCOPE_";

	@Override
	public boolean authenticated(RequestDetails request) {
		Authentication authentication = current();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	@Override
	public Set<String> scopes(RequestDetails request) {
		if (!authenticated(request)) {
			return Set.of();
		}
		Authentication authentication = current();
		Map<String, Object> claims = claims(authentication);
		Object scope = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
		if (scope != null) {
			return scopeValues(scope);
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(AUTHORITY_PREFIX)) {
				scopes.add(name.substring(AUTHORITY_PREFIX.length()));
			}
		}
		return scopes;
	}

	@Override
	public Optional<String> patient(RequestDetails request) {
		if (!authenticated(request)) {
			return Optional.empty();
		}
		Object patient = claims(current()).get("patient");
		return patient instanceof String id && !id.isBlank() ? Optional.of(id) : Optional.empty();
	}

	private static Authentication current() {
		return SecurityContextHolder.getContext().getAuthentication();
	}

	private static Map<String, Object> claims(Authentication authentication) {
		Object principal = authentication.getPrincipal();
		if (principal instanceof ClaimAccessor token) {
			return token.getClaims();
		}
		if (principal instanceof OAuth2AuthenticatedPrincipal introspected) {
			return introspected.getAttributes();
		}
		return Map.of();
	}

	private static Set<String> scopeValues(Object scope) {
		Set<String> scopes = new LinkedHashSet<>();
		if (scope instanceof Collection<?> values) {
			values.forEach(value -> scopes.add(String.valueOf(value)));
		} else {
			Arrays.stream(String.valueOf(scope).split("\\s+")).filter(s -> !s.isEmpty()).forEach(scopes::add);
		}
		return scopes;
	}
}
