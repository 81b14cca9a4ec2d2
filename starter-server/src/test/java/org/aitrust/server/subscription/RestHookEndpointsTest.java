package org.aitrust.server.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RestHookEndpointsTest {

	private final RestHookEndpoints ehr = new RestHookEndpoints(
			List.of("https://ehr.hospital.example/fhir-notifications/", "http://127.0.0.1:9000/hooks/"));

	@Test
	void anEndpointBelowAListedPrefixIsAllowed() {
		assertThat(ehr.allows("https://ehr.hospital.example/fhir-notifications/")).isTrue();
		assertThat(ehr.allows("https://ehr.hospital.example/fhir-notifications/ai-writes")).isTrue();
		assertThat(ehr.allows("http://127.0.0.1:9000/hooks/reviews/patient-7")).isTrue();
	}

	@Test
	void anythingThatLeavesThePrefixIsRefused() {
		assertThat(ehr.allows("https://ehr.hospital.example/fhir-notifications")).as("the prefix without its /").isFalse();
		assertThat(ehr.allows("https://ehr.hospital.example/admin")).isFalse();
		assertThat(ehr.allows("https://ehr.hospital.example.evil/fhir-notifications/")).isFalse();
		assertThat(ehr.allows("http://ehr.hospital.example/fhir-notifications/")).as("another scheme").isFalse();
		assertThat(ehr.allows("http://127.0.0.1:9001/hooks/")).as("another port").isFalse();
		assertThat(ehr.allows("http://127.0.0.1:8081/actuator/prometheus")).isFalse();
		assertThat(ehr.allows("http://169.254.169.254/latest/meta-data/")).isFalse();
		assertThat(ehr.allows("http://127.0.0.1:9000/hooks/../admin")).as("climbing out").isFalse();
		assertThat(ehr.allows("http://127.0.0.1:9000/hooks/%2e%2e/admin")).as("climbing, encoded").isFalse();
		assertThat(ehr.allows("http://127.0.0.1:9000/hooks/x?redirect=http://elsewhere/")).as("a query").isFalse();
		assertThat(ehr.allows("http://127.0.0.1:9000/hooks/x#fragment")).isFalse();
		assertThat(ehr.allows("http://127.0.0.1:9000/hooks/\nHost: evil")).as("a line break").isFalse();
	}

	@Test
	void noPrefixAllowsNothing() {
		RestHookEndpoints none = new RestHookEndpoints(List.of());

		assertThat(none.allows("http://127.0.0.1:9000/hooks/")).isFalse();
		assertThat(none.allows("https://ehr.hospital.example/fhir-notifications/")).isFalse();
	}

	@Test
	void aPrefixThatCouldBeExtendedOrIsNoHttpUrlIsRefusedNamingTheProperty() {
		for (String prefix : List.of("https://ehr.hospital.example", "https://ehr.hospital.example/hooks",
				"ftp://ehr.hospital.example/hooks/", "//ehr.hospital.example/hooks/", "https://user:pw@ehr.example/hooks/",
				"https://ehr.example/hooks/?a=b", "https://ehr.example/hooks/#x", "https://ehr.example/a/../b/",
				"not a url/")) {
			assertThatThrownBy(() -> new RestHookEndpoints(List.of(prefix))).as(prefix)
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("aitrust.server.subscriptions.rest-hook-endpoints");
		}
	}
}
