package org.aitrust.interceptor.quality.check;

import org.hl7.fhir.r4.model.Resource;

/**
 * One data-quality rule applied to each resource that arrives in a write. A check is stateless and is called
 * concurrently from every request thread; whatever it needs to know about the server it asks the
 * {@link CheckContext}.
 */
public interface QualityCheck {

	/**
	 * A stable kebab-case name, such as {@code plausibility-future-date}: the key under which outcomes are stored
	 * and reported, so it must never change once counts have been recorded under it.
	 */
	String id();

	/** The Kahn category, as OHDSI's Data Quality Dashboard reports it. */
	KahnCategory category();

	/**
	 * How its figure is judged by default; a host's own check is a convention unless it says otherwise (the
	 * built-in checks take theirs from {@link BuiltInCheck}).
	 */
	default CheckClass checkClass() {
		return CheckClass.CONVENTION;
	}

	/** Where in the resource a violation sits. */
	default CheckLevel level() {
		return CheckLevel.RESOURCE;
	}

	/** What a failing resource has, in one sentence for a quality team (DQD's check description). */
	String description();

	/**
	 * Judges one resource. Exceptions from the context propagate: whether a failed measurement fails the write
	 * is for the caller to decide.
	 */
	CheckOutcome evaluate(Resource resource, CheckContext context);

	/**
	 * Judges one resource and says what it found: for a violation, the element paths, units, codes or code systems at
	 * which the resource violated the check, so its rate can be broken down. A check that reports no items (a host's,
	 * unless it overrides this) gives the outcome of {@link #evaluate} alone.
	 */
	default CheckFindings evaluateWithFindings(Resource resource, CheckContext context) {
		return CheckFindings.of(evaluate(resource, context));
	}
}
