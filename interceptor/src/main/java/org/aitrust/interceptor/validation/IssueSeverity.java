package org.aitrust.interceptor.validation;

import org.hl7.fhir.r4.model.OperationOutcome;

/** Severity of a validation issue, ordered from least to most severe, as OperationOutcome defines them. */
public enum IssueSeverity {
	INFORMATION,
	WARNING,
	ERROR,
	FATAL;

	public boolean isAtLeast(IssueSeverity other) {
		return compareTo(other) >= 0;
	}

	public OperationOutcome.IssueSeverity toFhir() {
		return switch (this) {
			case INFORMATION -> OperationOutcome.IssueSeverity.INFORMATION;
			case WARNING -> OperationOutcome.IssueSeverity.WARNING;
			case ERROR -> OperationOutcome.IssueSeverity.ERROR;
			case FATAL -> OperationOutcome.IssueSeverity.FATAL;
		};
	}

	/** The severity of a HAPI validation message; {@code null} counts as information. */
	public static IssueSeverity of(ca.uhn.fhir.validation.ResultSeverityEnum severity) {
		if (severity == null) {
			return INFORMATION;
		}
		return switch (severity) {
			case INFORMATION -> INFORMATION;
			case WARNING -> WARNING;
			case ERROR -> ERROR;
			case FATAL -> FATAL;
		};
	}

	public ca.uhn.fhir.validation.ResultSeverityEnum toHapi() {
		return switch (this) {
			case INFORMATION -> ca.uhn.fhir.validation.ResultSeverityEnum.INFORMATION;
			case WARNING -> ca.uhn.fhir.validation.ResultSeverityEnum.WARNING;
			case ERROR -> ca.uhn.fhir.validation.ResultSeverityEnum.ERROR;
			case FATAL -> ca.uhn.fhir.validation.ResultSeverityEnum.FATAL;
		};
	}
}
