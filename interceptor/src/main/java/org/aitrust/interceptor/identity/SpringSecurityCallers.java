package org.aitrust.interceptor.identity;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Map;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * The caller Spring Security authenticated for this request ({@link SecurityContextHolder}): for a bearer token
 * (a {@code Jwt} principal, or an introspected token's attributes) its claims, else the authentication's name and
 * authorities. A request Spring Security left anonymous falls back to the servlet principal, so a host that
 * authenticates some paths by other means is still read. Loaded only when Spring Security is on the classpath; the
 * token claims are read only when spring-security-oauth2-core is too.
 */
public class SpringSecurityCallers implements AuthenticatedCallers {

	private static final boolean TOKENS = ClassUtils.isPresent(
			"org.springframework.security.oauth2.core.ClaimAccessor", SpringSecurityCallers.class.getClassLoader());

	private final AuthenticatedCallers servletPrincipal = new ServletPrincipalCallers();

	@Override
	public Caller callerOf(RequestDetails request) {
		if (!(request instanceof ServletRequestDetails)) {
			return Caller.UNKNOWN;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return servletPrincipal.callerOf(request);
		}
		Map<String, Object> claims = TOKENS ? TokenClaims.of(authentication.getPrincipal()) : Map.of();
		return TokenCallers.callerOf(claims, authentication.getName(),
				authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
	}
}
