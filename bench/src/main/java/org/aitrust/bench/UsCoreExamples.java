package org.aitrust.bench;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.aitrust.testsupport.SharedCorpora;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the validation benchmarks validate: official US Core 6.1.0 examples from the shared corpus, each claiming
 * its US Core profile, and for each a copy that breaks one rule of that profile, so verdicts can be compared as
 * well as timed. Also the packages US Core needs, as an administrator configures them.
 */
final class UsCoreExamples {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	/** US Core 6.1.0 and what it depends on, in load order (shared corpus {@code packages/}). */
	static final List<String> PACKAGES = List.of(
			"hl7.terminology.r4-7.0.1.tgz", "hl7.fhir.uv.extensions.r4-5.2.0.tgz", "hl7.fhir.us.core-6.1.0.tgz");

	/** The examples the measured examples reference; a server must hold them, under their own ids, first. */
	private static final List<String> REFERENCED = List.of(
			"Patient-example.json", "Specimen-specimen-example-serum.json", "Encounter-example-1.json");

	/**
	 * One measured resource.
	 *
	 * @param key short name (JMH parameter value)
	 * @param label what it is, for tables
	 * @param resourceType its type
	 * @param json what is measured, as JSON without id and version, ready to create: the example, or a copy of it
	 *     adapted as {@code adapted} says
	 * @param adapted how {@code json} differs from the official example, or {@code null} when it is the example itself
	 * @param officialJson the official example, without id and version
	 * @param brokenJson {@code json} with one US Core rule broken
	 * @param broken which rule {@code brokenJson} breaks
	 */
	record Sample(String key, String label, String resourceType, String json, String adapted, String officialJson,
			String brokenJson, String broken) {

		Resource parse() {
			return (Resource) FHIR.newJsonParser().parseResource(json);
		}

		/** The resources whose verdicts are compared: the official example if it is not the one measured, the
		 * measured one, the broken one; each with its description. */
		List<Map.Entry<String, String>> verdictCases() {
			List<Map.Entry<String, String>> cases = new ArrayList<>();
			if (adapted != null) {
				cases.add(Map.entry(label + ", official example", officialJson));
			}
			cases.add(Map.entry(label + (adapted == null ? "" : ", " + adapted), json));
			cases.add(Map.entry(label + ", broken: " + broken, brokenJson));
			return cases;
		}
	}

	private UsCoreExamples() {}

	/**
	 * The US Core Patient, vital-sign and lab Observations, Condition and Encounter examples, in that order. The
	 * Patient is measured without its race, ethnicity and birth-sex extensions (all optional in us-core-patient): race
	 * and ethnicity code with the CDC code system, which no package carries, and the birth-sex value set cannot be
	 * expanded offline either, so HAPI's validator rejects every official US Core Patient example here (the module
	 * reports those as "not checkable" warnings), and the two could not be timed on identical verdicts. The official
	 * example is still among the verdicts.
	 */
	static List<Sample> samples() {
		return List.of(
				sample("patient", "Patient (us-core-patient)", "Patient-example.json",
						"without race, ethnicity and birth sex", UsCoreExamples::withoutOfflineUncheckableCodes,
						"no identifier (1..* in us-core-patient)", r -> ((Patient) r).setIdentifier(null)),
				sample("vital-signs", "Observation, vital signs (us-core-heart-rate)", "Observation-heart-rate.json",
						null, null,
						"no category (the vital-signs category slice is 1..1)", r -> ((Observation) r).setCategory(null)),
				sample("lab", "Observation, lab (us-core-observation-lab)", "Observation-serum-glucose.json",
						null, null,
						"no category (the laboratory category slice is 1..*)", r -> ((Observation) r).setCategory(null)),
				sample("condition", "Condition (us-core-condition-encounter-diagnosis)",
						"Condition-encounter-diagnosis-example1.json", null, null,
						"no category (the encounter-diagnosis category slice is 1..1)", r -> ((Condition) r).setCategory(null)),
				sample("encounter", "Encounter (us-core-encounter)", "Encounter-example-1.json", null, null,
						"no type (1..* in us-core-encounter)", r -> ((Encounter) r).setType(null)));
	}

	static Sample sample(String key) {
		return samples().stream().filter(s -> s.key().equals(key)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("no sample " + key));
	}

	/**
	 * The examples the samples reference, with their ids, to be stored with PUT before the samples are created; the
	 * Patient, like the measured one, without race, ethnicity and birth sex.
	 */
	static List<Resource> referenced() {
		List<Resource> referenced = REFERENCED.stream().map(UsCoreExamples::read).toList();
		referenced.forEach(UsCoreExamples::withoutOfflineUncheckableCodes);
		return referenced;
	}

	/** Drops a Patient's US Core race, ethnicity and birth-sex extensions; leaves anything else as it is. */
	private static void withoutOfflineUncheckableCodes(Resource resource) {
		if (resource instanceof Patient patient) {
			patient.getExtension().removeIf(e -> e.getUrl().endsWith("/us-core-race")
					|| e.getUrl().endsWith("/us-core-ethnicity") || e.getUrl().endsWith("/us-core-birthsex"));
		}
	}

	/** The package files, after checking the shared corpus is there. */
	static List<Path> packageFiles() {
		Path folder = requireCorpus("packages");
		return PACKAGES.stream().map(folder::resolve).toList();
	}

	/** A folder of the shared corpus; stops the benchmark, saying why, when it is not there. */
	static Path requireCorpus(String corpus) {
		Path folder = SharedCorpora.folder(corpus);
		if (!Files.isDirectory(folder)) {
			throw new IllegalStateException("The benchmark needs the shared corpus " + folder
					+ " (set -Daitrust.shared.dir to the folder holding corpora/)");
		}
		return folder;
	}

	private static Sample sample(String key, String label, String file, String adapted, Consumer<Resource> adapt,
			String broken, Consumer<Resource> breakIt) {
		Resource resource = read(file);
		resource.setId((String) null);
		resource.getMeta().setVersionId(null);
		resource.getMeta().setLastUpdated(null);
		String official = FHIR.newJsonParser().encodeResourceToString(resource);
		if (adapt != null) {
			adapt.accept(resource);
		}
		String json = FHIR.newJsonParser().encodeResourceToString(resource);
		breakIt.accept(resource);
		return new Sample(key, label, resource.fhirType(), json, adapted, official,
				FHIR.newJsonParser().encodeResourceToString(resource), broken);
	}

	private static Resource read(String file) {
		Path path = requireCorpus("us-core/examples-6.1.0").resolve(file);
		try {
			return (Resource) FHIR.newJsonParser().parseResource(Files.readString(path));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
