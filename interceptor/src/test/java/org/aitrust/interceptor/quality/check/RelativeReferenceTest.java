package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativeReferenceTest {

	@Test
	void readsTypeAndId() {
		assertThat(RelativeReference.parse("Patient/example-1.a"))
				.extracting(RelativeReference::text, RelativeReference::resourceType, RelativeReference::versionless)
				.containsExactly("Patient/example-1.a", "Patient", "Patient/example-1.a");
	}

	@Test
	void keepsTheVersionInTheTextOnly() {
		assertThat(RelativeReference.parse("Observation/7/_history/3"))
				.extracting(RelativeReference::text, RelativeReference::resourceType, RelativeReference::versionless)
				.containsExactly("Observation/7/_history/3", "Observation", "Observation/7");
	}

	@Test
	void isEqualToTheSameTextOnly() {
		assertThat(RelativeReference.parse("Patient/1")).isEqualTo(RelativeReference.parse("Patient/1"))
				.hasSameHashCodeAs(RelativeReference.parse("Patient/1"));
		assertThat(RelativeReference.parse("Patient/1/_history/2")).isNotEqualTo(RelativeReference.parse("Patient/1"));
	}

	@Test
	void acceptsIdsOfSixtyFourCharactersButNotMore() {
		String longest = "a".repeat(64);
		assertThat(RelativeReference.parse("Patient/" + longest)).isNotNull();
		assertThat(RelativeReference.parse("Patient/" + longest + "a")).isNull();
		assertThat(RelativeReference.parse("Patient/1/_history/" + longest + "a")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = {
		"", "Patient", "Patient/", "/1", "patient/1", "Pa_tient/1", "Patient//1", "Patient/1/", "Patient/1 2",
		"Patient/1/_history/", "Patient/1/_history", "Patient/1/history/2", "Patient/1/_history/2/x", "#contained",
		"urn:uuid:5d8f2a1c-6e4b-4c6b-9f3e-1a2b3c4d5e6f", "http://example.org/fhir/Patient/1", "Patient?identifier=x|1"
	})
	void namesNothingWhenItIsNotALiteralRelativeReference(String text) {
		assertThat(RelativeReference.parse(text)).isNull();
	}

	@Test
	void nullNamesNothing() {
		assertThat(RelativeReference.parse(null)).isNull();
	}
}
