package org.aitrust.interceptor.validation;

import java.util.Optional;
import java.util.Set;

/**
 * What a stored conformance resource can change in what validation remembers, so a change empties only that.
 *
 * <p>A ValueSet, CodeSystem, ConceptMap or NamingSystem changes what terminology lookups answer: the value sets and
 * code systems fetched, expansions, code validation results, and which value sets the server can check. HAPI's
 * validation chain keeps those in its expiring cache; the StructureDefinitions (with their snapshots) it keeps apart,
 * and so does the pool of built validators: neither depends on terminology, and rebuilding them is what made a
 * validation after each stored ValueSet slow. Every other conformance resource (a StructureDefinition, a
 * Questionnaire the validator looked up by canonical, a SearchParameter, ...) empties everything, as before.
 */
public enum ConformanceCacheScope {

	/** Terminology lookups and results only; profiles, snapshots and built validators stay. */
	TERMINOLOGY,
	/** Every cache of validation. */
	EVERYTHING;

	private static final Set<String> TERMINOLOGY_TYPES = Set.of("ValueSet", "CodeSystem", "ConceptMap", "NamingSystem");

	/** The scope a change of a resource of this type needs; empty for a type that is not a conformance resource. */
	public static Optional<ConformanceCacheScope> of(String resourceType) {
		if (resourceType == null || !IgPackageSupport.CONFORMANCE_TYPES.contains(resourceType)) {
			return Optional.empty();
		}
		return Optional.of(TERMINOLOGY_TYPES.contains(resourceType) ? TERMINOLOGY : EVERYTHING);
	}

	/** The scope that covers both: what one transaction that changed both kinds needs. */
	public ConformanceCacheScope and(ConformanceCacheScope other) {
		return this == EVERYTHING || other == EVERYTHING ? EVERYTHING : TERMINOLOGY;
	}
}
