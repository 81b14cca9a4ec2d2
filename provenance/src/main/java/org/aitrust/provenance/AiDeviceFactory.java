package org.aitrust.provenance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Makes the AI-Device that stands for one {@link AiModel}, and the AI-ModelCard DocumentReference
 * that describes it.
 *
 * <p>Both carry the identifier {@value AiTransparency#PROJECT_NAMING_SYSTEM_AI_MODEL} |
 * {@link AiModel#identifierValue()}, so a server can create each one at most once with a
 * conditional create ({@link #searchUrl(AiModel)}) however many writes name the same model.
 *
 * <p>Stateless and thread-safe; every call returns new objects.
 */
public final class AiDeviceFactory {

	/**
	 * A Device conforming to AI-Device, without a Model-Card link.
	 *
	 * <p>Use {@link #newDevice(AiModel, Reference)} when the model has a Model-Card: the link needs the
	 * id the server gave the DocumentReference, which this factory cannot know.
	 */
	public Device newDevice(AiModel model) {
		Objects.requireNonNull(model, "model");
		Device device = new Device();
		device.getMeta().addProfile(AiTransparency.PROFILE_AI_DEVICE);
		device.addIdentifier(modelIdentifier(model));
		device.setStatus(Device.FHIRDeviceStatus.ACTIVE);
		device.setType(new CodeableConcept(AiTransparency.artificialIntelligenceCoding()));
		device.addDeviceName().setName(model.name()).setType(Device.DeviceNameType.MODELNAME);
		device.addVersion().setValue(model.version());
		if (model.manufacturer() != null) {
			device.setManufacturer(model.manufacturer());
		}
		return device;
	}

	/**
	 * A Device conforming to AI-Device whose modelCardDescription extension points to {@code modelCard},
	 * the stored AI-ModelCard (typically one made by {@link #newModelCard(AiModel)}).
	 *
	 * @throws IllegalArgumentException when {@code modelCard} does not reference a DocumentReference
	 */
	public Device newDevice(AiModel model, Reference modelCard) {
		ReferencedType.require(modelCard, "modelCard", "DocumentReference");
		Device device = newDevice(model);
		device.addExtension(AiTransparency.EXTENSION_MODEL_CARD_DESCRIPTION, modelCard.copy());
		return device;
	}

	/**
	 * A DocumentReference conforming to AI-ModelCard that points to the model's Model-Card URL.
	 *
	 * <p>The category states the card's format, as the profile's slices require: Markdown for
	 * {@code text/markdown}, CHAI for {@code application/xml}, and plain {@code AIModelCard} for any
	 * other format (the profile needs at least one category and has no code for "other"). Media type
	 * parameters and case are ignored, so {@code text/markdown; charset=UTF-8} is Markdown.
	 *
	 * @throws IllegalArgumentException when the model has no Model-Card URL
	 */
	public DocumentReference newModelCard(AiModel model) {
		Objects.requireNonNull(model, "model");
		if (!model.hasModelCard()) {
			throw new IllegalArgumentException(
					"AI model '" + model.identifierValue() + "' has no modelCardUrl, so it has no Model-Card");
		}
		DocumentReference card = new DocumentReference();
		card.getMeta().addProfile(AiTransparency.PROFILE_AI_MODEL_CARD);
		card.addIdentifier(modelIdentifier(model));
		card.setStatus(DocumentReferenceStatus.CURRENT);
		card.setType(new CodeableConcept(AiTransparency.aiModelCardCoding()));
		card.addCategory(new CodeableConcept(formatCategory(model.modelCardContentType())));
		card.addContent()
				.setAttachment(new Attachment()
						.setUrl(model.modelCardUrl())
						.setContentType(model.modelCardContentType()));
		return card;
	}

	/**
	 * The match URL for a conditional create of the model's Device:
	 * {@code Device?identifier=<system>|<value>}.
	 *
	 * <p>The value is escaped twice over: first with FHIR search escaping ({@code \}, {@code |},
	 * {@code ,}, {@code $} get a backslash), because the key itself may contain an escaped {@code |}
	 * that a server would otherwise split on; then URL-encoded, with spaces as {@code %20}.
	 */
	public static String searchUrl(AiModel model) {
		Objects.requireNonNull(model, "model");
		String searchValue = model.identifierValue()
				.replace("\\", "\\\\")
				.replace("|", "\\|")
				.replace(",", "\\,")
				.replace("$", "\\$");
		return "Device?identifier=" + AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL + "|"
				+ URLEncoder.encode(searchValue, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static Identifier modelIdentifier(AiModel model) {
		return new Identifier()
				.setSystem(AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL)
				.setValue(model.identifierValue());
	}

	private static Coding formatCategory(String contentType) {
		String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		return switch (mediaType) {
			case AiTransparency.MEDIA_TYPE_MARKDOWN -> AiTransparency.aiModelCardMarkdownFormatCoding();
			case AiTransparency.MEDIA_TYPE_CHAI_XML -> AiTransparency.aiModelCardChaiFormatCoding();
			default -> AiTransparency.aiModelCardCoding();
		};
	}
}
