package org.aitrust.interceptor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class PatientStrataTest {

	private static final LocalDate WRITE_DAY = LocalDate.parse("2026-11-25");

	@Test
	void theAgeBandIsTheAgeOnTheDayOfTheWrite() {
		assertThat(band("2008-11-26")).isEqualTo("0-17");
		assertThat(band("2008-11-25")).isEqualTo("18-44");
		assertThat(band("1981-11-26")).isEqualTo("18-44");
		assertThat(band("1981-11-25")).isEqualTo("45-64");
		assertThat(band("1961-11-25")).isEqualTo("65+");
		assertThat(band("2026-11-26")).as("born after the write").isEqualTo("unknown");
		assertThat(PatientStrata.ageBand(new Patient(), WRITE_DAY)).isEqualTo("unknown");
	}

	@Test
	void usCoreRaceAndEthnicityGiveTheirOmbCategories() {
		Patient patient = new Patient().setGender(AdministrativeGender.FEMALE);
		patient.addExtension(omb(PatientStrata.US_CORE_RACE, "2054-5"));
		patient.addExtension(omb(PatientStrata.US_CORE_ETHNICITY, "2186-5"));

		PatientStrata strata = PatientStrata.of(patient, WRITE_DAY);

		assertThat(strata.gender()).isEqualTo("female");
		assertThat(strata.race()).isEqualTo("Black or African American");
		assertThat(strata.ethnicity()).isEqualTo("Not Hispanic or Latino");
	}

	@Test
	void twoRaceCategoriesAreMultipleAndNoneIsUnknown() {
		Patient patient = new Patient();
		Extension race = omb(PatientStrata.US_CORE_RACE, "2106-3");
		race.addExtension("ombCategory", new Coding("urn:oid:2.16.840.1.113883.6.238", "2028-9", null));
		patient.addExtension(race);

		assertThat(PatientStrata.of(patient, WRITE_DAY).race()).isEqualTo("multiple");
		assertThat(PatientStrata.of(new Patient(), WRITE_DAY)).isEqualTo(PatientStrata.NONE);
	}

	@Test
	void thePatientKeyIsTheHashOfTheVersionlessReferenceNeverTheIdInClear() {
		Patient read = new Patient();
		read.setId("http://example.org/fhir/Patient/123/_history/4");

		String key = PatientStrata.of(read, WRITE_DAY).patientKey();

		// sha256sum of the 11 bytes "Patient/123"
		assertThat(key).isEqualTo("2b3c36c8ed7141abca06b6b8733e9a1c9a5539e97b3252c4bb41dd8928aae18c");
		assertThat(PatientStrata.keyOf("Patient/124")).as("another patient").isNotEqualTo(key);
		assertThat(PatientStrata.of(new Patient(), WRITE_DAY).patientKey()).as("a patient without id").isNull();
	}

	private static String band(String birthDate) {
		return PatientStrata.ageBand(new Patient().setBirthDateElement(new DateType(birthDate)), WRITE_DAY);
	}

	private static Extension omb(String url, String code) {
		Extension extension = new Extension(url);
		extension.addExtension("ombCategory", new Coding("urn:oid:2.16.840.1.113883.6.238", code, null));
		extension.addExtension("text", new org.hl7.fhir.r4.model.StringType(code));
		return extension;
	}
}
