package org.aitrust.interceptor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalCodeSystemsTest {

	private final ExternalCodeSystems table = new ExternalCodeSystems(List.of());

	@Test
	void theExternalSystemsFhirR4AndHl7TerminologyNameAreKnown() {
		assertThat(List.of("http://loinc.org", "http://snomed.info/sct", "http://www.nlm.nih.gov/research/umls/rxnorm",
				"http://hl7.org/fhir/sid/cvx", "http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10",
				"http://hl7.org/fhir/sid/ndc", "http://nucc.org/provider-taxonomy", "http://www.ama-assn.org/go/cpt",
				"http://unitsofmeasure.org", "urn:iso:std:iso:3166", "urn:ietf:bcp:47"))
				.allSatisfy(uri -> assertThat(table.contains(uri)).as(uri).isTrue());
	}

	@Test
	void aVersionedSystemIsKnownByItsUri() {
		assertThat(table.contains("http://snomed.info/sct|http://snomed.info/sct/731000124108")).isTrue();
	}

	@Test
	void identifierSystemsAndInventedOrMistypedUrisAreNotCodeSystems() {
		assertThat(table.contains("http://hl7.org/fhir/sid/us-npi")).isFalse();
		assertThat(table.contains("http://hl7.org/fhir/sid/us-ssn")).isFalse();
		assertThat(table.contains("http://loinc.org/")).isFalse();
		assertThat(table.contains("http://dicom.nema.org/medical/dicom/current/output/chtml/part16/sect_CID_29.html"))
				.isFalse();
		assertThat(table.contains("http://example.org/local-codes")).isFalse();
		assertThat(table.contains(null)).isFalse();
	}

	@Test
	void theAdministratorsSystemsAreKnownToo() {
		ExternalCodeSystems configured = new ExternalCodeSystems(List.of("http://hospital.example.org/lab-codes"));

		assertThat(configured.contains("http://hospital.example.org/lab-codes")).isTrue();
		assertThat(table.contains("http://hospital.example.org/lab-codes")).isFalse();
	}

	@Test
	void everyRowNamesAnAbsoluteUriOnceWithTheHttpsPageItComesFrom() {
		List<ExternalCodeSystems.Entry> rows = ExternalCodeSystems.curated();

		assertThat(rows).hasSizeGreaterThan(40);
		assertThat(rows).extracting(ExternalCodeSystems.Entry::uri).doesNotHaveDuplicates()
				.allSatisfy(uri -> assertThat(uri).matches("[a-z]+:\\S+").doesNotContain("|"));
		assertThat(rows).allSatisfy(row -> {
			assertThat(row.name()).isNotBlank();
			assertThat(row.source()).matches("https?://\\S+");
		});
	}
}
