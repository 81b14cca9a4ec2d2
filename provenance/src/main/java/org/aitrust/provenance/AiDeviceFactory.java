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
		for (String kind : model.aiKinds()) {
			device.addExtension(AiTransparency.EXTENSION_AI_KIND, AiKind.valueOf(kind));
		}
		if (model.description() != null) {
			device.addNote().setText(model.description());
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
	 * A DocumentReference conforming to AI-ModelCard that links to the model's Model-Card URL and/or carries its
	 * attached content.
	 *
	 * <p>Each format is one {@code content} whose attachment has the URL, the data, or both when the URL and the
	 * attached card have the same content type (the profile allows one Markdown and one CHAI content). The
	 * categories state the formats, as the profile's slices require: Markdown for {@code text/markdown}, CHAI for
	 * {@code application/xml}, and plain {@code AIModelCard} for any other format such as JSON (the profile needs at
	 * least one category and has no code for "other"). Media type parameters and case are ignored, so
	 * {@code text/markdown; charset=UTF-8} is Markdown. The model's description, when given, is the card's
	 * {@code description}.
	 *
	 * @throws IllegalArgumentException when the model has neither a Model-Card URL nor an attached card
	 */
	public DocumentReference newModelCard(AiModel model) {
		Objects.requireNonNull(model, "model");
		if (!model.hasModelCard()) {
			throw new IllegalArgumentException(
					"AI model '" + model.identifierValue() + "' has neither a modelCardUrl nor attached card data,"
							+ " so it has no Model-Card");
		}
		DocumentReference card = new DocumentReference();
		card.getMeta().addProfile(AiTransparency.PROFILE_AI_MODEL_CARD);
		card.addIdentifier(modelIdentifier(model));
		card.setStatus(DocumentReferenceStatus.CURRENT);
		// The profile fixes the type exactly (system and code): a display would be an element the fixed value lacks.
		card.setType(new CodeableConcept(new Coding()
				.setSystem(AiTransparency.SYSTEM_AI_INPUTS).setCode(AiTransparency.CODE_AI_MODEL_CARD)));
		if (model.description() != null) {
			card.setDescription(model.description());
		}
		AttachedModelCard attached = model.attachedModelCard();
		Attachment linked = null;
		if (model.modelCardUrl() != null) {
			linked = new Attachment().setUrl(model.modelCardUrl()).setContentType(model.modelCardContentType());
			addContent(card, linked);
		}
		if (attached != null) {
			if (linked != null && mediaType(linked.getContentType()).equals(attached.contentType())) {
				linked.setData(attached.data());
			} else {
				addContent(card, new Attachment().setContentType(attached.contentType()).setData(attached.data()));
			}
		}
		return card;
	}

	private static void addContent(DocumentReference card, Attachment attachment) {
		card.addContent().setAttachment(attachment);
		Coding category = formatCategory(attachment.getContentType());
		boolean known = card.getCategory().stream()
				.anyMatch(existing -> existing.getCodingFirstRep().getCode().equals(category.getCode()));
		if (!known) {
			card.addCategory(new CodeableConcept(category));
		}
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

	private static String mediaType(String contentType) {
		return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
	}

	private static Coding formatCategory(String contentType) {
		return switch (mediaType(contentType)) {
			case AiTransparency.MEDIA_TYPE_MARKDOWN -> AiTransparency.aiModelCardMarkdownFormatCoding();
			case AiTransparency.MEDIA_TYPE_CHAI_XML -> AiTransparency.aiModelCardChaiFormatCoding();
			default -> AiTransparency.aiModelCardCoding();
		};
	}
}
