package org.aitrust.interceptor.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleRolesTest {

	private final RequestDetails request = new SystemRequestDetails();

	@Test
	void theRolesAreThoseTheConfiguredScopesGrant() {
		ModuleRoles roles = new ModuleRoles(source(true, "AiTrust.Admin", "system/*.cruds"),
				new ModuleScopes("AiTrust.Admin", "AiTrust.Review", "AiTrust.Reports"));

		assertThat(roles.of(request)).containsExactly(ModuleRole.ADMIN);
		assertThat(roles.holds(request, ModuleRole.ADMIN)).isTrue();
		assertThat(roles.holds(request, ModuleRole.REVIEW)).isFalse();
	}

	@Test
	void aCallerWithoutCredentialsHoldsNoRole() {
		ModuleRoles roles = new ModuleRoles(source(false, "aitrust/admin"), ModuleScopes.DEFAULTS);

		assertThat(roles.of(request)).isEmpty();
		assertThat(roles.holds(request, ModuleRole.ADMIN)).isFalse();
	}

	private static ScopeSource source(boolean authenticated, String... scopes) {
		return new ScopeSource() {
			@Override
			public boolean authenticated(RequestDetails request) {
				return authenticated;
			}

			@Override
			public Set<String> scopes(RequestDetails request) {
				return Set.of(scopes);
			}

			@Override
			public Optional<String> patient(RequestDetails request) {
				return Optional.empty();
			}
		};
	}
}
