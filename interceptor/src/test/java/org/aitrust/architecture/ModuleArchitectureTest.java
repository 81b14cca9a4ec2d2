package org.aitrust.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout docs/architecture.md describes, as rules over the compiled main classes of the provenance and interceptor
 * modules: no package depends on itself through others, capabilities never reach into the wiring, and the pure parts
 * (the AI Transparency vocabulary, the quality checks) stay free of Spring.
 */
@AnalyzeClasses(packages = "org.aitrust", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleArchitectureTest {

	/** Every package is its own slice: {@code quality} and {@code quality.check} count as two. */
	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("org.aitrust.(**)").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule capabilitiesDoNotDependOnTheWiring = noClasses()
			.that().resideInAPackage("org.aitrust.interceptor..")
			.should().dependOnClassesThat().resideInAPackage("org.aitrust.autoconfigure..");

	@ArchTest
	static final ArchRule theVocabularyIsPlainJava = noClasses()
			.that().resideInAPackage("org.aitrust.provenance..")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "ca.uhn.fhir.jpa..",
					"org.aitrust.interceptor..");

	@ArchTest
	static final ArchRule qualityChecksArePureLogic = noClasses()
			.that().resideInAPackage("org.aitrust.interceptor.quality.check..")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "ca.uhn.fhir.jpa..",
					"ca.uhn.fhir.rest.server..");
}
