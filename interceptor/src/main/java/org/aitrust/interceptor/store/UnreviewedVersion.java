package org.aitrust.interceptor.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of the review worklist: the current version of an AI-labelled resource that has no review recorded by
 * {@code $ai-review}, with what the worklist and the data-quality report filter it by.
 *
 * @param resourceType the resource type, like {@code Observation}
 * @param idPart the resource's id, without type or version
 * @param version the current version, the one awaiting review
 * @param patient the Patient the resource is about as {@code Patient/id}, or {@code null} when it names none
 * @param lastUpdated when this version was stored, the worklist's order
 * @param day the UTC day of {@code lastUpdated}, the arrival day the report counts it under
 * @param source the client that wrote the version, attributed as an arrival is
 * @param profile the first profile the version claims, attributed as an arrival is
 */
public record UnreviewedVersion(
		String resourceType,
		String idPart,
		long version,
		String patient,
		Instant lastUpdated,
		LocalDate day,
		String source,
		String profile) {

	/** {@code Type/id}: the resource's key in the worklist, whichever version is current. */
	public String key() {
		return keyOf(resourceType, idPart);
	}

	public static String keyOf(String resourceType, String idPart) {
		return resourceType + "/" + idPart;
	}
}
