package org.aitrust.provenance;

import org.hl7.fhir.r4.model.Reference;

/**
 * The resource type a {@link Reference} points to, so builders can reject a reference to the wrong
 * kind of resource (a Patient where the IG wants a Device) before it reaches a stored Provenance.
 */
final class ReferencedType {

	private ReferencedType() {}

	/**
	 * The type named by the literal reference ({@code Device/1}, {@code http://x/fhir/Device/1}), or,
	 * when there is no literal reference, by {@code Reference.type}; {@code null} when neither says.
	 */
	static String of(Reference reference) {
		if (reference == null) {
			return null;
		}
		if (reference.hasReference()) {
			String literal = reference.getReferenceElement().getResourceType();
			if (literal != null) {
				return literal;
			}
		}
		return reference.hasType() ? reference.getType() : null;
	}

	/**
	 * Checks that {@code reference} points to one of {@code allowedTypes}.
	 *
	 * @throws IllegalArgumentException naming {@code what} and the allowed types otherwise
	 */
	static void require(Reference reference, String what, String... allowedTypes) {
		if (reference == null) {
			throw new IllegalArgumentException(what + " must not be null");
		}
		String type = of(reference);
		for (String allowed : allowedTypes) {
			if (allowed.equals(type)) {
				return;
			}
		}
		throw new IllegalArgumentException(
				what + " must reference " + String.join(" or ", allowedTypes) + ", but references "
						+ (type == null ? "an unknown type" : type)
						+ " ('" + reference.getReference() + "')");
	}
}
