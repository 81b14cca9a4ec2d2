package org.aitrust.interceptor.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import org.aitrust.interceptor.quality.check.CheckOutcome;

/**
 * One resource that arrived in a write, as the metrics keep it: dimensions and check outcomes, never patient
 * data (no ids, names or values).
 *
 * @param day the day (UTC) it arrived
 * @param receivedAt when it arrived
 * @param source the client that sent it, folded to {@code other} beyond the configured cardinality
 * @param resourceType its resource type
 * @param profile the first profile it claims, {@code none} when it claims none, folded like {@code source}
 * @param accepted whether it was stored
 * @param aiLabelled whether it carries the AIAST label
 * @param withProvenance whether the module stored an AI-Provenance with it
 * @param lagSeconds seconds from its clinical time to arrival, or {@code null} when it has none
 * @param outcomes outcome of every check, by check id; kept as a read-only view of the map given, not a copy, so
 *     the caller hands it over and does not change it afterwards
 * @param breakdowns occurrences of each item found, by breakdown (items already folded)
 * @param aiModel for an AI-labelled arrival, the model that wrote it (folded); {@code null} otherwise
 * @param strata for an AI-labelled arrival, the strata of the patient it is about; {@code null} otherwise
 * @param confidence for an AI-labelled arrival, the probability its AI stated that it is correct (the resource-level
 *     {@code AIconfidence}); {@code null} when it stated none as a probability, and for other arrivals
 */
public record QualityEvent(
		LocalDate day,
		Instant receivedAt,
		String source,
		String resourceType,
		String profile,
		boolean accepted,
		boolean aiLabelled,
		boolean withProvenance,
		Long lagSeconds,
		Map<String, CheckOutcome> outcomes,
		Map<Breakdown, Map<String, Integer>> breakdowns,
		String aiModel,
		PatientStrata strata,
		BigDecimal confidence) {

	/** An arrival with no stated confidence. */
	public QualityEvent(LocalDate day, Instant receivedAt, String source, String resourceType, String profile,
			boolean accepted, boolean aiLabelled, boolean withProvenance, Long lagSeconds,
			Map<String, CheckOutcome> outcomes, Map<Breakdown, Map<String, Integer>> breakdowns, String aiModel,
			PatientStrata strata) {
		this(day, receivedAt, source, resourceType, profile, accepted, aiLabelled, withProvenance, lagSeconds, outcomes,
				breakdowns, aiModel, strata, null);
	}

	public QualityEvent {
		// Every write builds its outcomes for its event alone; copying a dozen entries per write was 3% of measuring.
		outcomes = Collections.unmodifiableMap(outcomes);
		breakdowns = Map.copyOf(breakdowns);
	}
}
