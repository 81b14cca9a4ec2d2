package org.aitrust.autoconfigure;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link InvalidAiTrustPropertyException} into Spring Boot's "APPLICATION FAILED TO START" report. */
class InvalidAiTrustPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAiTrustPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidAiTrustPropertyException cause) {
		String description = cause.violations().stream()
				.map(v -> "  " + v)
				.collect(Collectors.joining("\n", "The FHIR AI Trust module is misconfigured:\n", ""));
		return new FailureAnalysis(
				description,
				"Correct the aitrust.* properties listed above; the README's configuration table lists each with"
						+ " its default.",
				cause);
	}
}
