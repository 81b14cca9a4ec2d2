package org.aitrust.provenance;

import static org.aitrust.provenance.AiTransparencyTest.assertCoding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Provenance.ProvenanceAgentComponent;
import org.hl7.fhir.r4.model.Provenance.ProvenanceEntityComponent;
import org.hl7.fhir.r4.model.Provenance.ProvenanceEntityRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AiProvenanceBuilderTest {

	private static final String IG = "http://hl7.org/fhir/uv/aitransparency";
	private static final String PARTICIPANT_TYPE =
			"http://terminology.hl7.org/CodeSystem/provenance-participant-type";
	private static final Instant RECORDED = Instant.parse("2016-06-08T22:12:14.123Z");

	/** The minimum build() accepts. */
	private static AiProvenanceBuilder minimal() {
		return AiProvenanceBuilder.forTarget(new IdType("Observation/f206/_history/2"))
				.activity(DataOperation.CREATE)
				.recorded(RECORDED)
				.aiAgent(new Reference("Device/TheAI"));
	}

	private static ProvenanceAgentComponent aiAgentOf(Provenance provenance) {
		return provenance.getAgent().get(0);
	}

	@Test
	void claimsTheAiProvenanceProfile() {
		assertThat(minimal().build().getMeta().getProfile()).extracting(CanonicalType::getValue)
				.containsExactly(IG + "/StructureDefinition/AI-Provenance");
	}

	@Test
	void targetIsTheVersionSpecificReference() {
		assertThat(minimal().build().getTarget()).extracting(Reference::getReference)
				.containsExactly("Observation/f206/_history/2");
	}

	@Test
	void targetDropsTheServerBaseUrl() {
		Provenance provenance = AiProvenanceBuilder
				.forTarget(new IdType("http://server.example.org/fhir/Observation/f206/_history/7"))
				.activity(DataOperation.UPDATE).recorded(RECORDED).aiAgent(new Reference("Device/TheAI"))
				.build();

		assertThat(provenance.getTargetFirstRep().getReference()).isEqualTo("Observation/f206/_history/7");
	}

	@ParameterizedTest
	@ValueSource(strings = {"Observation/f206", "f206/_history/2", "Observation", ""})
	void targetWithoutTypeIdAndVersionIsRejected(String id) {
		assertThatThrownBy(() -> AiProvenanceBuilder.forTarget(new IdType(id)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("version-specific");
	}

	@Test
	void nullTargetIsRejected() {
		assertThatThrownBy(() -> AiProvenanceBuilder.forTarget(null))
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void recordedIsTheInstantInUtc() {
		Provenance provenance = minimal().build();

		assertThat(provenance.getRecorded().toInstant()).isEqualTo(RECORDED);
		assertThat(provenance.getRecordedElement().getValueAsString()).isEqualTo("2016-06-08T22:12:14.123Z");
	}

	@Test
	void reasonIsAiastForTheAiReasonSlice() {
		assertThat(minimal().build().getReason()).singleElement().satisfies(reason -> assertCoding(
				reason.getCodingFirstRep(), IgExamples.OBSERVATION_VALUE, "AIAST",
				"Artificial Intelligence asserted"));
	}

	@Test
	void policyIsTheIgCanonical() {
		assertThat(minimal().build().getPolicy()).extracting(UriType::getValue).containsExactly(IG);
	}

	@ParameterizedTest
	@CsvSource({"CREATE, create", "UPDATE, revise", "DELETE, delete"})
	void activityIsTheV3DataOperation(DataOperation operation, String display) {
		Provenance provenance = minimal().activity(operation).build();

		assertThat(provenance.getActivity().getCoding()).singleElement().satisfies(coding -> assertCoding(
				coding, "http://terminology.hl7.org/CodeSystem/v3-DataOperation", operation.name(), display));
	}

	@Test
	void aiAgentIsAnAuthorWithTheArtificialIntelligenceRole() {
		ProvenanceAgentComponent agent = aiAgentOf(minimal().build());

		assertCoding(agent.getType().getCodingFirstRep(), PARTICIPANT_TYPE, "author", "Author");
		assertThat(agent.getRole()).singleElement().satisfies(role -> assertCoding(role.getCodingFirstRep(),
				IG + "/CodeSystem/AIdeviceTypeCS", "Artificial-Intelligence", null));
		assertThat(agent.getWho().getReference()).isEqualTo("Device/TheAI");
	}

	@Test
	void aiAgentTypeCanBeInformantAsInTheIgExample() {
		Provenance provenance = minimal().aiAgentType(AiTransparency.informantParticipantCoding()).build();

		assertCoding(aiAgentOf(provenance).getType().getCodingFirstRep(), PARTICIPANT_TYPE, "informant",
				"Informant");
		assertThat(aiAgentOf(provenance).getType().getCoding()).hasSize(1);
	}

	@Test
	void aiAgentMustBeADevice() {
		assertThatThrownBy(() -> minimal().aiAgent(new Reference("Practitioner/pract")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Device")
				.hasMessageContaining("Practitioner");
	}

	@Test
	void aiAgentMayBeALogicalDeviceReference() {
		Reference logical = new Reference().setType("Device");
		logical.getIdentifier().setSystem("http://example.org/ehr/client-ids").setValue("goodhealth");

		Provenance provenance = minimal().aiAgent(logical).build();

		assertThat(aiAgentOf(provenance).getWho().getIdentifier().getValue()).isEqualTo("goodhealth");
	}

	@Test
	void submitterIsAnEntererAfterTheAiAgent() {
		Provenance provenance = minimal().submitter(new Reference("Practitioner/pract")).build();

		assertThat(provenance.getAgent()).hasSize(2);
		ProvenanceAgentComponent submitter = provenance.getAgent().get(1);
		assertCoding(submitter.getType().getCodingFirstRep(), PARTICIPANT_TYPE, "enterer", "Enterer");
		assertThat(submitter.getWho().getReference()).isEqualTo("Practitioner/pract");
		assertThat(submitter.hasRole()).isFalse();
	}

	@Test
	void nullSubmitterLeavesOnlyTheAiAgent() {
		assertThat(minimal().submitter(null).build().getAgent()).hasSize(1);
	}

	@Test
	void extraAgentsFollowAsGiven() {
		ProvenanceAgentComponent verifier = new ProvenanceAgentComponent()
				.setType(new CodeableConcept(AiTransparency.verifierParticipantCoding()))
				.setWho(new Reference("http://server.example.org/fhir/Practitioner/pract"));

		Provenance provenance = minimal().submitter(new Reference("Patient/p1"))
				.extraAgents(List.of(verifier)).build();

		assertThat(provenance.getAgent()).extracting(agent -> agent.getWho().getReference())
				.containsExactly("Device/TheAI", "Patient/p1", "http://server.example.org/fhir/Practitioner/pract");
		assertThat(provenance.getAgent().get(2).getType().getCodingFirstRep().getCode()).isEqualTo("verifier");
	}

	@Test
	void modelCardIsADerivationEntity() {
		Provenance provenance =
				minimal().modelCard(new Reference("DocumentReference/ModelCard-sample-CHAI-web")).build();

		assertThat(provenance.getEntity()).singleElement().satisfies(entity -> {
			assertThat(entity.getRole()).isEqualTo(ProvenanceEntityRole.DERIVATION);
			assertThat(entity.getRole().getSystem()).isEqualTo("http://hl7.org/fhir/provenance-entity-role");
			assertThat(entity.getWhat().getReference()).isEqualTo("DocumentReference/ModelCard-sample-CHAI-web");
		});
	}

	@Test
	void modelCardMustBeADocumentReference() {
		assertThatThrownBy(() -> minimal().modelCard(new Reference("Binary/card")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("DocumentReference");
	}

	@Test
	void withoutModelCardOrInputsThereAreNoEntities() {
		assertThat(minimal().modelCard(null).inputs(null).build().hasEntity()).isFalse();
	}

	@Test
	void inputsFollowTheModelCardAndAreCopied() {
		ProvenanceEntityComponent pdf = new ProvenanceEntityComponent()
				.setRole(ProvenanceEntityRole.SOURCE)
				.setWhat(new Reference("DocumentReference/Lab-Results-PDF"));
		List<ProvenanceEntityComponent> inputs = new ArrayList<>(List.of(pdf));

		AiProvenanceBuilder builder =
				minimal().modelCard(new Reference("DocumentReference/card")).inputs(inputs);
		pdf.getWhat().setReference("DocumentReference/changed-later");
		inputs.clear();
		Provenance provenance = builder.build();

		assertThat(provenance.getEntity()).extracting(entity -> entity.getWhat().getReference())
				.containsExactly("DocumentReference/card", "DocumentReference/Lab-Results-PDF");
		assertThat(provenance.getEntity().get(1).getRole()).isEqualTo(ProvenanceEntityRole.SOURCE);
	}

	@Test
	void occurredDateTimeIsKept() {
		Provenance provenance = minimal().occurred(new DateTimeType("2026-02-10T09:15:00Z")).build();

		assertThat(provenance.getOccurredDateTimeType().getValueAsString()).isEqualTo("2026-02-10T09:15:00Z");
	}

	@Test
	void occurredPeriodIsKept() {
		Period period = new Period().setStartElement(new DateTimeType("2017-06-06"));

		Provenance provenance = minimal().occurred(period).build();

		assertThat(provenance.getOccurredPeriod().getStartElement().getValueAsString()).isEqualTo("2017-06-06");
	}

	@Test
	void occurredIsLeftOutWhenNull() {
		assertThat(minimal().occurred(null).build().hasOccurred()).isFalse();
	}

	@Test
	void occurredOfAnotherTypeIsRejected() {
		assertThatThrownBy(() -> minimal().occurred(new StringType("yesterday")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("StringType");
	}

	@Test
	void buildNeedsRecordedActivityAndAiAgent() {
		IdType target = new IdType("Observation/1/_history/1");
		Reference device = new Reference("Device/d");

		assertThatThrownBy(() -> AiProvenanceBuilder.forTarget(target)
						.activity(DataOperation.CREATE).aiAgent(device).build())
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("recorded");
		assertThatThrownBy(() -> AiProvenanceBuilder.forTarget(target)
						.recorded(RECORDED).aiAgent(device).build())
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("activity");
		assertThatThrownBy(() -> AiProvenanceBuilder.forTarget(target)
						.recorded(RECORDED).activity(DataOperation.CREATE).build())
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("aiAgent");
	}

	@Test
	void eachBuildReturnsAnIndependentProvenance() {
		AiProvenanceBuilder builder = minimal();
		Provenance first = builder.build();
		first.getAgentFirstRep().getWho().setReference("Device/tampered");
		first.getReasonFirstRep().getCodingFirstRep().setCode("tampered");

		Provenance second = builder.build();

		assertThat(second.getAgentFirstRep().getWho().getReference()).isEqualTo("Device/TheAI");
		assertThat(second.getReasonFirstRep().getCodingFirstRep().getCode()).isEqualTo("AIAST");
	}

	@Test
	void encodesLikeTheIgExampleAiContributed() {
		Provenance provenance = minimal()
				.occurred(new Period().setStartElement(new DateTimeType("2017-06-06")))
				.extraAgents(List.of(new ProvenanceAgentComponent()
						.setType(new CodeableConcept(AiTransparency.verifierParticipantCoding()))
						.setWho(new Reference("http://server.example.org/fhir/Practitioner/pract"))))
				.build();

		FhirContext ctx = FhirContext.forR4Cached();
		String json = ctx.newJsonParser().encodeResourceToString(provenance);
		Provenance parsed = ctx.newJsonParser().parseResource(Provenance.class, json);

		assertThat(json).contains("\"policy\":[\"" + IG + "\"]");
		assertThat(parsed.getOccurredPeriod().getStartElement().getValueAsString()).isEqualTo("2017-06-06");
		assertThat(parsed.getAgent()).hasSize(2);
		assertThat(parsed.getAgentFirstRep().getRoleFirstRep().getCodingFirstRep().getCode())
				.isEqualTo("Artificial-Intelligence");
	}
}
