package org.aitrust.interceptor.quality;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The HL7 validator's English message templates, by message id, as its own resource bundle ({@code Messages}, shipped
 * in {@code org.hl7.fhir.utilities}) holds them. A template has placeholders ({@code {0}}) where a message has
 * values, so it tells a quality team what an issue means without carrying anything from the data.
 */
final class ValidatorMessages {

	/** The code system HAPI uses for validator message ids in OperationOutcome issue details. */
	static final String SYSTEM = "http://hl7.org/fhir/java-core-messageId";

	private static final ResourceBundle BUNDLE = load();

	private ValidatorMessages() {}

	/**
	 * The template of a message id, quotes unescaped; a plural message is given in its plural form. Empty for ids not
	 * in the bundle (an invariant is named by its rule, not here).
	 */
	static Optional<String> template(String messageId) {
		if (BUNDLE == null || messageId == null) {
			return Optional.empty();
		}
		for (String key : new String[] {messageId, messageId + "_other"}) {
			if (BUNDLE.containsKey(key)) {
				return Optional.of(BUNDLE.getString(key).replace("''", "'"));
			}
		}
		return Optional.empty();
	}

	private static ResourceBundle load() {
		try {
			return ResourceBundle.getBundle("Messages", Locale.ROOT);
		} catch (MissingResourceException e) {
			return null;
		}
	}
}
