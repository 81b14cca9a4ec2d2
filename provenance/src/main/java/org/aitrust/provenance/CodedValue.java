package org.aitrust.provenance;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * A code of one code system with its display, as the enums of this package carry them. HAPI model objects are
 * mutable, so every call returns a fresh Coding.
 */
public interface CodedValue {

	/** The code system's canonical URL. */
	String system();

	/** The code, e.g. {@code CREATE}. */
	String code();

	/** The human-readable display. */
	String display();

	/** A new coding of this value. */
	default Coding toCoding() {
		return new Coding(system(), code(), display());
	}

	/** A new CodeableConcept holding {@link #toCoding()}. */
	default CodeableConcept toCodeableConcept() {
		return new CodeableConcept(toCoding());
	}
}
