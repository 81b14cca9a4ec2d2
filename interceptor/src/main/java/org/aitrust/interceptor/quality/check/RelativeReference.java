package org.aitrust.interceptor.quality.check;

/**
 * A literal relative reference as FHIR defines it: {@code Type/id}, optionally followed by {@code /_history/version},
 * where the type is a capitalised name and the id and version are 1 to 64 letters, digits, {@code -} or {@code .}.
 * Read by hand rather than with a regular expression: every reference of every arriving resource passes here.
 *
 * @param text the reference exactly as written
 * @param resourceType the type it names
 * @param versionless {@code Type/id}, without the version
 */
public record RelativeReference(String text, String resourceType, String versionless) {

	private static final String HISTORY = "/_history/";
	/** The longest type, id or version: FHIR allows 64 characters for an id, and no type name comes near. */
	private static final int MAX_PART_LENGTH = 64;

	/** The reference {@code text} is, or {@code null} when it is none (absolute, contained, conditional, malformed). */
	public static RelativeReference parse(String text) {
		if (text == null) {
			return null;
		}
		int typeEnd = text.indexOf('/');
		if (typeEnd < 1 || typeEnd > MAX_PART_LENGTH || !isType(text, typeEnd)) {
			return null;
		}
		int idEnd = idEnd(text, typeEnd + 1);
		if (idEnd < 0) {
			return null;
		}
		if (idEnd < text.length()) {
			if (!text.startsWith(HISTORY, idEnd) || idEnd(text, idEnd + HISTORY.length()) != text.length()) {
				return null;
			}
		}
		String versionless = idEnd == text.length() ? text : text.substring(0, idEnd);
		return new RelativeReference(text, text.substring(0, typeEnd), versionless);
	}

	/**
	 * Equal when written alike: the type and versionless reference follow from the text. Compared by the text alone,
	 * whose hash the string keeps, since every reference of every arriving resource is a map key while its checks
	 * run.
	 */
	@Override
	public boolean equals(Object other) {
		return other instanceof RelativeReference reference && text.equals(reference.text);
	}

	@Override
	public int hashCode() {
		return text.hashCode();
	}

	private static boolean isType(String text, int end) {
		if (text.charAt(0) < 'A' || text.charAt(0) > 'Z') {
			return false;
		}
		for (int i = 1; i < end; i++) {
			char c = text.charAt(i);
			if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
				return false;
			}
		}
		return true;
	}

	/** Where the id (or version) starting at {@code start} ends: the text's end or a {@code /}; -1 if it is none. */
	private static int idEnd(String text, int start) {
		int end = start;
		while (end < text.length() && text.charAt(end) != '/') {
			char c = text.charAt(end);
			if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
				return -1;
			}
			end++;
		}
		int length = end - start;
		return length >= 1 && length <= MAX_PART_LENGTH ? end : -1;
	}
}
