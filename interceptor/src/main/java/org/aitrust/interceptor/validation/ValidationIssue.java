package org.aitrust.interceptor.validation;

import java.util.Locale;
import java.util.Optional;

/**
 * One finding of validation, in the shape an OperationOutcome issue needs.
 *
 * @param severity severity after the policy's adjustments
 * @param code OperationOutcome issue type code ({@code structure}, {@code code-invalid}, {@code invariant}, ...)
 * @param messageId the validator's message id ({@code Terminology_TX_NoValid_1_CC}, ...), or {@code null}
 * @param message the human-readable text
 * @param expression FHIRPath location of the issue in the validated resource, or {@code null}
 * @param notCheckable the issue says the server lacks the terminology or profile to check, not that the data
 *     is wrong
 */
public record ValidationIssue(
		IssueSeverity severity, String code, String messageId, String message, String expression, boolean notCheckable) {

	/**
	 * How the metrics count this issue: {@code severity|code|message id}, lower case severity, {@code none} for a
	 * missing message id. Only the validator's own vocabulary, never text from the data.
	 */
	public String metricKey() {
		return severity.name().toLowerCase(Locale.ROOT) + "|" + code + "|" + (messageId == null ? "none" : messageId);
	}

	/**
	 * The constraint key ({@code us-core-6}) when this issue is an invariant broken at error severity or worse:
	 * the validator names such an issue by the constraint's source and key, {@code <profile>#<key>}.
	 */
	public Optional<String> failedInvariantKey() {
		if (!"invariant".equals(code) || !severity.isAtLeast(IssueSeverity.ERROR) || messageId == null) {
			return Optional.empty();
		}
		int hash = messageId.lastIndexOf('#');
		return hash < 0 || hash == messageId.length() - 1
				? Optional.empty() : Optional.of(messageId.substring(hash + 1));
	}

	/** The same issue located inside an enclosing resource (a Bundle entry), for the client's orientation. */
	public ValidationIssue relocated(String prefix) {
		String located = expression == null ? prefix : prefix + expression.substring(expression.indexOf('.') < 0
				? expression.length() : expression.indexOf('.'));
		return new ValidationIssue(severity, code, messageId, message, located, notCheckable);
	}
}
