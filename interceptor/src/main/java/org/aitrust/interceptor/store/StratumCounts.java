package org.aitrust.interceptor.store;

/**
 * One stratum of one window: how many rows it holds and about how many distinct patients, for the rate's
 * denominator and numerator. A row without a patient key (an AI write about no patient this server holds, or any
 * row written before the key was kept) counts as one patient of its own: such rows cannot be told apart, and rows
 * older than the key are suppressed as before, by writes.
 *
 * @param writes rows in the denominator: AI writes a check applied to, or first reviews
 * @param patients distinct patients of those rows
 * @param numerator rows in the numerator: writes failing the check, or reviews with the outcome
 * @param numeratorPatients distinct patients of those rows
 */
public record StratumCounts(long writes, long patients, long numerator, long numeratorPatients) {}
