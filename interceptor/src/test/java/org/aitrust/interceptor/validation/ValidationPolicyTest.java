package org.aitrust.interceptor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationPolicyTest {

	private final ValidationRule observations = new ValidationRule(Set.of("Observation"), Set.of(), ValidationMode.WARN, List.of());
	private final ValidationRule lab = new ValidationRule(Set.of(), Set.of("lab"), ValidationMode.ENFORCE, List.of());
	private final ValidationRule labPatients = new ValidationRule(Set.of("Patient"), Set.of("lab"), ValidationMode.OFF, List.of("http://x/p"));
	private final ValidationPolicy policy = new ValidationPolicy(ValidationMode.SHADOW, List.of(observations, lab, labPatients), IssueSeverity.ERROR);

	@Test
	void theMostSpecificCoveringRuleWins() {
		assertThat(policy.ruleFor("Patient", "lab")).isSameAs(labPatients);
		assertThat(policy.ruleFor("Observation", "lab")).as("a source rule outranks a type rule").isSameAs(lab);
		assertThat(policy.ruleFor("Observation", "ehr")).isSameAs(observations);
		assertThat(policy.ruleFor("Condition", "lab")).isSameAs(lab);
	}

	@Test
	void whatNoRuleCoversGetsTheDefaultMode() {
		assertThat(policy.ruleFor("Condition", "ehr").mode()).isEqualTo(ValidationMode.SHADOW);
		assertThat(policy.ruleFor("Condition", null).mode()).isEqualTo(ValidationMode.SHADOW);
		assertThat(policy.ruleFor("Observation", null)).as("an unknown source still gets type rules").isSameAs(observations);
	}

	@Test
	void amongEquallySpecificRulesTheFirstConfiguredWins() {
		ValidationRule first = new ValidationRule(Set.of("Patient"), Set.of(), ValidationMode.ENFORCE, List.of());
		ValidationRule second = new ValidationRule(Set.of("Patient", "Observation"), Set.of(), ValidationMode.WARN, List.of());
		ValidationPolicy ordered = new ValidationPolicy(ValidationMode.OFF, List.of(first, second), IssueSeverity.ERROR);
		assertThat(ordered.ruleFor("Patient", null)).isSameAs(first);
		assertThat(ordered.ruleFor("Observation", null)).isSameAs(second);
	}

	@Test
	void theRejectSeverityIsAFloor() {
		assertThat(policy.rejects(IssueSeverity.ERROR)).isTrue();
		assertThat(policy.rejects(IssueSeverity.FATAL)).isTrue();
		assertThat(policy.rejects(IssueSeverity.WARNING)).isFalse();
		ValidationPolicy strict = new ValidationPolicy(ValidationMode.ENFORCE, List.of(), IssueSeverity.WARNING);
		assertThat(strict.rejects(IssueSeverity.WARNING)).isTrue();
		assertThat(strict.rejects(IssueSeverity.INFORMATION)).isFalse();
	}
}
