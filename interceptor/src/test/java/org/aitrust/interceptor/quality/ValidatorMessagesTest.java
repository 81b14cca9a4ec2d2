package org.aitrust.interceptor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidatorMessagesTest {

	@Test
	void aMessageIdGivesTheValidatorsTemplateWithPlaceholdersNotValues() {
		assertThat(ValidatorMessages.template("Terminology_TX_NoValid_17")).hasValueSatisfying(template ->
				assertThat(template).startsWith("The value provided ('{0}') was not found in the value set {1}"));
	}

	@Test
	void aPluralMessageIsGivenInItsPluralForm() {
		assertThat(ValidatorMessages.template("Validation_VAL_Profile_Minimum")).hasValueSatisfying(template ->
				assertThat(template).contains("minimum required"));
	}

	@Test
	void anInvariantIdOrAnUnknownIdHasNoTemplate() {
		assertThat(ValidatorMessages.template("http://hl7.org/fhir/StructureDefinition/Observation#obs-6")).isEmpty();
		assertThat(ValidatorMessages.template(null)).isEmpty();
	}
}
