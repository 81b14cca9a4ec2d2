package org.aitrust.provenance;

import static org.aitrust.provenance.AiTransparencyTest.assertCoding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AiReviewOutcomeTest {

	private static final String SYSTEM = "http://fhir-aitrust.org/CodeSystem/ai-review-outcome";

	@Test
	void codesAndDisplays() {
		assertCoding(AiReviewOutcome.VERIFIED.toCoding(), SYSTEM, "verified", "Verified");
		assertCoding(AiReviewOutcome.CORRECTED.toCoding(), SYSTEM, "corrected", "Corrected");
		assertCoding(AiReviewOutcome.REJECTED.toCoding(), SYSTEM, "rejected", "Rejected");
	}

	@ParameterizedTest
	@EnumSource(AiReviewOutcome.class)
	void fromCodeFindsEachOutcome(AiReviewOutcome outcome) {
		assertThat(AiReviewOutcome.fromCode(outcome.code())).isSameAs(outcome);
	}

	@Test
	void codeableConceptCarriesTheCoding() {
		assertCoding(AiReviewOutcome.REJECTED.toCodeableConcept().getCodingFirstRep(), SYSTEM, "rejected",
				"Rejected");
	}

	@ParameterizedTest
	@ValueSource(strings = {"Verified", "approved", ""})
	@NullSource
	void fromCodeRejectsUnknownCodesAndListsTheValidOnes(String code) {
		assertThatThrownBy(() -> AiReviewOutcome.fromCode(code))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'" + code + "'")
				.hasMessageContaining("verified, corrected, rejected");
	}
}
