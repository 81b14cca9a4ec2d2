package org.aitrust.interceptor.store;

import java.math.BigDecimal;
import java.math.RoundingMode;

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
	/** One row once the review worklist has been backfilled with AI writes from before it existed ({@link WorklistBackfillMarker}). */
	public static final String WORKLIST_BACKFILL = "AITRUST_WORKLIST_BACKFILL";
	/** One row per run of the stored-data job; the latest completed one is what the stored population reports. */
	public static final String RUN = "AITRUST_QUALITY_RUN";
	/** The chunks of a stored-data run already measured, so a chunk delivered twice is counted once. */
	public static final String RUN_CHUNK = "AITRUST_QUALITY_RUN_CHUNK";
	/** The IG packages installed at run time, with their bytes. */
	public static final String IG_PACKAGE = "AITRUST_IG_PACKAGE";
	/** Daily rollups of closed days ({@link RollupTable}, {@link DailyRollup}): arrivals without lag, patient and confidence. */
	public static final String ROLLUP_ARRIVAL = "AITRUST_ROLLUP_ARRIVAL";
	/** Daily rollups: how many arrivals had each lag. */
	public static final String ROLLUP_LAG = "AITRUST_ROLLUP_LAG";
	/** Daily rollups: stored AI writes per model, strata, check bit sets and patient. */
	public static final String ROLLUP_PATIENT = "AITRUST_ROLLUP_PATIENT";
	/** Daily rollups of the outcome rows. */
	public static final String ROLLUP_OUTCOME = "AITRUST_ROLLUP_OUTCOME";
	/** Daily rollups of the breakdown rows. */
	public static final String ROLLUP_BREAKDOWN = "AITRUST_ROLLUP_BREAKDOWN";
	/** Daily rollups of the review rows, by the day of the review. */
	public static final String ROLLUP_REVIEW = "AITRUST_ROLLUP_REVIEW";
	/** The rollup job's lock row and the last day rolled up. */
	public static final String ROLLUP_STATE = "AITRUST_ROLLUP_STATE";
	/** One row per rolled-up day: the raw rows its rollup summarised, and whether they were deleted. */
	public static final String ROLLUP_DAY = "AITRUST_ROLLUP_DAY";

	/*
	 * Widths of the bounded text columns of the quality tables, as the migrations declare them. Values are fitted to
	 * them by StoredText when written, and so are the values a report filters by.
	 */
	public static final int SOURCE_WIDTH = 128;
	public static final int AI_MODEL_WIDTH = 128;
	public static final int RESOURCE_TYPE_WIDTH = 64;
	public static final int PROFILE_WIDTH = 255;
	public static final int MEASURE_WIDTH = 255;
	public static final int ITEM_WIDTH = 255;
	public static final int OUTCOME_WIDTH = 32;
	public static final int AGE_BAND_WIDTH = 16;
	public static final int GENDER_WIDTH = 16;
	public static final int RACE_WIDTH = 64;
	public static final int ETHNICITY_WIDTH = 64;

	/** Decimal places of the {@code CONFIDENCE} columns, as the migration declares them ({@code DECIMAL(7, 6)}). */
	public static final int CONFIDENCE_SCALE = 6;

	private ModuleTables() {}

	/**
	 * A stated confidence as its column holds it: rounded half up to {@value #CONFIDENCE_SCALE} places, so the row
	 * holds what a report counts, never a value the database would round its own way.
	 */
	public static BigDecimal confidence(BigDecimal probability) {
		return probability == null ? null : probability.setScale(CONFIDENCE_SCALE, RoundingMode.HALF_UP);
	}
}
