package org.aitrust.provenance;

import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Turns the id of one resource version into the relative, version-specific reference that a
 * Provenance target needs.
 *
 * <p>A Provenance describes one write, so it must point at the version that write produced
 * ({@code Observation/123/_history/2}); a version-less target would silently move to every later
 * version, including ones a human wrote. The base URL is dropped because the Provenance is stored on
 * the same server as its target.
 */
final class VersionSpecificReference {

	private VersionSpecificReference() {}

	/**
	 * @throws IllegalArgumentException when {@code id} lacks a resource type, an id part or a version
	 */
	static Reference to(IIdType id, String what) {
		if (id == null || !id.hasResourceType() || !id.hasIdPart() || !id.hasVersionIdPart()) {
			throw new IllegalArgumentException(
					what + " must be version-specific, like Observation/123/_history/2, but was "
							+ (id == null ? "null" : "'" + id.getValue() + "'"));
		}
		return new Reference(id.toUnqualified().getValue());
	}
}
