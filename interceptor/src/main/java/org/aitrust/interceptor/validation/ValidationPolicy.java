package org.aitrust.interceptor.validation;

import java.util.Comparator;
import java.util.List;

/**
 * Which rule applies to a write, and how severe issues must be to count. The most specific covering rule
 * wins (type and source, then source, then type, then the default mode); among equally specific rules the
 * first configured wins, so an administrator's order is respected.
 */
public final class ValidationPolicy {

	private final ValidationRule fallback;
	private final List<ValidationRule> rules;
	private final IssueSeverity rejectSeverity;

	public ValidationPolicy(ValidationMode defaultMode, List<ValidationRule> rules, IssueSeverity rejectSeverity) {
		this.fallback = ValidationRule.fallback(defaultMode);
		this.rules = List.copyOf(rules);
		this.rejectSeverity = rejectSeverity;
	}

	/** The rule for a write of {@code resourceType} from {@code source} ({@code null} when unknown). */
	public ValidationRule ruleFor(String resourceType, String source) {
		return rules.stream()
				.filter(rule -> rule.covers(resourceType, source))
				.max(Comparator.comparingInt(ValidationRule::specificity).thenComparing((a, b) -> rules.indexOf(b) - rules.indexOf(a)))
				.orElse(fallback);
	}

	/** Whether an issue of this severity makes ENFORCE reject the resource. */
	public boolean rejects(IssueSeverity severity) {
		return severity.isAtLeast(rejectSeverity);
	}

	public IssueSeverity rejectSeverity() {
		return rejectSeverity;
	}

	public List<ValidationRule> rules() {
		return rules;
	}

	public ValidationMode defaultMode() {
		return fallback.mode();
	}
}
