package org.aitrust.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

/** Start-up failure caused by one or more wrong {@code aitrust.*} settings. */
public class InvalidAiTrustPropertyException extends IllegalStateException {

	/** One wrong setting: the full property name, the value found, and what is wrong with it. */
	public record Violation(String property, Object value, String problem) {
		@Override
		public String toString() {
			return property + " = '" + (value == null ? "" : value) + "': " + problem;
		}
	}

	private final List<Violation> violations;

	public InvalidAiTrustPropertyException(List<Violation> violations) {
		super("Invalid FHIR AI Trust configuration: "
				+ violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return violations;
	}
}
