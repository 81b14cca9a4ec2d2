package org.aitrust.interceptor.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidateOperationEnvelopeUnwrapperTest {

	private static final String PATIENT = "{\"resourceType\":\"Patient\",\"active\":true}";
	private static final String ENVELOPE = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"resource\","
			+ "\"resource\":" + PATIENT + "},{\"name\":\"profile\",\"valueUri\":\"http://example.org/p\"}]}";

	private final ValidateOperationEnvelopeUnwrapper unwrapper = new ValidateOperationEnvelopeUnwrapper();

	@Test
	void aValidateEnvelopeBecomesTheResourceAndAUrlProfile() {
		SystemRequestDetails request = request("Patient", "$validate", ENVELOPE);

		assertThat(unwrapper.unwrap(request)).isTrue();

		assertThat(new String(request.loadRequestContents(), StandardCharsets.UTF_8)).isEqualTo(PATIENT);
		assertThat(request.getParameters().get("profile")).containsExactly("http://example.org/p");
	}

	@Test
	void aProfileInTheUrlWins() {
		SystemRequestDetails request = request("Patient", "$validate", ENVELOPE);
		request.setParameters(Map.of("profile", new String[] {"http://example.org/url"}));

		unwrapper.unwrap(request);

		assertThat(request.getParameters().get("profile")).containsExactly("http://example.org/url");
	}

	@Test
	void otherRequestsAreLeftAsSent() {
		for (SystemRequestDetails request : new SystemRequestDetails[] {request("Patient", "$everything", ENVELOPE),
				request("Parameters", "$validate", ENVELOPE), request("Patient", "$validate", PATIENT)}) {
			unwrapper.unwrap(request);
			assertThat(new String(request.loadRequestContents(), StandardCharsets.UTF_8))
					.isIn(ENVELOPE, PATIENT);
			assertThat(request.getParameters()).isEmpty();
		}
		SystemRequestDetails get = request("Patient", "$validate", ENVELOPE);
		get.setRequestType(RequestTypeEnum.GET);
		unwrapper.unwrap(get);
		assertThat(new String(get.loadRequestContents(), StandardCharsets.UTF_8)).isEqualTo(ENVELOPE);
	}

	private static SystemRequestDetails request(String type, String operation, String body) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setRequestType(RequestTypeEnum.POST);
		request.setResourceName(type);
		request.setOperation(operation);
		request.addHeader("Content-Type", "application/fhir+json");
		request.setRequestContents(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}
}
