package org.aitrust.interceptor.core;

import org.hl7.fhir.r4.model.Resource;

/**
 * The one definition of the source and profile a stored resource is counted under, so the quality rows and the review
 * worklist attribute a write alike: the client that sent it and the first profile it claims.
 */
public final class WriteAttribution {

	/** The source of a write whose client is not known and whose {@code meta.source} says nothing. */
	public static final String UNKNOWN_SOURCE = "unknown";
	/** The profile of a resource that claims none. */
	public static final String NO_PROFILE = "none";

	private WriteAttribution() {}

	/** The client as resolved for the request; else the system part of {@code meta.source}; else unknown. */
	public static String sourceOf(Resource resource, RequestSource requestSource) {
		if (requestSource.isKnown()) {
			return requestSource.clientId();
		}
		String metaSource = resource.getMeta().getSource();
		if (metaSource != null) {
			int hash = metaSource.indexOf('#');
			String system = hash < 0 ? metaSource : metaSource.substring(0, hash);
			if (!system.isBlank()) {
				return system;
			}
		}
		return UNKNOWN_SOURCE;
	}

	/**
	 * The first profile the resource claims; {@link #NO_PROFILE} when it claims none. Values longer than a column are
	 * fitted where they are stored ({@code StoredText}).
	 */
	public static String profileOf(Resource resource) {
		if (resource.getMeta().getProfile().isEmpty()) {
			return NO_PROFILE;
		}
		String profile = resource.getMeta().getProfile().get(0).getValue();
		return profile == null || profile.isBlank() ? NO_PROFILE : profile;
	}
}
