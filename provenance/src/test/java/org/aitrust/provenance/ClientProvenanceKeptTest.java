package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.Test;

/** The parts of {@code X-Provenance} the server keeps, and the values a client may not claim there. */
class ClientProvenanceKeptTest {

	private static final FhirContext CTX = FhirContext.forR4Cached();
	private static final String DEVICE_AGENT = "\"agent\":[{\"who\":{\"reference\":\"Device/TheAI\"}}]";

	private static ClientProvenance withActivity(String code) {
		return ClientProvenance.parse(CTX, "{\"resourceType\":\"Provenance\"," + DEVICE_AGENT + ",\"activity\":{\"coding\":"
				+ "[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-DataOperation\",\"code\":\"" + code + "\"}]}}");
	}

	@Test
	void anActivityNamingTheOperationPerformedIsAccepted() {
		assertThatCode(() -> withActivity("CREATE").checkActivity(DataOperation.CREATE)).doesNotThrowAnyException();
		assertThatCode(() -> withActivity("UPDATE").checkActivity(DataOperation.UPDATE)).doesNotThrowAnyException();
	}

	@Test
	void anActivityNamingAnotherOperationIsRefused() {
		assertThatThrownBy(() -> withActivity("UPDATE").checkActivity(DataOperation.CREATE))
				.isInstanceOf(InvalidClientProvenanceException.class)
				.hasMessageContaining("UPDATE").hasMessageContaining("CREATE");
	}

	@Test
	void anActivityInAnotherCodeSystemOrTextOnlyIsTheClientsToGive() {
		ClientProvenance text = ClientProvenance.parse(CTX,
				"{\"resourceType\":\"Provenance\"," + DEVICE_AGENT + ",\"activity\":{\"text\":\"summarised\"}}");

		assertThatCode(() -> text.checkActivity(DataOperation.UPDATE)).doesNotThrowAnyException();
		assertThat(text.asSent().getActivity().getText()).isEqualTo("summarised");
	}

	@Test
	void theModulesTagsAreRefused() {
		for (String code : new String[] {"module-written", "client-supplied"}) {
			String json = "{\"resourceType\":\"Provenance\",\"meta\":{\"tag\":[{\"system\":\""
					+ AiTransparency.PROJECT_SYSTEM_TAG + "\",\"code\":\"" + code + "\"}]}," + DEVICE_AGENT + "}";
			assertThatThrownBy(() -> ClientProvenance.parse(CTX, json))
					.as(code).isInstanceOf(InvalidClientProvenanceException.class).hasMessageContaining("reserved");
		}
	}

	@Test
	void asSentIsACopy() {
		ClientProvenance header = withActivity("CREATE");
		header.asSent().getActivity().setText("changed");

		assertThat(header.asSent().getActivity().hasText()).isFalse();
	}
}
