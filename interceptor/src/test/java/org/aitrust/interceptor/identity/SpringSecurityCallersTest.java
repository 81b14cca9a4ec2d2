package org.aitrust.interceptor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/** The caller made from Spring Security's authentication of a request: bearer tokens as OAuth 2.0 and SMART name things. */
class SpringSecurityCallersTest {

	private final SpringSecurityCallers callers = new SpringSecurityCallers();

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aJwtNamesTheClientByClientIdAndCarriesScopesUserAndPatient() {
		authenticate(jwt(claims -> claims.putAll(Map.of(
				"client_id", "scribe", "azp", "other", "sub", "service-account-scribe",
				"scope", "system/Observation.c  system/Patient.rs",
				"fhirUser", "Practitioner/123", "patient", "Patient/42"))), "ROLE_reviewer");

		Caller caller = callers.callerOf(servletRequest());

		assertThat(caller.clientId()).isEqualTo("scribe");
		assertThat(caller.scopes()).containsExactlyInAnyOrder("system/Observation.c", "system/Patient.rs");
		assertThat(caller.fhirUser()).isEqualTo("Practitioner/123");
		assertThat(caller.patient()).isEqualTo("Patient/42");
		assertThat(caller.roles()).containsExactly("reviewer");
		assertThat(caller.authenticated()).isTrue();
	}

	@Test
	void withoutClientIdTheAuthorizedPartyThenTheSubjectNamesTheClient() {
		authenticate(jwt(claims -> claims.putAll(Map.of("azp", "dashboard", "sub", "alice"))));
		assertThat(callers.callerOf(servletRequest()).clientId()).isEqualTo("dashboard");

		authenticate(jwt(claims -> claims.put("sub", "alice")));
		assertThat(callers.callerOf(servletRequest()).clientId()).isEqualTo("alice");
	}

	@Test
	void scopesMayComeAsAnScpList() {
		authenticate(jwt(claims -> claims.putAll(Map.of("sub", "scribe", "scp", List.of("user/*.rs", "launch")))));

		assertThat(callers.callerOf(servletRequest()).scopes()).containsExactlyInAnyOrder("user/*.rs", "launch");
	}

	@Test
	void anIntrospectedOpaqueTokenIsReadLikeAJwt() {
		DefaultOAuth2AuthenticatedPrincipal principal = new DefaultOAuth2AuthenticatedPrincipal("scribe",
				Map.of("client_id", "scribe", "scope", "system/*.rs"), AuthorityUtils.createAuthorityList("SCOPE_system/*.rs"));
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "opaque",
				Instant.now(), Instant.now().plusSeconds(60));
		SecurityContextHolder.getContext().setAuthentication(
				new BearerTokenAuthentication(principal, token, principal.getAuthorities()));

		Caller caller = callers.callerOf(servletRequest());

		assertThat(caller.clientId()).isEqualTo("scribe");
		assertThat(caller.scopes()).containsExactly("system/*.rs");
		assertThat(caller.roles()).as("scope authorities are scopes, not roles").isEmpty();
	}

	@Test
	void anotherAuthenticationGivesItsNameRolesAndScopeAuthorities() {
		SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
				"admin", "n/a", AuthorityUtils.createAuthorityList("ROLE_ADMIN", "aitrust:reports", "SCOPE_system/*.r")));

		Caller caller = callers.callerOf(servletRequest());

		assertThat(caller.clientId()).isEqualTo("admin");
		assertThat(caller.roles()).containsExactlyInAnyOrder("ADMIN", "aitrust:reports");
		assertThat(caller.scopes()).containsExactly("system/*.r");
		assertThat(caller.fhirUser()).isNull();
	}

	@Test
	void anAnonymousRequestFallsBackToTheServletPrincipal() {
		SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		assertThat(callers.callerOf(servletRequest())).isEqualTo(Caller.UNKNOWN);

		MockHttpServletRequest basic = new MockHttpServletRequest();
		basic.setUserPrincipal(() -> "lab-system");
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServletRequest(basic);
		assertThat(callers.callerOf(request)).isEqualTo(Caller.ofPrincipal("lab-system"));
	}

	@Test
	void anInternalRequestHasNoCallerEvenOnAnAuthenticatedThread() {
		authenticate(jwt(claims -> claims.put("client_id", "scribe")));

		assertThat(callers.callerOf(new SystemRequestDetails())).isEqualTo(Caller.UNKNOWN);
	}

	private static Jwt jwt(Consumer<Map<String, Object>> claims) {
		return Jwt.withTokenValue("token").header("alg", "RS256").claims(claims)
				.issuedAt(Instant.parse("2026-01-01T00:00:00Z")).expiresAt(Instant.parse("2026-01-01T01:00:00Z"))
				.build();
	}

	private static void authenticate(Jwt jwt, String... authorities) {
		Authentication token = new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList(authorities));
		SecurityContextHolder.getContext().setAuthentication(token);
	}

	static ServletRequestDetails servletRequest() {
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServletRequest(new MockHttpServletRequest());
		return request;
	}
}
