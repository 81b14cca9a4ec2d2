package org.aitrust.provenance;

import static org.aitrust.fixtures.FixturePackage.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.aitrust.fixtures.FixturePackage;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an administrator may declare about a model beyond name and version (kinds of AI, an attached model card, a
 * description) and how it shows in the AI-Device and the AI-ModelCard, validated against the module's package.
 */
class DeclaredAiModelTest {

	private static final String AI_KIND = AiTransparency.EXTENSION_AI_KIND;
	private static final String DEVICE_TYPES = "http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIdeviceTypeCS";
	private static final String AI_INPUTS = "http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIinputsCS";
	private static final byte[] MARKDOWN = "# Scribe 3.1\n\nDrafts clinical notes.\n".getBytes(StandardCharsets.UTF_8);
	private static final byte[] JSON = "{\"name\":\"Scribe\",\"version\":\"3.1\"}".getBytes(StandardCharsets.UTF_8);

	private static FixturePackage aiTransparency;
	private static FhirContext ctx;

	private final AiDeviceFactory factory = new AiDeviceFactory();

	@BeforeAll
	static void loadPackage() throws Exception {
		aiTransparency = new FixturePackage(AiTransparencyPackageTest.PACKAGE_PATH);
		ctx = aiTransparency.ctx;
	}

	@Test
	void declaredKindsBecomeOneAiKindExtensionEachAndTheDescriptionANote() {
		AiModel model = new AiModel("Scribe", "3.1", "Example AI Labs", null, null,
				List.of("Large-Language-Models", "Clinical-Documentation-and-Workflow"), null, "Drafts notes.");

		Device device = factory.newDevice(model);

		assertThat(device.getExtensionsByUrl(AI_KIND)).extracting(e -> ((CodeableConcept) e.getValue()).getCodingFirstRep())
				.allSatisfy(coding -> assertThat(coding.getSystem()).isEqualTo(DEVICE_TYPES))
				.extracting(coding -> coding.getCode())
				.containsExactly("Large-Language-Models", "Clinical-Documentation-and-Workflow");
		assertThat(device.getNoteFirstRep().getText()).isEqualTo("Drafts notes.");
		assertThat(errors(aiTransparency.validate("declared Device", encode(device)))).isEmpty();
	}

	@Test
	void aGroupingCodeOrTheDeviceTypeItselfIsNotAKind() {
		for (String code : List.of("AI-By-Model", "Foundation-Models", "Artificial-Intelligence", "large-language-models")) {
			assertThatThrownBy(() -> new AiModel("Scribe", "3.1", null, null, null, List.of(code), null, null))
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining(code);
		}
	}

	@Test
	void anAttachedMarkdownCardWithTheSameTypeAsItsUrlIsOneMarkdownContent() {
		AiModel model = new AiModel("Scribe", "3.1", null, "https://models.example.org/scribe.md", null, List.of(),
				new AttachedModelCard("text/markdown", MARKDOWN), "Drafts notes.");

		DocumentReference card = factory.newModelCard(model);

		assertThat(card.getContent()).singleElement().satisfies(content -> {
			assertThat(content.getAttachment().getContentType()).isEqualTo("text/markdown");
			assertThat(content.getAttachment().getUrl()).isEqualTo("https://models.example.org/scribe.md");
			assertThat(content.getAttachment().getData()).isEqualTo(MARKDOWN);
		});
		assertThat(card.getCategory()).extracting(c -> c.getCodingFirstRep().getCode())
				.containsExactly("AIModelCardMarkdownFormat");
		assertThat(card.getDescription()).isEqualTo("Drafts notes.");
		assertThat(errors(aiTransparency.validate("Markdown card", encode(card)))).isEmpty();
	}

	@Test
	void anAttachedJsonCardBesideAMarkdownUrlIsASecondContentUnderThePlainModelCardCategory() {
		AiModel model = new AiModel("Scribe", "3.1", null, "https://models.example.org/scribe.md", null, null,
				new AttachedModelCard(AttachedModelCard.MEDIA_TYPE_JSON, JSON), null);

		DocumentReference card = factory.newModelCard(model);

		assertThat(card.getContent()).extracting(c -> c.getAttachment().getContentType())
				.containsExactly("text/markdown", "application/json");
		assertThat(card.getContent().get(1).getAttachment().getData()).isEqualTo(JSON);
		assertThat(card.getCategory()).extracting(c -> c.getCodingFirstRep().getSystem() + "#" + c.getCodingFirstRep().getCode())
				.containsExactly(AI_INPUTS + "#AIModelCardMarkdownFormat", AI_INPUTS + "#AIModelCard");
		assertThat(errors(aiTransparency.validate("JSON card", encode(card)))).isEmpty();
	}

	@Test
	void anAttachedCardAloneMakesAModelCardAndTheDeviceReferencesIt() {
		AiModel model = new AiModel("Scribe", "3.1", null, null, null, List.of("Non-Deterministic-AI"),
				new AttachedModelCard("application/xml", "<modelCard/>".getBytes(StandardCharsets.UTF_8)), null);

		assertThat(model.hasModelCard()).isTrue();
		DocumentReference card = factory.newModelCard(model);
		Device device = factory.newDevice(model, new Reference("DocumentReference/card-1"));

		assertThat(card.getContentFirstRep().getAttachment().hasUrl()).isFalse();
		assertThat(card.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("AImodelCardCHAIformat");
		assertThat(((Reference) device.getExtensionByUrl(AiTransparency.EXTENSION_MODEL_CARD_DESCRIPTION).getValue())
				.getReference()).isEqualTo("DocumentReference/card-1");
		assertThat(errors(aiTransparency.validate("CHAI card", encode(card)))).isEmpty();
		assertThat(errors(aiTransparency.validate("Device with card", encode(device)))).isEmpty();
	}

	@Test
	void theSameCardReadTwiceIsTheSameModel() {
		AiModel first = new AiModel("Scribe", "3.1", null, null, null, null,
				new AttachedModelCard("text/markdown", MARKDOWN.clone()), null);
		AiModel second = new AiModel("Scribe", "3.1", null, null, null, null,
				new AttachedModelCard("text/markdown", MARKDOWN.clone()), null);

		assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
		assertThat(first.identifierValue()).isEqualTo(new AiModel("Scribe", "3.1", null).identifierValue());
	}

	@Test
	void anAttachedCardMustHaveAKnownTypeAndContent() {
		assertThatThrownBy(() -> new AttachedModelCard("application/pdf", MARKDOWN))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("application/pdf");
		assertThatThrownBy(() -> new AttachedModelCard("text/markdown", new byte[0]))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
		assertThat(AttachedModelCard.contentTypeOfFileName("card.MD")).contains("text/markdown");
		assertThat(AttachedModelCard.contentTypeOfFileName("card.json")).contains("application/json");
		assertThat(AttachedModelCard.contentTypeOfFileName("card.pdf")).isEmpty();
	}

	private static String encode(org.hl7.fhir.r4.model.Resource resource) {
		return ctx.newJsonParser().encodeResourceToString(resource);
	}
}
