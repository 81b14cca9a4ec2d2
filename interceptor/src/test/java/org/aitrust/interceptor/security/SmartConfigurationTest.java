package org.aitrust.interceptor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Endpoints given as paths belong to an authorization server on this host and are published on the address the
 * client used; absolute ones are published as configured.
 */
class SmartConfigurationTest {

	private static final SmartConfiguration EMBEDDED = new SmartConfiguration(null, "/oauth2/authorize",
			"/oauth2/token", "/oauth2/jwks", List.of("client_credentials", "authorization_code"), List.of(),
			ModuleScopes.DEFAULTS);

	@Test
	void pathsAreResolvedAgainstTheClientsOriginAndAbsoluteUrlsKept() {
		SmartConfiguration resolved = EMBEDDED.resolvedAgainst("https://fhir.example.org");

		assertThat(EMBEDDED.hasRelativeEndpoints()).isTrue();
		assertThat(resolved.tokenEndpoint()).isEqualTo("https://fhir.example.org/oauth2/token");
		assertThat(resolved.authorizationEndpoint()).isEqualTo("https://fhir.example.org/oauth2/authorize");
		assertThat(resolved.jwksUri()).isEqualTo("https://fhir.example.org/oauth2/jwks");
		assertThat(resolved.hasRelativeEndpoints()).isFalse();
		SmartConfiguration external = new SmartConfiguration("https://idp.example.org", null,
				"https://idp.example.org/token", null, List.of("client_credentials"), List.of(), ModuleScopes.DEFAULTS);
		assertThat(external.resolvedAgainst("http://localhost:8080")).isEqualTo(external);
	}

	@Test
	void theDiscoveryDocumentNamesTheAddressEachClientUsed() throws Exception {
		SmartConfigurationFilter filter = new SmartConfigurationFilter(EMBEDDED);

		assertThat(discovery(filter, "localhost", 8080, "http")).contains("\"token_endpoint\":\"http://localhost:8080/oauth2/token\"");
		assertThat(discovery(filter, "fhir.example.org", 443, "https"))
				.contains("\"token_endpoint\":\"https://fhir.example.org/oauth2/token\"");
	}

	private static String discovery(SmartConfigurationFilter filter, String host, int port, String scheme)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/.well-known/smart-configuration");
		request.setServerName(host);
		request.setServerPort(port);
		request.setScheme(scheme);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response.getContentAsString();
	}
}
