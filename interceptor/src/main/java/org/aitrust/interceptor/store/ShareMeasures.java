package org.aitrust.interceptor.store;

import java.util.List;

/**
 * The ids of the measures that describe arrivals rather than judge them: no threshold, no pass or fail. They are
 * counted from the arrival and review rows' own columns, not from check outcomes, which is why the store names them.
 */
public final class ShareMeasures {

	/** Every arrival has this measure; its rows carry the arrival lag. */
	public static final String RECEIVED = "received";
	/** Hit when the arrival was not stored. */
	public static final String REJECTED = "rejected";
	/** Hit when the arrival carried the AIAST label. */
	public static final String AI_LABELLED = "ai-labelled";
	/** Over AI-labelled arrivals that were stored: hit when no AI-Provenance was stored with them. */
	public static final String AI_WITHOUT_PROVENANCE = "ai-without-provenance";
	/**
	 * Over AI-labelled arrivals that were stored: hit when their version has since been reviewed. Stored as one
	 * row per first review, carrying the arrival's dimensions and the review lag; its denominator is that of
	 * {@link #AI_WITHOUT_PROVENANCE}.
	 */
	public static final String AI_REVIEWED = "ai-reviewed";
	/**
	 * Over AI-labelled arrivals that were stored: the resources on the review worklist ({@link UnreviewedVersions})
	 * whose current, unreviewed version arrived in the report's days, with its source, type and profile filters;
	 * exactly what {@code $ai-unreviewed} lists for them. An AI-written resource updated since counts once, by its
	 * current version.
	 */
	public static final String AI_UNREVIEWED = "ai-unreviewed";

	/** Every share measure, in report order. */
	public static final List<String> ALL =
			List.of(RECEIVED, REJECTED, AI_LABELLED, AI_WITHOUT_PROVENANCE, AI_REVIEWED, AI_UNREVIEWED);

	private ShareMeasures() {}
}
