package org.aitrust.interceptor.store;

import java.time.LocalDate;

/**
 * What one run of the rollup job did.
 *
 * @param ran false when another node held the job's lock, so this node did nothing
 * @param rolledThrough the last day rolled up after the run, or {@code null} while nothing is
 * @param daysRolledUp closed days summarised for the first time
 * @param daysRolledUpAgain rolled-up days summarised again (or added to) because raw rows arrived for them later
 * @param rowsSummarised raw rows (arrivals, outcomes, breakdown items, reviews) read into rollups
 * @param rawRowsDeleted raw rows deleted by retention, those of dropped partitions included
 * @param partitionsCreated monthly arrival partitions created ahead (PostgreSQL)
 * @param partitionsDropped monthly arrival partitions dropped by retention (PostgreSQL)
 * @param rollupRowsDeleted rollup rows deleted by their own retention
 */
public record RollupRun(
		boolean ran,
		LocalDate rolledThrough,
		int daysRolledUp,
		int daysRolledUpAgain,
		long rowsSummarised,
		long rawRowsDeleted,
		int partitionsCreated,
		int partitionsDropped,
		long rollupRowsDeleted) {

	/** The run of a node that found another node running the job. */
	static RollupRun skipped(LocalDate rolledThrough) {
		return new RollupRun(false, rolledThrough, 0, 0, 0, 0, 0, 0, 0);
	}
}
