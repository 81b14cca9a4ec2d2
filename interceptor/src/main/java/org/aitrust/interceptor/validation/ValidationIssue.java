package org.aitrust.interceptor.validation;

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

	/** The same issue located inside an enclosing resource (a Bundle entry), for the client's orientation. */
	public ValidationIssue relocated(String prefix) {
		String located = expression == null ? prefix : prefix + expression.substring(expression.indexOf('.') < 0
				? expression.length() : expression.indexOf('.'));
		return new ValidationIssue(severity, code, messageId, message, located, notCheckable);
	}
}
