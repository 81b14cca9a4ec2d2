package org.aitrust.interceptor.validation;

import java.util.List;
import java.util.Set;

/**
 * The validation that applies to a write of one resource type from one source.
 *
 * @param resourceTypes types covered; empty covers every type
 * @param sources client ids covered; empty covers every source
 * @param mode what happens to a covered resource with issues
 * @param requiredProfiles a covered resource must claim, and satisfy, at least one of these; empty requires none
 */
public record ValidationRule(
		Set<String> resourceTypes, Set<String> sources, ValidationMode mode, List<String> requiredProfiles) {

	public ValidationRule {
		resourceTypes = Set.copyOf(resourceTypes);
		sources = Set.copyOf(sources);
		requiredProfiles = List.copyOf(requiredProfiles);
	}

	/** The rule that covers everything not covered by a more specific rule. */
	public static ValidationRule fallback(ValidationMode mode) {
		return new ValidationRule(Set.of(), Set.of(), mode, List.of());
	}

	boolean covers(String resourceType, String source) {
		return (resourceTypes.isEmpty() || resourceTypes.contains(resourceType))
				&& (sources.isEmpty() || (source != null && sources.contains(source)));
	}

	/** Higher wins: naming the source is more specific than naming the type, naming both the most. */
	int specificity() {
		return (sources.isEmpty() ? 0 : 2) + (resourceTypes.isEmpty() ? 0 : 1);
	}
}
