package org.aitrust.interceptor.quality.check;

/**
 * The Kahn et al. (2016) data-quality category of a check, as the (category, subcategory) pair OHDSI's Data
 * Quality Dashboard writes in its results, so an export in the DQD shape needs no mapping table. Every check here
 * verifies data against expectations held by the server (rules, tables, other stored resources) rather than
 * against an external gold standard, so its DQD context is always {@value #CONTEXT}.
 */
public enum KahnCategory {

	/** A value agrees with a format, unit or value set (for example, a quantity in UCUM units). */
	CONFORMANCE_VALUE("Conformance", "Value"),
	/** A value agrees with other data it points to (for example, a reference resolves). */
	CONFORMANCE_RELATIONAL("Conformance", "Relational"),
	/** A computed value agrees with its definition (for example, an invariant holds). */
	CONFORMANCE_COMPUTATIONAL("Conformance", "Computational"),
	/** The data expected to be present is present. DQD gives completeness no subcategory. */
	COMPLETENESS("Completeness", null),
	/** A value that should identify one thing identifies only one. */
	PLAUSIBILITY_UNIQUENESS("Plausibility", "Uniqueness"),
	/** A value is believable on its own or against other values, regardless of time. */
	PLAUSIBILITY_ATEMPORAL("Plausibility", "Atemporal"),
	/** A time, or a sequence of times, is believable. */
	PLAUSIBILITY_TEMPORAL("Plausibility", "Temporal");

	/** The DQD context of every check in this package. */
	public static final String CONTEXT = "Verification";

	private final String category;
	private final String subcategory;

	KahnCategory(String category, String subcategory) {
		this.category = category;
		this.subcategory = subcategory;
	}

	/** The DQD {@code category}: Conformance, Completeness or Plausibility. */
	public String category() {
		return category;
	}

	/** {@code Category/Subcategory}, or just the category when it has no subcategory, e.g. {@code Plausibility/Temporal}. */
	public String label() {
		return subcategory() == null ? category() : category() + "/" + subcategory();
	}

	/** The DQD {@code subcategory}, or {@code null} for completeness, which has none. */
	public String subcategory() {
		return subcategory;
	}

	/** The DQD {@code context}: always {@value #CONTEXT}. */
	public String context() {
		return CONTEXT;
	}
}
