package org.aitrust.interceptor.store;

/**
 * How long the rollup job keeps rows.
 *
 * @param rawDays days of raw rows kept (days before today); older raw rows are deleted once their day is rolled up
 * @param rollupDays days of rollup rows kept, or {@code null} to keep them all; at least {@code rawDays}, so a day
 *     is never left without both
 */
public record RollupRetention(int rawDays, Integer rollupDays) {

	public RollupRetention {
		if (rawDays < 1) {
			throw new IllegalArgumentException("raw rows must be kept at least one day, not " + rawDays);
		}
		if (rollupDays != null && rollupDays < rawDays) {
			throw new IllegalArgumentException("rollups (" + rollupDays + " days) must be kept as long as raw rows ("
					+ rawDays + " days)");
		}
	}
}
