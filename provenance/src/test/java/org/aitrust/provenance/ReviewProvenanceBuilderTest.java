package org.aitrust.provenance;

import static org.aitrust.provenance.AiTransparencyTest.assertCoding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Provenance.ProvenanceEntityRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReviewProvenanceBuilderTest {

	private static final Instant RECORDED = Instant.parse("2026-02-10T09:20:00Z");
	private static final String OUTCOME_SYSTEM = "http://fhir-aitrust.org/CodeSystem/ai-review-outcome";

	private static ReviewProvenanceBuilder minimal() {
		return ReviewProvenanceBuilder.forTarget(new IdType("ClaimResponse/AI-PriorAuth-Determination/_history/1"))
				.outcome(AiReviewOutcome.VERIFIED)
				.reviewer(new Reference("Practitioner/utilization-reviewer"))
				.recorded(RECORDED);
	}

	@Test
	void targetIsTheReviewedVersion() {
		assertThat(minimal().build().getTarget()).extracting(Reference::getReference)
				.containsExactly("ClaimResponse/AI-PriorAuth-Determination/_history/1");
	}

	@ParameterizedTest
	@ValueSource(strings = {"ClaimResponse/AI-PriorAuth-Determination", "AI-PriorAuth-Determination/_history/1"})
	void targetMustBeVersionSpecific(String id) {
		assertThatThrownBy(() -> ReviewProvenanceBuilder.forTarget(new IdType(id)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("version-specific");
	}

	@Test
	void recordedIsTheInstantInUtc() {
		Provenance provenance = minimal().build();

		assertThat(provenance.getRecorded().toInstant()).isEqualTo(RECORDED);
		assertThat(provenance.getRecordedElement().getValueAsString()).endsWith("Z");
	}

	@Test
	void reviewerIsAVerifierAgent() {
		Provenance provenance = minimal().build();

		assertThat(provenance.getAgent()).singleElement().satisfies(agent -> {
			assertCoding(agent.getType().getCodingFirstRep(),
					"http://terminology.hl7.org/CodeSystem/provenance-participant-type", "verifier", "Verifier");
			assertThat(agent.getWho().getReference()).isEqualTo("Practitioner/utilization-reviewer");
			assertThat(agent.hasRole()).isFalse();
		});
	}

	@Test
	void whoEnteredItOnTheReviewersBehalfIsAnEntererAgentAfterTheVerifier() {
		Provenance provenance = minimal().enterer(new Reference("Practitioner/ward-administrator")).build();

		assertThat(provenance.getAgent()).hasSize(2);
		assertThat(provenance.getAgent().get(0).getWho().getReference()).isEqualTo("Practitioner/utilization-reviewer");
		assertCoding(provenance.getAgent().get(1).getType().getCodingFirstRep(),
				"http://terminology.hl7.org/CodeSystem/provenance-participant-type", "enterer", "Enterer");
		assertThat(provenance.getAgent().get(1).getWho().getReference()).isEqualTo("Practitioner/ward-administrator");
	}

	@Test
	void withoutAnEntererTheReviewerIsTheOnlyAgent() {
		assertThat(minimal().enterer(null).build().getAgent()).hasSize(1);
	}

	@Test
	void practitionerRoleMayReview() {
		Provenance provenance = minimal().reviewer(new Reference("PractitionerRole/reviewer-at-payer")).build();

		assertThat(provenance.getAgentFirstRep().getWho().getReference())
				.isEqualTo("PractitionerRole/reviewer-at-payer");
	}

	@Test
	void absolutePractitionerUrlMayReview() {
		Provenance provenance =
				minimal().reviewer(new Reference("http://server.example.org/fhir/Practitioner/pract")).build();

		assertThat(provenance.getAgentFirstRep().getWho().getReference())
				.isEqualTo("http://server.example.org/fhir/Practitioner/pract");
	}

	@ParameterizedTest
	@ValueSource(strings = {"Patient/p1", "Device/TheAI", "Organization/payer", "RelatedPerson/r1"})
	void otherReviewerTypesAreRejected(String reference) {
		assertThatThrownBy(() -> minimal().reviewer(new Reference(reference)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Practitioner or PractitionerRole")
				.hasMessageContaining(reference.substring(0, reference.indexOf('/')));
	}

	@Test
	void reviewerOfUnknownTypeIsRejected() {
		Reference identifierOnly = new Reference();
		identifierOnly.getIdentifier().setValue("npi-123");

		assertThatThrownBy(() -> minimal().reviewer(identifierOnly))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("unknown type");
	}

	@ParameterizedTest
	@EnumSource(AiReviewOutcome.class)
	void activityIsTheOutcomeInTheProjectsCodeSystem(AiReviewOutcome outcome) {
		Provenance provenance = minimal().outcome(outcome).build();

		assertThat(provenance.getActivity().getCoding()).singleElement()
				.satisfies(coding -> assertCoding(coding, OUTCOME_SYSTEM, outcome.code(), outcome.display()));
	}

	@Test
	void noteIsTheActivityText() {
		Provenance provenance = minimal().outcome(AiReviewOutcome.CORRECTED)
				.note("Dose corrected from 50 mg to 5 mg").build();

		assertThat(provenance.getActivity().getText()).isEqualTo("Dose corrected from 50 mg to 5 mg");
		assertThat(provenance.getActivity().getCodingFirstRep().getCode()).isEqualTo("corrected");
		assertThat(provenance.hasReason()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = {"", "  "})
	void blankNoteIsLeftOut(String note) {
		assertThat(minimal().note(note).build().getActivity().hasText()).isFalse();
		assertThat(minimal().note(null).build().getActivity().hasText()).isFalse();
	}

	@Test
	void aiProvenanceIsASourceEntity() {
		Provenance provenance = minimal().aiProvenance(new IdType("Provenance/AI-PriorAuth-Provenance")).build();

		assertThat(provenance.getEntity()).singleElement().satisfies(entity -> {
			assertThat(entity.getRole()).isEqualTo(ProvenanceEntityRole.SOURCE);
			assertThat(entity.getRole().toCode()).isEqualTo("source");
			assertThat(entity.getWhat().getReference()).isEqualTo("Provenance/AI-PriorAuth-Provenance");
		});
	}

	@Test
	void aiProvenanceMayBeVersionedAndLosesItsBaseUrl() {
		Provenance provenance = minimal()
				.aiProvenance(new IdType("http://server.example.org/fhir/Provenance/77/_history/2")).build();

		assertThat(provenance.getEntityFirstRep().getWhat().getReference()).isEqualTo("Provenance/77/_history/2");
	}

	@Test
	void withoutAiProvenanceThereIsNoEntity() {
		assertThat(minimal().aiProvenance(null).build().hasEntity()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = {"Observation/77", "77", "Provenance"})
	void aiProvenanceMustBeAProvenanceId(String id) {
		assertThatThrownBy(() -> minimal().aiProvenance(new IdType(id)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Provenance/42");
	}

	@Test
	void policyIsTheIgCanonical() {
		assertThat(minimal().build().getPolicy()).extracting(UriType::getValue)
				.containsExactly("http://hl7.org/fhir/uv/aitransparency");
	}

	@Test
	void isNotAnAiProvenance() {
		Provenance provenance = minimal().build();

		assertThat(provenance.getMeta().hasProfile()).isFalse();
		assertThat(provenance.hasReason()).isFalse();
		assertThat(AiLabels.isAiAsserted(provenance)).isFalse();
	}

	@Test
	void buildNeedsOutcomeReviewerAndRecorded() {
		IdType target = new IdType("Observation/1/_history/1");
		Reference reviewer = new Reference("Practitioner/p");

		assertThatThrownBy(() -> ReviewProvenanceBuilder.forTarget(target)
						.reviewer(reviewer).recorded(RECORDED).build())
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("outcome");
		assertThatThrownBy(() -> ReviewProvenanceBuilder.forTarget(target)
						.outcome(AiReviewOutcome.REJECTED).recorded(RECORDED).build())
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("reviewer");
		assertThatThrownBy(() -> ReviewProvenanceBuilder.forTarget(target)
						.outcome(AiReviewOutcome.REJECTED).reviewer(reviewer).build())
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("recorded");
	}

	@Test
	void reviewerReferenceIsCopied() {
		Reference reviewer = new Reference("Practitioner/p1");
		ReviewProvenanceBuilder builder = minimal().reviewer(reviewer);

		reviewer.setReference("Practitioner/changed");

		assertThat(builder.build().getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/p1");
	}
}
