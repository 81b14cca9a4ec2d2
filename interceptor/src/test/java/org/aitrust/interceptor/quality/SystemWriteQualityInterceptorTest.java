package org.aitrust.interceptor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class SystemWriteQualityInterceptorTest {

	@Test
	void aSystemRequestOrNoRequestIsASystemWriteAndAClientRequestIsNot() {
		assertThat(SystemWriteQualityInterceptor.isSystemWrite(new SystemRequestDetails())).isTrue();
		assertThat(SystemWriteQualityInterceptor.isSystemWrite(null)).isTrue();
		assertThat(SystemWriteQualityInterceptor.isSystemWrite(new ServletRequestDetails()))
				.as("measured by the QualityInterceptor on the RestfulServer, not a second time").isFalse();
	}

	@Test
	void anUpdateThatKeepsTheVersionIsAMetaOperationNotAnArrival() {
		Observation stored = observation("3");

		assertThat(QualityInterceptor.storesNewVersion(stored, stored)).as("$meta-add: the same version").isFalse();
		assertThat(QualityInterceptor.storesNewVersion(observation("3"), observation("3"))).isFalse();
		assertThat(QualityInterceptor.storesNewVersion(observation("3"), observation("4"))).isTrue();
		assertThat(QualityInterceptor.storesNewVersion(null, observation("1"))).isTrue();
	}

	private static Observation observation(String version) {
		Observation observation = new Observation();
		observation.setId("Observation/7/_history/" + version);
		return observation;
	}
}
