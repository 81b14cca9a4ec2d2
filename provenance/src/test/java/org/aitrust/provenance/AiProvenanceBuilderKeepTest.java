package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** What the builder keeps of a client's own Provenance ({@code X-Provenance}) and what it sets or adds. */
class AiProvenanceBuilderKeepTest {

	private static final FhirContext CTX = FhirContext.forR4Cached();
	private static final Instant RECORDED = Instant.parse("2026-11-20T10:00:00Z");
	private static final String TARGET_PATH = AiTransparency.EXTENSION_TARGET_PATH;

	/** The IG's AI-full-lorem-ipsum, as a client would send it for one Observation (with a contained prompt). */
	private static final String CLIENTS_OWN = """
			{"resourceType":"Provenance",
			 "meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"N"}]},
			 "contained":[{"resourceType":"DocumentReference","id":"prompt","status":"current",
			   "type":{"coding":[{"system":"http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIinputsCS","code":"AIInputPrompt"}]},
			   "content":[{"attachment":{"contentType":"text/markdown","data":"U3VtbWFyaXNl"}}]}],
			 "extension":[{"url":"http://example.org/fhir/StructureDefinition/run-id","valueString":"run-7"}],
			 "target":[{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/targetPath","valueString":"Observation.interpretation"}],
			   "reference":"Observation"}],
			 "occurredDateTime":"2023-10-01T00:00:00Z",
			 "recorded":"2023-10-01T00:00:00Z",
			 "policy":["http://example.org/policies/ai-authorized-CDS"],
			 "reason":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"TREAT"}]}],
			 "activity":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-DataOperation","code":"CREATE"}],"text":"interpretation"},
			 "agent":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/provenance-participant-type","code":"performer"}]},
			   "who":{"reference":"Practitioner/pract"}},
			  {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/provenance-participant-type","code":"author"}]},
			   "who":{"reference":"Device/the-ai"}}],
			 "entity":[{"role":"derivation","what":{"reference":"#prompt"}}]}
			""";

	private static Provenance clientsOwn() {
		return (Provenance) CTX.newJsonParser().parseResource(CLIENTS_OWN);
	}

	private static Provenance build(Provenance kept, List<String> paths) {
		return AiProvenanceBuilder.forTarget(new IdType("Observation/o1/_history/3"))
				.activity(DataOperation.CREATE)
				.recorded(RECORDED)
				.aiAgent(new Reference("Device/the-ai"))
				.submitter(ClientReference.to("ehr"))
				.keep(kept)
				.targetPaths(paths)
				.build();
	}

	@Test
	void keepsWhatTheClientSentAndSetsTheVersionedTargetAndRecorded() {
		Provenance stored = build(clientsOwn(), List.of());

		assertThat(stored.getTarget()).hasSize(1);
		assertThat(stored.getTargetFirstRep().getReference()).isEqualTo("Observation/o1/_history/3");
		assertThat(stored.getTargetFirstRep().getExtensionString(TARGET_PATH)).isEqualTo("Observation.interpretation");
		assertThat(stored.getRecorded().toInstant()).isEqualTo(RECORDED);
		assertThat(stored.getOccurredDateTimeType().getValueAsString()).isEqualTo("2023-10-01T00:00:00Z");
		assertThat(stored.getPolicy()).extracting(p -> p.getValue()).containsExactly("http://example.org/policies/ai-authorized-CDS");
		assertThat(stored.getReason()).extracting(r -> r.getCodingFirstRep().getCode()).containsExactly("TREAT", "AIAST");
		assertThat(stored.getActivity().getText()).isEqualTo("interpretation");
		assertThat(stored.getContained()).hasSize(1);
		assertThat(stored.getEntityFirstRep().getWhat().getReference()).isEqualTo("#prompt");
		assertThat(stored.getExtensionString("http://example.org/fhir/StructureDefinition/run-id")).isEqualTo("run-7");
		assertThat(stored.getMeta().getSecurityFirstRep().getCode()).isEqualTo("N");
		assertThat(stored.getMeta().hasProfile(AiTransparency.PROFILE_AI_PROVENANCE)).isTrue();
	}

	@Test
	void theAiAgentComesFirstWithTheProfilesRoleThenTheSubmitterThenTheClientsOtherAgents() {
		Provenance stored = build(clientsOwn(), List.of());

		assertThat(stored.getAgent()).extracting(a -> a.getType().getCodingFirstRep().getCode())
				.containsExactly("author", "enterer", "performer");
		assertThat(stored.getAgent().get(0).getWho().getReference()).isEqualTo("Device/the-ai");
		assertThat(stored.getAgent().get(0).getRole()).extracting(r -> r.getCodingFirstRep().getCode())
				.containsExactly(AiTransparency.CODE_ARTIFICIAL_INTELLIGENCE);
		assertThat(stored.getAgent().get(2).getWho().getReference()).isEqualTo("Practitioner/pract");
	}

	@Test
	void theClientsAiastReasonPolicyAndActivityAreNotDuplicated() {
		Provenance own = clientsOwn();
		own.addReason().addCoding(AiTransparency.aiastCoding());

		Provenance stored = build(own, List.of());

		assertThat(stored.getReason()).hasSize(2);
		assertThat(stored.getPolicy()).hasSize(1);
		assertThat(stored.getActivity().getCoding()).hasSize(1);
	}

	@Test
	void derivedPathsAreAddedToTheFirstTargetUnlessATargetAlreadyNamesThem() {
		Provenance stored = build(clientsOwn(), List.of("Observation.interpretation", "Observation.value.ofType(Quantity)"));

		assertThat(stored.getTargetFirstRep().getExtensionsByUrl(TARGET_PATH))
				.extracting(e -> e.getValue().primitiveValue())
				.containsExactly("Observation.interpretation", "Observation.value.ofType(Quantity)");
	}

	@Test
	void withoutAClientProvenanceEachDerivedPathIsOneTargetPathExtension() {
		Provenance stored = build(null, List.of("DiagnosticReport.conclusion", "DiagnosticReport.conclusionCode[0]"));

		assertThat(stored.getTarget()).hasSize(1);
		List<Extension> paths = stored.getTargetFirstRep().getExtensionsByUrl(TARGET_PATH);
		assertThat(paths).extracting(e -> e.getValue().primitiveValue())
				.containsExactly("DiagnosticReport.conclusion", "DiagnosticReport.conclusionCode[0]");
		assertThat(stored.getPolicy()).extracting(p -> p.getValue()).containsExactly(AiTransparency.IG_CANONICAL);
		assertThat(stored.getActivity().getCodingFirstRep().getCode()).isEqualTo("CREATE");
	}

	@Test
	void theClientsObjectIsNotChanged() {
		Provenance own = clientsOwn();
		String before = CTX.newJsonParser().encodeResourceToString(own);

		build(own, List.of("Observation.value.ofType(Quantity)"));

		assertThat(CTX.newJsonParser().encodeResourceToString(own)).isEqualTo(before);
	}
}
