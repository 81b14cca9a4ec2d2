package org.aitrust.interceptor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalsTest {

	@Test
	void theVersionSuffixIsDropped() {
		assertThat(Canonicals.withoutVersion("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient|6.1.0"))
				.isEqualTo("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient");
	}

	@Test
	void aCanonicalWithoutVersionIsKept() {
		assertThat(Canonicals.withoutVersion("http://hl7.org/fhir/ValueSet/administrative-gender"))
				.isEqualTo("http://hl7.org/fhir/ValueSet/administrative-gender");
	}

	@Test
	void everythingFromTheFirstBarOnIsTheVersion() {
		assertThat(Canonicals.withoutVersion("http://x/ValueSet/v|1|2")).isEqualTo("http://x/ValueSet/v");
		assertThat(Canonicals.withoutVersion("http://x/ValueSet/v|")).isEqualTo("http://x/ValueSet/v");
	}

	@Test
	void noCanonicalStaysNone() {
		assertThat(Canonicals.withoutVersion(null)).isNull();
	}
}
