package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

class AiTransparencyTest {

	@Test
	void canonicalsAreTheIgsOwn() {
		assertThat(AiTransparency.IG_CANONICAL).isEqualTo("http://hl7.org/fhir/uv/aitransparency");
		assertThat(AiTransparency.PROFILE_AI_PROVENANCE)
				.isEqualTo("http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Provenance");
		assertThat(AiTransparency.PROFILE_AI_DEVICE)
				.isEqualTo("http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Device");
		assertThat(AiTransparency.PROFILE_AI_MODEL_CARD)
				.isEqualTo("http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-ModelCard");
		assertThat(AiTransparency.PROFILE_AI_INPUT_PROMPT)
				.isEqualTo("http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-InputPrompt");
		assertThat(AiTransparency.EXTENSION_MODEL_CARD_DESCRIPTION).isEqualTo(
				"http://hl7.org/fhir/uv/aitransparency/StructureDefinition/aitransparency.modelCardDescription");
		assertThat(AiTransparency.EXTENSION_AI_KIND)
				.isEqualTo("http://hl7.org/fhir/uv/aitransparency/StructureDefinition/aitransparency.AIKind");
		assertThat(AiTransparency.EXTENSION_INLINE_SECURITY_LABEL).isEqualTo(IgExamples.INLINE_SEC_LABEL);
	}

	@Test
	void projectIdentifiersAreTheProjectsOwn() {
		assertThat(AiTransparency.PROJECT_SYSTEM_AI_REVIEW_OUTCOME)
				.isEqualTo("http://fhir-aitrust.org/CodeSystem/ai-review-outcome");
		assertThat(AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL)
				.isEqualTo("http://fhir-aitrust.org/NamingSystem/ai-model");
	}

	@Test
	void securityLabelCodings() {
		assertCoding(AiTransparency.aiastCoding(), IgExamples.OBSERVATION_VALUE, "AIAST",
				"Artificial Intelligence asserted");
		assertCoding(AiTransparency.processInlineLabelCoding(), IgExamples.ACT_CODE, "PROCESSINLINELABEL",
				"process inline security label");
	}

	@Test
	void igCodeSystemCodings() {
		String devices = "http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIdeviceTypeCS";
		String inputs = "http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIinputsCS";
		assertCoding(AiTransparency.artificialIntelligenceCoding(), devices, "Artificial-Intelligence",
				null);
		assertCoding(AiTransparency.aiModelCardCoding(), inputs, "AIModelCard", "AI Model-Card");
		assertCoding(AiTransparency.aiModelCardMarkdownFormatCoding(), inputs, "AIModelCardMarkdownFormat",
				"Markdown Format");
		assertCoding(AiTransparency.aiModelCardChaiFormatCoding(), inputs, "AImodelCardCHAIformat",
				"CHAI Format");
		assertCoding(AiTransparency.aiInputPromptCoding(), inputs, "AIInputPrompt", "AI Input Prompt");
	}

	@Test
	void participantTypeCodings() {
		String system = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
		assertCoding(AiTransparency.authorParticipantCoding(), system, "author", "Author");
		assertCoding(AiTransparency.verifierParticipantCoding(), system, "verifier", "Verifier");
		assertCoding(AiTransparency.entererParticipantCoding(), system, "enterer", "Enterer");
		assertCoding(AiTransparency.informantParticipantCoding(), system, "informant", "Informant");
		assertCoding(AiTransparency.performerParticipantCoding(), system, "performer", "Performer");
	}

	@Test
	void entityRoleCodesMatchTheR4CodeSystem() {
		assertThat(AiTransparency.SYSTEM_PROVENANCE_ENTITY_ROLE)
				.isEqualTo("http://hl7.org/fhir/provenance-entity-role");
		assertThat(new String[] {
						AiTransparency.CODE_ENTITY_ROLE_DERIVATION, AiTransparency.CODE_ENTITY_ROLE_REVISION,
						AiTransparency.CODE_ENTITY_ROLE_QUOTATION, AiTransparency.CODE_ENTITY_ROLE_SOURCE,
						AiTransparency.CODE_ENTITY_ROLE_REMOVAL})
				.allSatisfy(code -> assertThat(
								org.hl7.fhir.r4.model.Provenance.ProvenanceEntityRole.fromCode(code).getSystem())
						.isEqualTo(AiTransparency.SYSTEM_PROVENANCE_ENTITY_ROLE));
	}

	@Test
	void everyFactoryCallReturnsAnIndependentCoding() {
		Supplier<Coding> factory = AiTransparency::aiastCoding;
		Coding first = factory.get();
		first.setCode("CHANGED");

		Coding second = factory.get();

		assertThat(second).isNotSameAs(first);
		assertThat(second.getCode()).isEqualTo("AIAST");
	}

	static void assertCoding(Coding coding, String system, String code, String display) {
		assertThat(coding.getSystem()).isEqualTo(system);
		assertThat(coding.getCode()).isEqualTo(code);
		assertThat(coding.getDisplay()).isEqualTo(display);
	}
}
