package org.aitrust.interceptor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.aitrust.interceptor.security.SmartScope.Context;
import org.aitrust.interceptor.security.SmartScope.Permission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scopes of the SMART App Launch 2.x examples, and what a strict reading refuses. */
class SmartScopeTest {

	@Test
	void aPatientScopeForReadingAndSearchingObservations() {
		SmartScope scope = SmartScope.parse("patient/Observation.rs");

		assertThat(scope.context()).isEqualTo(Context.PATIENT);
		assertThat(scope.resourceType()).isEqualTo("Observation");
		assertThat(scope.permissions()).containsExactly(Permission.READ, Permission.SEARCH);
	}

	@Test
	void everyPermissionOnEveryTypeForTheUser() {
		SmartScope scope = SmartScope.parse("user/*.cruds");

		assertThat(scope.context()).isEqualTo(Context.USER);
		assertThat(scope.anyType()).isTrue();
		assertThat(scope.permissions()).containsExactlyElementsOf(EnumSet.allOf(Permission.class));
	}

	@Test
	void aBackendServiceCreatingAndUpdating() {
		SmartScope scope = SmartScope.parse("system/Observation.cu");

		assertThat(scope.context()).isEqualTo(Context.SYSTEM);
		assertThat(scope.permissions()).containsExactly(Permission.CREATE, Permission.UPDATE);
		assertThat(scope).hasToString("system/Observation.cu");
	}

	@Test
	void theVersionOneSuffixesMeanTheirVersionTwoLetters() {
		assertThat(SmartScope.parse("patient/*.read").permissions()).containsExactly(Permission.READ, Permission.SEARCH);
		assertThat(SmartScope.parse("user/Encounter.write").permissions())
				.containsExactly(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
		assertThat(SmartScope.parse("system/*.*").permissions()).containsExactlyElementsOf(EnumSet.allOf(Permission.class));
	}

	@Test
	void aQueryRestrictedScopeIsRefusedRatherThanGrantedUnrestricted() {
		String labOnly = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

		assertThat(SmartScope.isClinical(labOnly)).isTrue();
		assertThatThrownBy(() -> SmartScope.parse(labOnly)).hasMessageContaining("restricts the scope with a query");
		assertThat(SmartScope.grantable(labOnly)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {"patient/Observation.sr", "patient/Observation.rr", "patient/Observation.x",
			"user/Observation.READ", "system/observation.rs", "system/Obs-ervation.rs", "patient/Observation.rs.s",
			"user/*.readwrite"})
	void permissionsOutOfOrderRepeatedOrUnknownAreRefused(String scope) {
		assertThatThrownBy(() -> SmartScope.parse(scope)).isInstanceOf(IllegalArgumentException.class);
		assertThat(SmartScope.grantable(scope)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {"openid", "fhirUser", "launch/patient", "offline_access", "aitrust/admin",
			"practitioner/Observation.rs", "patient/Observation."})
	void scopesThatAreNotClinicalGrantNoClinicalAccess(String scope) {
		assertThat(SmartScope.isClinical(scope)).isFalse();
		assertThat(SmartScope.grantable(scope)).isEmpty();
	}
}
