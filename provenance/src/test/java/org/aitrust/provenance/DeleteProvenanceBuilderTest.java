package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class DeleteProvenanceBuilderTest {

	private static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");

	@Test
	void recordsTheDeletedVersionTheDeleterAndActivityDelete() {
		Provenance provenance = DeleteProvenanceBuilder
				.forDeletedVersion(new IdType("http://example.org/fhir/Observation/12/_history/3"))
				.recorded(NOW)
				.deletedBy(ClientReference.to("gateway"))
				.build();

		assertThat(provenance.getTarget()).extracting(Reference::getReference)
				.containsExactly("Observation/12/_history/3");
		assertThat(provenance.getRecorded()).isEqualTo(java.util.Date.from(NOW));
		assertThat(provenance.getActivity().getCodingFirstRep().getSystem())
				.isEqualTo("http://terminology.hl7.org/CodeSystem/v3-DataOperation");
		assertThat(provenance.getActivity().getCodingFirstRep().getCode()).isEqualTo("DELETE");
		assertThat(provenance.getAgent()).singleElement().satisfies(agent -> {
			assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("performer");
			assertThat(agent.getWho().getIdentifier().getSystem()).isEqualTo(AiTransparency.PROJECT_NAMING_SYSTEM_CLIENT);
			assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("gateway");
		});
		assertThat(provenance.getEntity()).singleElement().satisfies(entity -> {
			assertThat(entity.getRole()).isEqualTo(Provenance.ProvenanceEntityRole.REMOVAL);
			assertThat(entity.getWhat().getReference()).isEqualTo("Observation/12/_history/3");
		});
		assertThat(provenance.getMeta().getProfile()).as("not an AI-Provenance: no AI need take part").isEmpty();
	}

	@Test
	void aTargetWithoutVersionIsRefused() {
		assertThatThrownBy(() -> DeleteProvenanceBuilder.forDeletedVersion(new IdType("Observation/12")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("version-specific");
	}

	@Test
	void aProvenanceWithoutDeleterOrTimeIsRefused() {
		DeleteProvenanceBuilder builder = DeleteProvenanceBuilder.forDeletedVersion(new IdType("Observation/12/_history/1"));
		assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> builder.recorded(NOW).build()).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aClientReferenceNeedsAClientId() {
		assertThatThrownBy(() -> ClientReference.to(" ")).isInstanceOf(IllegalArgumentException.class);
	}
}
