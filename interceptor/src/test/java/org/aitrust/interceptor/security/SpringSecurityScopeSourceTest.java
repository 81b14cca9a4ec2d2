package org.aitrust.interceptor.security;

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

/** Scopes and patient as the identity providers put them in tokens, read from Spring Security's context. */
class SpringSecurityScopeSourceTest {

	private final SpringSecurityScopeSource source = new SpringSecurityScopeSource();

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aJwtsScopeClaimAndPatientAreReadAsIssued() {
		signIn(jwt(Map.of("scope", "patient/Observation.rs openid", "patient", "123")), "SCOPE_system/*.cruds");

		assertThat(source.authenticated(null)).isTrue();
		assertThat(source.scopes(null)).as("the claim, not authorities a host mapped")
				.containsExactly("patient/Observation.rs", "openid");
		assertThat(source.patient(null)).contains("123");
	}

	@Test
	void entraIdsScpClaimIsReadWhenThereIsNoScopeClaim() {
		signIn(jwt(Map.of("scp", List.of("aitrust/reports", "system/Observation.rs"))));

		assertThat(source.scopes(null)).containsExactly("aitrust/reports", "system/Observation.rs");
		assertThat(source.patient(null)).isEmpty();
	}

	@Test
	void otherAuthenticationsContributeTheirScopeAuthorities() {
		TestingAuthenticationToken user = new TestingAuthenticationToken("alice", null, "SCOPE_aitrust/review", "ROLE_USER");
		SecurityContextHolder.getContext().setAuthentication(user);

		assertThat(source.scopes(null)).containsExactly("aitrust/review");
	}

	@Test
	void noAuthenticationOrAnAnonymousOneIsNotAuthenticated() {
		assertThat(source.authenticated(null)).isFalse();
		SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymous",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));

		assertThat(source.authenticated(null)).isFalse();
		assertThat(source.scopes(null)).isEmpty();
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
