package org.aitrust.provenance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A model card whose content the module stores in the AI-ModelCard DocumentReference itself
 * ({@code content.attachment.data}), as opposed to one it only links to by URL.
 *
 * @param contentType {@value AiTransparency#MEDIA_TYPE_MARKDOWN} (a Hugging Face style card),
 *     {@value #MEDIA_TYPE_JSON} (a CHAI-style applied model card in JSON) or
 *     {@value AiTransparency#MEDIA_TYPE_CHAI_XML} (a CHAI model card)
 * @param data the card's bytes, not empty
 */
public record AttachedModelCard(String contentType, byte[] data) {

	/** Content type of a model card in JSON (the CHAI applied model card's JSON form). */
	public static final String MEDIA_TYPE_JSON = "application/json";

	/** The content types an attached card may have. */
	public static final Set<String> CONTENT_TYPES =
			Set.of(AiTransparency.MEDIA_TYPE_MARKDOWN, MEDIA_TYPE_JSON, AiTransparency.MEDIA_TYPE_CHAI_XML);

	/** @throws IllegalArgumentException for an unsupported content type or empty data */
	public AttachedModelCard {
		Objects.requireNonNull(contentType, "contentType");
		Objects.requireNonNull(data, "data");
		if (!CONTENT_TYPES.contains(contentType)) {
			throw new IllegalArgumentException("model card content type '" + contentType + "' is not one of "
					+ CONTENT_TYPES);
		}
		if (data.length == 0) {
			throw new IllegalArgumentException("model card data must not be empty");
		}
		data = data.clone();
	}

	/**
	 * The content type a card file's name implies: {@code .md}/{@code .markdown} Markdown, {@code .json} JSON,
	 * {@code .xml} CHAI XML; empty for any other name.
	 */
	public static java.util.Optional<String> contentTypeOfFileName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
			return java.util.Optional.of(AiTransparency.MEDIA_TYPE_MARKDOWN);
		}
		if (lower.endsWith(".json")) {
			return java.util.Optional.of(MEDIA_TYPE_JSON);
		}
		if (lower.endsWith(".xml")) {
			return java.util.Optional.of(AiTransparency.MEDIA_TYPE_CHAI_XML);
		}
		return java.util.Optional.empty();
	}

	@Override
	public byte[] data() {
		return data.clone();
	}

	// By content, not by array identity: the model is a cache key, and the same card read twice is the same card.
	@Override
	public boolean equals(Object other) {
		return other instanceof AttachedModelCard card
				&& contentType.equals(card.contentType) && Arrays.equals(data, card.data);
	}

	@Override
	public int hashCode() {
		return 31 * contentType.hashCode() + Arrays.hashCode(data);
	}

	@Override
	public String toString() {
		return "AttachedModelCard[" + contentType + ", " + data.length + " bytes]";
	}
}
