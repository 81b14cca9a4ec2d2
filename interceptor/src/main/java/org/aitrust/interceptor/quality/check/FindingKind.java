package org.aitrust.interceptor.quality.check;

/**
 * What an item a check reports about a violation names: where in the resource it sits, or which unit, code or code
 * system it concerns. Items are taken from the FHIR model (element paths), the module's own tables (LOINC codes) or
 * the coded parts of the data (units, code system URIs), never from names, identifiers or values.
 */
public enum FindingKind {

	/** The element's path from the resource type, without indexes: {@code Observation.component.valueQuantity}. */
	ELEMENT_PATH,
	/** A quantity's unit: {@code system|code} when coded, else the unit text, else {@code (no unit)}. */
	UNIT,
	/** A code as {@code system|code}, e.g. {@code http://loinc.org|8867-4}. */
	CODE,
	/** A code system's URI, or {@code (no system)} for a coding without one. */
	CODE_SYSTEM
}
