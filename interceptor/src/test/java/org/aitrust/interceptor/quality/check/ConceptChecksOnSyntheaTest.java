package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.aitrust.testsupport.RequiresSharedCorpus;
import org.aitrust.testsupport.SharedCorpora;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The concept-level checks over Synthea patient records of {@code ../shared}: realistic, clean data, on which a check
 * that fails often has a wrong table, not bad data. Prints each check's rate; asserts the failures that are there are
 * the ones known to be real. Reads the first {@value #DEFAULT_RECORDS} records by name, to keep the suite short;
 * {@code -Daitrust.synthea.records=10} reads all ten (docs/quality.md gives their figures).
 */
@RequiresSharedCorpus(ConceptChecksOnSyntheaTest.CORPUS)
class ConceptChecksOnSyntheaTest {

	static final String CORPUS = "synthea/standard-synthea";
	static final int DEFAULT_RECORDS = 3;

	private final List<QualityCheck> checks = List.of(new LoincUnitCheck(), new LaboratoryRangeCheck(),
			new MedicationSupplyCheck(), new SexSpecificCodeCheck());

	@Test
	void realisticRecordsDoNotLightUpTheConceptChecks() throws IOException {
		Map<String, int[]> counts = new TreeMap<>();
		Map<String, Set<String>> failingCodes = new TreeMap<>();
		checks.forEach(check -> counts.put(check.id(), new int[2]));
		checks.forEach(check -> failingCodes.put(check.id(), new TreeSet<>()));
		int resources = 0;
		for (Path record : records()) {
			Bundle bundle = parse(record);
			InMemoryCheckContext context = new InMemoryCheckContext();
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.getResource() instanceof Patient patient) {
					patient.setId(entry.getFullUrl().replace("urn:uuid:", ""));
					context.withPatient(patient);
				}
			}
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				Resource resource = entry.getResource();
				pointSubjectAtPatient(resource);
				resources++;
				for (QualityCheck check : checks) {
					CheckOutcome outcome = check.evaluate(resource, context);
					int[] figures = counts.get(check.id());
					figures[0] += outcome == CheckOutcome.NOT_APPLICABLE ? 0 : 1;
					if (outcome == CheckOutcome.FAIL) {
						figures[1]++;
						failingCodes.get(check.id()).add(loincCodeOf(resource));
					}
				}
			}
		}
		int total = resources;
		counts.forEach((id, figures) -> System.out.printf("[synthea] %s: %d of %d judged failed (%s), of %d resources%n",
				id, figures[1], figures[0], failingCodes.get(id), total));

		assertThat(counts.get(LoincUnitCheck.ID)[0]).as("Synthea's laboratory results and vital signs are judged")
				.isGreaterThan(300);
		// real defects of the generator: urine pH strips in "pH", which UCUM reads as picohenry (not [pH]), and
		// platelet distribution widths of 170-515 fL, platelet counts' numbers under a width whose values lie near 10 fL
		assertThat(failingCodes.get(LoincUnitCheck.ID)).isSubsetOf("5803-2");
		assertThat(counts.get(LaboratoryRangeCheck.ID)[0]).isGreaterThan(100);
		assertThat(failingCodes.get(LaboratoryRangeCheck.ID)).isSubsetOf("32207-3");
		assertThat(counts.get(SexSpecificCodeCheck.ID)[0]).as("pregnancies, contraception").isPositive();
		assertThat(counts.get(SexSpecificCodeCheck.ID)[1]).isZero();
		assertThat(counts.get(MedicationSupplyCheck.ID)[1]).isZero();
	}

	private static String loincCodeOf(Resource resource) {
		return resource instanceof Observation observation ? observation.getCode().getCodingFirstRep().getCode()
				: resource.fhirType();
	}

	private static List<Path> records() throws IOException {
		List<Path> records = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(SharedCorpora.folder(CORPUS), "*.json")) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				if (!name.startsWith("hospitalInformation") && !name.startsWith("practitionerInformation")) {
					records.add(file);
				}
			}
		}
		records.sort(null);
		return records.subList(0, Math.min(records.size(), Integer.getInteger("aitrust.synthea.records", DEFAULT_RECORDS)));
	}

	private static Bundle parse(Path record) throws IOException {
		try (Reader reader = Files.newBufferedReader(record)) {
			return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, reader);
		}
	}

	/** Synthea's records name their patient by the entry's urn:uuid; the in-memory server knows it as Patient/id. */
	private static void pointSubjectAtPatient(Resource resource) {
		for (String name : List.of("subject", "patient")) {
			var property = resource.getNamedProperty(name);
			if (property != null) {
				property.getValues().stream().filter(Reference.class::isInstance).map(Reference.class::cast)
						.filter(reference -> reference.getReference() != null
								&& reference.getReference().startsWith("urn:uuid:"))
						.forEach(reference -> reference.setReference(
								"Patient/" + reference.getReference().substring("urn:uuid:".length())));
			}
		}
	}
}
