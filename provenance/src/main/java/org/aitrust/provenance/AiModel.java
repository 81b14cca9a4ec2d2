package org.aitrust.provenance;

/**
 * One version of one AI model, as this module records it in an AI-Device (and, when it has one, an
 * AI-ModelCard).
 *
 * <p>A new model version is a new Device: a problematic version must be discoverable on its own
 * ({@code Provenance?agent=Device/...}), so {@link #identifierValue()} includes the version.
 *
 * @param name model name, e.g. {@code gpt-4o}; required, not blank
 * @param version model version, e.g. {@code 2024-08-06}; required, not blank
 * @param manufacturer who makes the model; {@code null} when not known
 * @param modelCardUrl where the model's Model-Card can be read; {@code null} when there is none
 * @param modelCardContentType media type of the Model-Card; defaults to
 *     {@value AiTransparency#MEDIA_TYPE_MARKDOWN} when a URL is given, and must be absent otherwise
 * @param aiKinds the kinds of AI the model is (AIKind extension codes, {@link AiKind}); empty when not declared
 * @param attachedModelCard the Model-Card's content, stored in the card itself; {@code null} when there is none
 * @param description what the model does, in a sentence or a paragraph (Device.note, the card's description);
 *     {@code null} when not given
 */
public record AiModel(
		String name, String version, String manufacturer, String modelCardUrl, String modelCardContentType,
		java.util.List<String> aiKinds, AttachedModelCard attachedModelCard, String description) {

	private static final AiModel UNIDENTIFIED =
			new AiModel("Unidentified AI system", "unknown", "unknown", null, null);

	/**
	 * Checks required fields, turns blank optional fields into {@code null} and applies the Model-Card
	 * content type default.
	 *
	 * @throws IllegalArgumentException naming the field, when name or version is blank, when a
	 *     Model-Card content type is given without a Model-Card URL, or when an AI kind is not selectable
	 */
	public AiModel {
		requireNonBlank(name, "name");
		requireNonBlank(version, "version");
		manufacturer = blankToNull(manufacturer);
		modelCardUrl = blankToNull(modelCardUrl);
		modelCardContentType = blankToNull(modelCardContentType);
		if (modelCardUrl == null && modelCardContentType != null) {
			throw new IllegalArgumentException(
					"modelCardContentType '" + modelCardContentType + "' was given without a modelCardUrl");
		}
		if (modelCardUrl != null && modelCardContentType == null) {
			modelCardContentType = AiTransparency.MEDIA_TYPE_MARKDOWN;
		}
		aiKinds = aiKinds == null ? java.util.List.of() : java.util.List.copyOf(aiKinds);
		for (String kind : aiKinds) {
			if (!AiKind.isSelectable(kind)) {
				throw new IllegalArgumentException("AI model kind '" + kind + "' is not a selectable code of AIdeviceTypeVS");
			}
		}
		description = blankToNull(description);
	}

	/** A model with a Model-Card URL at most: no declared kind, attached card or description. */
	public AiModel(String name, String version, String manufacturer, String modelCardUrl, String modelCardContentType) {
		this(name, version, manufacturer, modelCardUrl, modelCardContentType, null, null, null);
	}

	/** A model without a Model-Card. */
	public AiModel(String name, String version, String manufacturer) {
		this(name, version, manufacturer, null, null);
	}

	/**
	 * The single model that stands for "an AI system that did not identify itself". A server records
	 * all such writes against one Device so they stay discoverable and can be re-attributed later,
	 * instead of inventing one Device per anonymous write.
	 */
	public static AiModel unidentified() {
		return UNIDENTIFIED;
	}

	/** Whether this is {@link #unidentified()}. */
	public boolean isUnidentified() {
		return equals(UNIDENTIFIED);
	}

	/**
	 * Whether the model has a Model-Card, linked by URL or attached, i.e. an AI-ModelCard DocumentReference can be
	 * made.
	 */
	public boolean hasModelCard() {
		return modelCardUrl != null || attachedModelCard != null;
	}

	/**
	 * The stable business key {@code name|version}, used as the Device identifier value in
	 * {@value AiTransparency#PROJECT_NAMING_SYSTEM_AI_MODEL}.
	 *
	 * <p>A {@code |} or {@code \} inside a part is escaped with a backslash ({@code a|b} becomes
	 * {@code a\|b}), so two different models can never share a key. Manufacturer is not part of the
	 * key: it is descriptive, and correcting it must not create a second Device; nor are the kinds, the card and the
	 * description, whose change makes a new version of the same Device and card.
	 */
	public String identifierValue() {
		return escape(name) + "|" + escape(version);
	}

	private static String escape(String part) {
		return part.replace("\\", "\\\\").replace("|", "\\|");
	}

	private static void requireNonBlank(String value, String field) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("AI model " + field + " must not be blank");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
