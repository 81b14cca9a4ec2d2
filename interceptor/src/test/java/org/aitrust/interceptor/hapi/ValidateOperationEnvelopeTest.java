package org.aitrust.interceptor.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ValidateOperationEnvelopeTest {

	@Test
	void theResourceIsCutOutOfJsonUnchanged() {
		String patient = "{ \"resourceType\" : \"Patient\", \"unknownElement\": [1, 2.50],\n \"birthDate\": \"2000\" }";
		String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"resource\": " + patient
				+ ", \"name\":\"resource\"},{\"name\":\"profile\",\"valueCanonical\":\"http://example.org/p|1.0\"},"
				+ "{\"name\":\"mode\",\"valueCode\":\"create\"}]}";

		ValidateOperationEnvelope envelope = ValidateOperationEnvelope.read(body, EncodingEnum.JSON).orElseThrow();

		assertThat(envelope.resource()).isEqualTo(patient);
		assertThat(envelope.profile()).isEqualTo("http://example.org/p|1.0");
		assertThat(envelope.mode()).isEqualTo("create");
	}

	@Test
	void anEmptyResourceIsStillAResource() {
		String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"resource\","
				+ "\"resource\":{\"resourceType\":\"Patient\"}},{\"name\":\"profile\",\"valueUri\":\"http://x/p\"}]}";

		ValidateOperationEnvelope envelope = ValidateOperationEnvelope.read(body, EncodingEnum.JSON).orElseThrow();

		assertThat(envelope.resource()).isEqualTo("{\"resourceType\":\"Patient\"}");
		assertThat(envelope.profile()).isEqualTo("http://x/p");
		assertThat(envelope.mode()).isNull();
	}

	@Test
	void resourcesInsidePartsOrOfOtherParametersAreNotTheOneToValidate() {
		String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"other\",\"resource\":"
				+ "{\"resourceType\":\"Basic\"}},{\"name\":\"resource\",\"part\":[{\"name\":\"resource\","
				+ "\"resource\":{\"resourceType\":\"Patient\"}}]},{\"name\":\"resource\",\"resource\":{\"resourceType\":"
				+ "\"Observation\",\"contained\":[{\"resourceType\":\"Patient\"}]}}]}";

		assertThat(ValidateOperationEnvelope.read(body, EncodingEnum.JSON)).as("two resource parameters").isEmpty();
		String one = body.replace("{\"name\":\"resource\",\"part\"", "{\"name\":\"x\",\"part\"");
		assertThat(ValidateOperationEnvelope.read(one, EncodingEnum.JSON).orElseThrow().resource())
				.isEqualTo("{\"resourceType\":\"Observation\",\"contained\":[{\"resourceType\":\"Patient\"}]}");
	}

	@Test
	void bodiesThatAreNoEnvelopeAreLeftAlone() {
		assertThat(ValidateOperationEnvelope.read("{\"resourceType\":\"Patient\"}", EncodingEnum.JSON)).isEmpty();
		assertThat(ValidateOperationEnvelope.read("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":"
				+ "\"profile\",\"valueUri\":\"http://x\"}]}", EncodingEnum.JSON)).isEmpty();
		assertThat(ValidateOperationEnvelope.read("{\"resourceType\":\"Parameters\", broken", EncodingEnum.JSON))
				.isEmpty();
		assertThat(ValidateOperationEnvelope.read("<Patient xmlns=\"http://hl7.org/fhir\"/>", EncodingEnum.XML))
				.isEmpty();
		assertThat(ValidateOperationEnvelope.read("<Parameters", EncodingEnum.XML)).isEmpty();
	}

	@Test
	void theResourceOfAnXmlEnvelopeIsAFhirXmlResourceOfItsOwn() {
		String body = "<Parameters xmlns=\"http://hl7.org/fhir\"><parameter><name value=\"resource\"/><resource>"
				+ "<Patient><id value=\"p1\"/><birthDate value=\"2000-01-01\"/></Patient></resource></parameter>"
				+ "<parameter><name value=\"profile\"/><valueUri value=\"http://x/p\"/></parameter></Parameters>";

		ValidateOperationEnvelope envelope = ValidateOperationEnvelope.read(body, EncodingEnum.XML).orElseThrow();

		Patient patient = FhirContext.forR4Cached().newXmlParser().parseResource(Patient.class, envelope.resource());
		assertThat(patient.getIdPart()).isEqualTo("p1");
		assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("2000-01-01");
		assertThat(envelope.profile()).isEqualTo("http://x/p");
	}
}
