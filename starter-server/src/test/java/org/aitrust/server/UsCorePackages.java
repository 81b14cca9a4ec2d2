package org.aitrust.server;

import java.nio.file.Path;
import org.aitrust.testsupport.SharedCorpora;
import org.springframework.test.context.DynamicPropertyRegistry;

/** US Core 6.1.0 from the shared corpus, after the HL7 terminology and extensions packages it depends on. */
final class UsCorePackages {

	private UsCorePackages() {}

	/** Sets {@code aitrust.validation.packages} to the three packages, in the order they must load. */
	static void register(DynamicPropertyRegistry registry) {
		Path packages = SharedCorpora.folder("packages");
		registry.add("aitrust.validation.packages[0]", () -> packages.resolve("hl7.terminology.r4-7.0.1.tgz").toString());
		registry.add("aitrust.validation.packages[1]", () -> packages.resolve("hl7.fhir.uv.extensions.r4-5.2.0.tgz").toString());
		registry.add("aitrust.validation.packages[2]", () -> packages.resolve("hl7.fhir.us.core-6.1.0.tgz").toString());
	}
}
