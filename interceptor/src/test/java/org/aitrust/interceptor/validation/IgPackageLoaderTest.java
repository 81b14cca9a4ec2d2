package org.aitrust.interceptor.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.testsupport.NpmPackages;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Loads the project's own packages (the AI Transparency one from the provenance jar, the hospital one from the fixtures
 * module), as an administrator's configuration would.
 */
class IgPackageLoaderTest {

	private static final String AI_TRANSPARENCY = AiTransparency.MODULE_PACKAGE_LOCATION;
	private static final String HOSPITAL = "classpath:packages/aitrust.fixtures.hospital-0.1.0.tgz";

	static final IgPackageLimits LIMITS = NpmPackages.DEFAULT_LIMITS;

	private final IgPackageLoader loader = new IgPackageLoader(new DefaultResourceLoader(), LIMITS);

	@Test
	void aClasspathPackageIsServedByCanonicalUrlAndParsedOnlyWhenAskedFor() {
		IgPackageSupport support = new IgPackageSupport(FhirContext.forR4Cached());
		IgPackage hospital = loader.load(HOSPITAL).get(0);
		assertThat(hospital.id()).isEqualTo("aitrust.fixtures.hospital#0.1.0");
		assertThat(support.add(hospital)).isPositive();
		assertThat(support.fetchStructureDefinition("http://fhir-aitrust.org/fhir/hospital/StructureDefinition/HospitalPatient"))
				.isInstanceOfSatisfying(StructureDefinition.class, sd -> assertThat(sd.getType()).isEqualTo("Patient"));
		assertThat(support.fetchResource(ValueSet.class, "http://fhir-aitrust.org/fhir/hospital/ValueSet/hospital-vital-sign|0.1.0"))
				.as("a versioned canonical resolves").isNotNull();
		assertThat(support.fetchValueSet("http://fhir-aitrust.org/fhir/hospital/StructureDefinition/HospitalPatient"))
				.as("a canonical of another type is not served as a value set").isNull();
		assertThat(support.profileUrls(hospital)).contains(
				"http://fhir-aitrust.org/fhir/hospital/StructureDefinition/HospitalPatient",
				"http://fhir-aitrust.org/fhir/hospital/StructureDefinition/HospitalVitalSign");
	}

	@Test
	void theFirstPackageToDefineACanonicalWins() {
		IgPackageSupport support = new IgPackageSupport(FhirContext.forR4Cached());
		support.add(loader.load(AI_TRANSPARENCY).get(0));
		assertThat(support.add(loader.load(AI_TRANSPARENCY).get(0))).isZero();
	}

	@Test
	void aDirectoryLoadsEveryPackageInIt(@TempDir Path directory) throws Exception {
		try (var in = getClass().getResourceAsStream("/packages/aitrust.fixtures.hospital-0.1.0.tgz")) {
			Files.write(directory.resolve("hospital.tgz"), in.readAllBytes());
		}
		Files.writeString(directory.resolve("notes.txt"), "not a package");
		assertThat(loader.load(directory.toString())).extracting(IgPackage::name).containsExactly("aitrust.fixtures.hospital");
		assertThat(loader.load("file:" + directory.resolve("hospital.tgz"))).hasSize(1);
	}

	@Test
	void badLocationsSayWhatIsWrong(@TempDir Path directory) throws Exception {
		assertThatThrownBy(() -> loader.load("classpath:packages/none.tgz")).hasMessageContaining("not on the classpath");
		assertThatThrownBy(() -> loader.load(directory.resolve("missing.tgz").toString())).hasMessageContaining("does not exist");
		assertThatThrownBy(() -> loader.load(directory.toString())).hasMessageContaining("no .tgz");
		Path junk = Files.writeString(directory.resolve("junk.tgz"), "junk");
		assertThatThrownBy(() -> loader.load(junk.toString())).hasMessageContaining("not a FHIR NPM package");
	}

	@Test
	void configuredPackagesAreHeldToTheSameLimits(@TempDir Path directory) throws Exception {
		Path hospital = directory.resolve("hospital.tgz");
		try (var in = getClass().getResourceAsStream("/packages/aitrust.fixtures.hospital-0.1.0.tgz")) {
			Files.write(hospital, in.readAllBytes());
		}
		long size = Files.size(hospital);
		IgPackageLoader strict = new IgPackageLoader(new DefaultResourceLoader(), new IgPackageLimits(size - 1, 200L << 20, 20_000, 50));
		assertThatThrownBy(() -> strict.load(hospital.toString()))
				.isInstanceOf(IgPackageTooLargeException.class)
				.hasMessageContaining("max-compressed-size");
		IgPackageLoader fewEntries = new IgPackageLoader(new DefaultResourceLoader(), new IgPackageLimits(50L << 20, 200L << 20, 2, 50));
		assertThatThrownBy(() -> fewEntries.load(HOSPITAL))
				.isInstanceOf(IgPackageTooLargeException.class)
				.hasMessageContaining("max-entries");
	}
}
