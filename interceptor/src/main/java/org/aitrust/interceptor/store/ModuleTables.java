package org.aitrust.interceptor.store;

/**
 * The names of the module's tables. Only this package reads or writes them, and only the migrations under
 * {@code db/aitrust} define them; the names are public for tests and benchmarks that look at the rows directly.
 */
public final class ModuleTables {

	/** One row per arriving resource: its dimensions, share flags, lag and the bit sets of its built-in checks. */
	public static final String ARRIVAL = "AITRUST_QUALITY_ARRIVAL";
	/** One row per first review of an AI write, counted against the arrival's day and dimensions. */
	public static final String REVIEW = "AITRUST_QUALITY_REVIEW";
	/** One row per arrival and measure that has no bit (must-support elements). */
	public static final String OUTCOME = "AITRUST_QUALITY_OUTCOME";
	/** One row per arrival, breakdown and item found. */
	public static final String BREAKDOWN = "AITRUST_QUALITY_BREAKDOWN";
	/** The review worklist: one row per AI-labelled resource whose current version has no review ({@link UnreviewedVersions}). */
	public static final String AI_UNREVIEWED = "AITRUST_AI_UNREVIEWED";
	/** The IG packages installed at run time, with their bytes. */
	public static final String IG_PACKAGE = "AITRUST_IG_PACKAGE";

	private ModuleTables() {}
}
