package org.aitrust.interceptor.validation;

/**
 * Canonical references, {@code url} or {@code url|version}. Where the module compares canonicals, or looks one up
 * again after the versioned form was not found, it goes by the URL alone: a profile claimed as {@code url|6.1.0}
 * is the profile required as {@code url}.
 */
public final class Canonicals {

	private Canonicals() {}

	/** {@code canonical} without its {@code |version} suffix; {@code null} stays {@code null}. */
	public static String withoutVersion(String canonical) {
		if (canonical == null) {
			return null;
		}
		int bar = canonical.indexOf('|');
		return bar < 0 ? canonical : canonical.substring(0, bar);
	}
}
