package org.aitrust.provenance;

import static org.aitrust.provenance.AiTransparencyTest.assertCoding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.util.UrlUtil;
import java.util.Map;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AiDeviceFactoryTest {

	private static final String IG = "http://hl7.org/fhir/uv/aitransparency";
	private static final String AI_INPUTS = IG + "/CodeSystem/AIinputsCS";
	private static final String NAMING_SYSTEM = "http://fhir-aitrust.org/NamingSystem/ai-model";
	private static final String MODEL_CARD_EXTENSION =
			IG + "/StructureDefinition/aitransparency.modelCardDescription";

	private final AiDeviceFactory factory = new AiDeviceFactory();
	private final AiModel gpt = new AiModel("gpt-4o", "2024-08-06", "OpenAI");
	private final AiModel gptWithCard =
			new AiModel("gpt-4o", "2024-08-06", "OpenAI", "https://example.org/cards/gpt-4o.md", null);

	@Test
	void deviceConformsToAiDevice() {
		Device device = factory.newDevice(gpt);

		assertThat(device.getMeta().getProfile()).extracting(CanonicalType::getValue)
				.containsExactly(IG + "/StructureDefinition/AI-Device");
		assertThat(device.getIdentifier()).singleElement().satisfies(identifier -> {
			assertThat(identifier.getSystem()).isEqualTo(NAMING_SYSTEM);
			assertThat(identifier.getValue()).isEqualTo("gpt-4o|2024-08-06");
		});
		assertThat(device.getType().getCoding()).singleElement().satisfies(coding -> assertCoding(coding,
				IG + "/CodeSystem/AIdeviceTypeCS", "Artificial-Intelligence", null));
		assertThat(device.getDeviceName()).singleElement().satisfies(name -> {
			assertThat(name.getName()).isEqualTo("gpt-4o");
			assertThat(name.getType().toCode()).isEqualTo("model-name");
		});
		assertThat(device.getVersion()).singleElement()
				.satisfies(version -> assertThat(version.getValue()).isEqualTo("2024-08-06"));
		assertThat(device.getManufacturer()).isEqualTo("OpenAI");
		assertThat(device.getStatus()).isEqualTo(Device.FHIRDeviceStatus.ACTIVE);
		assertThat(device.getExtension()).isEmpty();
	}

	@Test
	void deviceWithoutManufacturerLeavesItOut() {
		Device device = factory.newDevice(new AiModel("local-llm", "3", null));

		assertThat(device.hasManufacturer()).isFalse();
	}

	@Test
	void unidentifiedModelGetsItsOwnFixedIdentifier() {
		Device device = factory.newDevice(AiModel.unidentified());

		assertThat(device.getIdentifierFirstRep().getValue()).isEqualTo("Unidentified AI system|unknown");
		assertThat(device.getDeviceNameFirstRep().getName()).isEqualTo("Unidentified AI system");
	}

	@Test
	void deviceWithModelCardLinksItThroughTheIgExtension() {
		Reference card = new Reference("DocumentReference/card-1");

		Device device = factory.newDevice(gptWithCard, card);

		assertThat(device.getExtension()).singleElement().satisfies(extension -> {
			assertThat(extension.getUrl()).isEqualTo(MODEL_CARD_EXTENSION);
			assertThat(((Reference) extension.getValue()).getReference()).isEqualTo("DocumentReference/card-1");
		});
		assertThat(device.getIdentifierFirstRep().getValue()).isEqualTo("gpt-4o|2024-08-06");
	}

	@Test
	void deviceDoesNotShareTheCallersReference() {
		Reference card = new Reference("DocumentReference/card-1");
		Device device = factory.newDevice(gptWithCard, card);

		card.setReference("DocumentReference/changed");

		Extension extension = device.getExtensionByUrl(MODEL_CARD_EXTENSION);
		assertThat(((Reference) extension.getValue()).getReference()).isEqualTo("DocumentReference/card-1");
	}

	@Test
	void modelCardReferenceMustBeADocumentReference() {
		assertThatThrownBy(() -> factory.newDevice(gptWithCard, new Reference("Binary/card-1")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("DocumentReference")
				.hasMessageContaining("Binary");
		assertThatThrownBy(() -> factory.newDevice(gptWithCard, null))
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void modelCardConformsToAiModelCard() {
		DocumentReference card = factory.newModelCard(gptWithCard);

		assertThat(card.getMeta().getProfile()).extracting(CanonicalType::getValue)
				.containsExactly(IG + "/StructureDefinition/AI-ModelCard");
		assertThat(card.getStatus()).isEqualTo(DocumentReferenceStatus.CURRENT);
		assertThat(card.getType().getCoding()).singleElement()
				// No display: the profile fixes the type exactly, so a display would fail validation.
				.satisfies(coding -> assertCoding(coding, AI_INPUTS, "AIModelCard", null));
		assertThat(card.getCategory()).singleElement().satisfies(category -> assertCoding(
				category.getCodingFirstRep(), AI_INPUTS, "AIModelCardMarkdownFormat", "Markdown Format"));
		assertThat(card.getContent()).singleElement().satisfies(content -> {
			assertThat(content.getAttachment().getUrl()).isEqualTo("https://example.org/cards/gpt-4o.md");
			assertThat(content.getAttachment().getContentType()).isEqualTo("text/markdown");
		});
		assertThat(card.getIdentifier()).singleElement().satisfies(identifier -> {
			assertThat(identifier.getSystem()).isEqualTo(NAMING_SYSTEM);
			assertThat(identifier.getValue()).isEqualTo("gpt-4o|2024-08-06");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"text/markdown                | AIModelCardMarkdownFormat | Markdown Format",
			"Text/Markdown; charset=UTF-8 | AIModelCardMarkdownFormat | Markdown Format",
			"application/xml              | AImodelCardCHAIformat     | CHAI Format",
			"application/pdf              | AIModelCard               | AI Model-Card",
			"text/html                    | AIModelCard               | AI Model-Card"})
	void modelCardCategoryFollowsTheContentType(String contentType, String code, String display) {
		AiModel model = new AiModel("m", "1", null, "https://example.org/card", contentType);

		DocumentReference card = factory.newModelCard(model);

		assertCoding(card.getCategoryFirstRep().getCodingFirstRep(), AI_INPUTS, code, display);
		assertThat(card.getContentFirstRep().getAttachment().getContentType()).isEqualTo(contentType);
	}

	@Test
	void modelCardNeedsAModelCardUrl() {
		assertThatThrownBy(() -> factory.newModelCard(gpt))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("gpt-4o|2024-08-06")
				.hasMessageContaining("modelCardUrl");
	}

	@Test
	void searchUrlIsAConditionalCreateOnTheIdentifier() {
		assertThat(AiDeviceFactory.searchUrl(new AiModel("llama3", "8b", null)))
				.isEqualTo("Device?identifier=http://fhir-aitrust.org/NamingSystem/ai-model|llama3%5C%7C8b");
	}

	@Test
	void searchUrlEncodesSpacesAsPercent20() {
		String url = AiDeviceFactory.searchUrl(AiModel.unidentified());

		assertThat(url).isEqualTo("Device?identifier=http://fhir-aitrust.org/NamingSystem/ai-model|"
				+ "Unidentified%20AI%20system%5C%7Cunknown");
	}

	@Test
	void hapiReadsTheSearchUrlBackAsTheExactIdentifier() {
		AiModel awkward = new AiModel("a|b\\c, d$e+f", "1.0 beta", "Acme");

		String url = AiDeviceFactory.searchUrl(awkward);

		Map<String, String[]> query = UrlUtil.parseQueryString(url.substring(url.indexOf('?') + 1));
		TokenParam token = new TokenParam();
		token.setValueAsQueryToken(FhirContext.forR4Cached(), "identifier", null, query.get("identifier")[0]);
		assertThat(token.getSystem()).isEqualTo(NAMING_SYSTEM);
		assertThat(token.getValue()).isEqualTo(awkward.identifierValue());
		assertThat(token.getValue())
				.isEqualTo(factory.newDevice(awkward).getIdentifierFirstRep().getValue());
	}
}
