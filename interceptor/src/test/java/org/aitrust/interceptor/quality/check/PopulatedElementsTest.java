package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.testsupport.SharedCorpora;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The one walk finds exactly what HAPI's terser finds, element for element, in the same order. */
class PopulatedElementsTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void findsWhatTheTerserFindsInExtensionsContainedResourcesAndComponentsButNotInExtensionsOfPrimitives() {
		Patient contained = new Patient();
		contained.setId("p1");
		DateType birthDate = new DateType("1970-01-01");
		birthDate.addExtension("http://hospital.example/birth-date-source",
				new Coding("http://hospital.example/CodeSystem/sources", "self-reported", null));
		contained.setBirthDateElement(birthDate);
		contained.addIdentifier().setSystem("urn:mrn").setValue("1").setPeriod(new Period().setStartElement(
				new org.hl7.fhir.r4.model.DateTimeType("2020-01-01")));

		Observation observation = new Observation();
		observation.addContained(contained);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("85354-9");
		observation.setSubject(new Reference("#p1"));
		observation.addPerformer(new Reference("Practitioner/1"));
		observation.addComponent().setValue(new Quantity().setValue(120).setSystem("http://unitsofmeasure.org")
				.setCode("mm[Hg]")).getCode().addCoding().setSystem("http://loinc.org").setCode("8480-6");
		observation.addExtension(new Extension("http://hospital.example/age-at-measurement",
				new Age().setValue(56).setSystem("http://unitsofmeasure.org").setCode("a")));
		observation.getStatusElement().setValue(Observation.ObservationStatus.FINAL)
				.addExtension("http://hospital.example/status-source", new Reference("Device/monitor"));
		observation.setEffective(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-01")));
		// an empty element is not populated
		observation.addBasedOn(new Reference());

		assertSameAsTerser(observation);
	}

	@Test
	void findsWhatTheTerserFindsInEveryProjectFixture() throws Exception {
		int resources = 0;
		for (var fixture : new PathMatchingResourcePatternResolver().getResources("classpath*:fixtures/**/*.json")) {
			try (InputStream in = fixture.getInputStream()) {
				resources += compareIfResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		// The AI Transparency conformance resources are run-time material in provenance's jar, only as a package.
		String modulePackage = AiTransparency.MODULE_PACKAGE_LOCATION.substring("classpath:".length());
		try (InputStream tgz = getClass().getClassLoader().getResourceAsStream(modulePackage)) {
			NpmPackage npm = NpmPackage.fromPackage(tgz);
			for (String file : npm.listResources("StructureDefinition", "CodeSystem", "ValueSet")) {
				try (InputStream in = npm.load("package", file)) {
					resources += compareIfResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
		}
		assertThat(resources).isGreaterThanOrEqualTo(20);
	}

	@Test
	void findsWhatTheTerserFindsInTheOfficialR4Examples() throws Exception {
		Path examples = SharedCorpora.require("fhir-r4-examples");
		int resources = 0;
		try (Stream<Path> files = Files.walk(examples)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				resources += compareIfResource(Files.readString(file));
			}
		}
		assertThat(resources).isGreaterThan(300);
	}

	/** 1 when the JSON is a resource, compared; 0 for other JSON (expected outcomes, package manifests). */
	private static int compareIfResource(String json) throws Exception {
		if (!new ObjectMapper().readTree(json).has("resourceType")) {
			return 0;
		}
		assertSameAsTerser((Resource) FHIR.newJsonParser().parseResource(json));
		return 1;
	}

	private static void assertSameAsTerser(Resource resource) {
		FhirTerser terser = FHIR.newTerser();
		PopulatedElements walked = PopulatedElements.of(resource, FHIR);
		String name = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
		assertIdentical(name, walked.codings(), terser.getAllPopulatedChildElementsOfType(resource, Coding.class));
		assertIdentical(name, walked.quantities(), terser.getAllPopulatedChildElementsOfType(resource, Quantity.class));
		assertIdentical(name, walked.references(), terser.getAllPopulatedChildElementsOfType(resource, Reference.class));
		assertIdentical(name, walked.periods(), terser.getAllPopulatedChildElementsOfType(resource, Period.class));
	}

	private static void assertIdentical(String name, List<? extends IBase> walked, List<? extends IBase> byTerser) {
		assertThat(new ArrayList<Object>(walked)).as(name).hasSize(byTerser.size());
		for (int i = 0; i < byTerser.size(); i++) {
			assertThat(walked.get(i)).as(name + " element " + i).isSameAs(byTerser.get(i));
		}
	}
}
