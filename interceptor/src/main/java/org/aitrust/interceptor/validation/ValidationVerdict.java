package org.aitrust.interceptor.validation;

import java.util.List;
import java.util.Optional;
import org.aitrust.interceptor.core.ValidationFindings;

/**
 * The outcome of validating one resource under one rule.
 *
 * @param rule the rule that applied
 * @param issues every issue, severities already adjusted to the policy
 * @param failed whether some issue is at or above the policy's reject severity (ENFORCE refuses such a resource)
 */
public record ValidationVerdict(ValidationRule rule, List<ValidationIssue> issues, boolean failed) {

	public ValidationVerdict {
		issues = List.copyOf(issues);
	}

	/** Whether the rule's mode refuses the write. */
	public boolean rejected() {
		return failed && rule.mode() == ValidationMode.ENFORCE;
	}

	public boolean hasIssues() {
		return !issues.isEmpty();
	}

	/** What the quality metrics keep of this verdict: no message text, no locations, nothing from the data. */
	public ValidationFindings findings() {
		return new ValidationFindings(
				failed,
				issues.stream().anyMatch(ValidationIssue::notCheckable),
				issues.stream().map(ValidationIssue::metricKey).toList(),
				issues.stream().map(ValidationIssue::failedInvariantKey).flatMap(Optional::stream).toList());
	}
}
