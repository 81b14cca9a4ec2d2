package org.aitrust.interceptor.validation;

/**
 * A {@code system|code} pair as an administrator writes it in a property, such as the tag WARN mode puts on resources
 * stored with issues. Spring binds the property through {@link #valueOf(String)}, so a malformed value stops start-up
 * with the property named.
 *
 * @param system the code system URI
 * @param code the code
 */
public record TagCoding(String system, String code) {

	public TagCoding {
		if (system == null || system.isBlank() || code == null || code.isBlank()) {
			throw new IllegalArgumentException("a tag needs a system and a code");
		}
	}

	/** Parses {@code system|code}; an empty value means no tag ({@code null}). */
	public static TagCoding valueOf(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		int bar = text.indexOf('|');
		if (bar <= 0 || bar == text.length() - 1) {
			throw new IllegalArgumentException("must be system|code, e.g. http://example.org/tags|validation-issues");
		}
		return new TagCoding(text.substring(0, bar), text.substring(bar + 1));
	}

	@Override
	public String toString() {
		return system + "|" + code;
	}
}
