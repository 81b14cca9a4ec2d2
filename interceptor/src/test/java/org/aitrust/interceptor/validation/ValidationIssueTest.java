package org.aitrust.interceptor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidationIssueTest {

	@Test
	void theMetricKeyIsSeverityCodeAndMessageIdWithoutTheMessage() {
		ValidationIssue issue = new ValidationIssue(IssueSeverity.ERROR, "code-invalid", "Terminology_TX_NoValid_17",
				"The value 'John Smith' is not valid", "Patient.name[0]", false);

		assertThat(issue.metricKey()).isEqualTo("error|code-invalid|Terminology_TX_NoValid_17");
		assertThat(new ValidationIssue(IssueSeverity.WARNING, "informational", null, "text", null, false).metricKey())
				.isEqualTo("warning|informational|none");
	}

	@Test
	void anInvariantBrokenAtErrorSeverityIsNamedByItsConstraintKey() {
		ValidationIssue broken = new ValidationIssue(IssueSeverity.ERROR, "invariant",
				"http://fhir-aitrust.org/fhir/hospital/StructureDefinition/HospitalVitalSign#hosp-1",
				"Constraint failed: hosp-1", "Observation", false);
		ValidationIssue bestPractice = new ValidationIssue(IssueSeverity.WARNING, "invariant",
				"http://hl7.org/fhir/StructureDefinition/DomainResource#dom-6", "Constraint failed: dom-6", "Patient",
				false);
		ValidationIssue notAnInvariant = new ValidationIssue(IssueSeverity.ERROR, "structure", "Profile#x", "m", null,
				false);

		assertThat(broken.failedInvariantKey()).contains("hosp-1");
		assertThat(bestPractice.failedInvariantKey()).isEmpty();
		assertThat(notAnInvariant.failedInvariantKey()).isEmpty();
	}
}
