package org.aitrust.interceptor.security;

import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.aitrust.interceptor.identity.AgentHeader;
import org.aitrust.interceptor.identity.DefaultCallerResolver;
import org.aitrust.interceptor.identity.SpringSecurityCallers;
import org.aitrust.interceptor.identity.TrustedProxies;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Scopes and patient as the identity providers put them in tokens, read through the module's one caller resolution
 * from Spring Security's context.
 */
class CallerScopeSourceTest {

	private final CallerScopeSource source = new CallerScopeSource(new DefaultCallerResolver(new SpringSecurityCallers(),
			new AgentHeader("X-AI-Agent", TrustedProxies.of(List.of()))));

	/** One request per test: the caller is resolved once per request and kept on it. */
	private final ServletRequestDetails request = servletRequest();

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aJwtsScopeClaimAndPatientAreReadAsIssued() {
		signIn(jwt(Map.of("scope", "patient/Observation.rs openid", "patient", "123")), "SCOPE_system/*.cruds");

		assertThat(source.authenticated(request)).isTrue();
		assertThat(source.scopes(request)).as("the claim, not authorities a host mapped")
				.containsExactlyInAnyOrder("patient/Observation.rs", "openid");
		assertThat(source.patient(request)).contains("123");
	}

	@Test
	void entraIdsScpClaimIsReadWhenThereIsNoScopeClaim() {
		signIn(jwt(Map.of("scp", List.of("aitrust/reports", "system/Observation.rs"))));

		assertThat(source.scopes(request)).containsExactlyInAnyOrder("aitrust/reports", "system/Observation.rs");
		assertThat(source.patient(request)).isEmpty();
	}

	@Test
	void otherAuthenticationsContributeTheirScopeAuthorities() {
		TestingAuthenticationToken user = new TestingAuthenticationToken("alice", null, "SCOPE_aitrust/review", "ROLE_USER");
		SecurityContextHolder.getContext().setAuthentication(user);

		assertThat(source.scopes(request)).containsExactly("aitrust/review");
	}

	@Test
	void noAuthenticationOrAnAnonymousOneIsNotAuthenticated() {
		assertThat(source.authenticated(request)).isFalse();
		SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymous",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));

		assertThat(source.authenticated(request)).isFalse();
		assertThat(source.scopes(request)).isEmpty();
	}

	private static ServletRequestDetails servletRequest() {
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServletRequest(new MockHttpServletRequest());
		return request;
	}

	private static Jwt jwt(Map<String, Object> claims) {
		return Jwt.withTokenValue("token").header("alg", "RS256").subject("client").claims(c -> c.putAll(claims))
				.issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60)).build();
	}

	private static void signIn(Jwt jwt, String... authorities) {
		Authentication authentication = new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList(authorities));
		SecurityContextHolder.getContext().setAuthentication(authentication);
	}
}
