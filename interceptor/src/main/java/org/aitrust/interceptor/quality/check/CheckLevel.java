package org.aitrust.interceptor.quality.check;

/**
 * What a check looks at to find a violation: the resource as a whole, one element of it, or one coded concept. The
 * counts are always per resource (the denominator counts resources); the level says where in it the defect sits, as
 * DQD's checkLevel does for tables, fields and concepts.
 */
public enum CheckLevel {

	/** The resource as a whole: its claims, its validity, its relation to its patient. */
	RESOURCE("resource", "TABLE"),
	/** One element wherever it occurs: a Period, a Quantity, a Reference, an identifier. */
	ELEMENT("element", "FIELD"),
	/** A coded concept: a code system, or a value judged against its code. */
	CONCEPT("concept", "CONCEPT");

	private final String code;
	private final String dqdLevel;

	CheckLevel(String code, String dqdLevel) {
		this.code = code;
		this.dqdLevel = dqdLevel;
	}

	/** The code in reports, the Measure and the docs. */
	public String code() {
		return code;
	}

	/** DQD's {@code checkLevel} of the same reach: TABLE, FIELD or CONCEPT. */
	public String dqdLevel() {
		return dqdLevel;
	}
}
