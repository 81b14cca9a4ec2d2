package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The concept-level plausibility checks through a real server: the fixture {@value #FIXTURE} (each resource's id says
 * what it breaks) is written resource by resource under one source, and {@code $data-quality} counts each check's
 * judged and failing resources exactly.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.quality.enabled=true",
			// the checks alone, as in DataQualityIT: validation's findings are not what is counted here
			"aitrust.validation.enabled=false"
		})
@IsolatedDatabase
class ConceptPlausibilityIT {

	static final String FIXTURE = "/quality/concept-plausibility-fixture.json";
	static final String SOURCE = "concept-fixture";

	@LocalServerPort
	int port;

	@Test
	void eachConceptCheckCountsTheFixturesDefectsExactly() throws IOException {
		IGenericClient client = TestGateway.client(port);
		Bundle fixture = fixture();
		Map<String, String> patients = new HashMap<>();
		for (Bundle.BundleEntryComponent entry : fixture.getEntry()) {
			if (entry.getResource() instanceof Patient patient) {
				String local = "Patient/" + patient.getIdElement().getIdPart();
				patients.put(local, create(client, patient));
			}
		}
		for (Bundle.BundleEntryComponent entry : fixture.getEntry()) {
			Resource resource = entry.getResource();
			if (!(resource instanceof Patient)) {
				pointAtStoredPatient(resource, patients);
				create(client, resource);
			}
		}

		Map<String, long[]> counts = DataQualityReports.counts(DataQualityReports.report(client, "source", SOURCE));

		assertThat(counts.get("received")).containsExactly(24, 24);
		// 7 Observations with a tabled LOINC code and a number; a heart rate in kg, a potassium without a unit
		assertThat(counts.get("plausibility-unit-for-loinc-code")).containsExactly(7, 2);
		// glucose, sodium, haemoglobin, PHQ-9 have ranges here (the blood pressure's stay with the vital-sign check)
		assertThat(counts.get("plausibility-lab-value-out-of-range")).containsExactly(4, 2);
		// 99 repeats, two years' supply, a dispense of nothing; the request without dispenseRequest is not judged
		assertThat(counts.get("plausibility-medication-supply")).containsExactly(5, 3);
		// a man's pregnancy and hysterectomy, a woman's BPH; gender "other" and a sprain are not judged
		assertThat(counts.get("plausibility-sex-specific-code")).containsExactly(5, 3);
		// the panel's pressures: the vital-sign check judges them, the heart rate in kg it cannot
		assertThat(counts.get("plausibility-vital-sign-out-of-range")).containsExactly(1, 0);
	}

	private static String create(IGenericClient client, Resource resource) {
		resource.setId((String) null);
		return client.create().resource(resource).withAdditionalHeader(DataQualityIT.SOURCE_HEADER, SOURCE).execute()
				.getId().toUnqualifiedVersionless().getValue();
	}

	private static Bundle fixture() throws IOException {
		try (InputStream in = ConceptPlausibilityIT.class.getResourceAsStream(FIXTURE)) {
			return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, in);
		}
	}

	/** The fixture names its patients by local ids; the server gave them its own. */
	private static void pointAtStoredPatient(Resource resource, Map<String, String> patients) {
		Property subject = resource.getNamedProperty("subject");
		if (subject == null) {
			return;
		}
		for (Base value : subject.getValues()) {
			if (value instanceof Reference reference && patients.containsKey(reference.getReference())) {
				reference.setReference(patients.get(reference.getReference()));
				// the parser linked the reference to the Bundle's Patient; the client would send that one contained
				reference.setResource(null);
			}
		}
	}
}
