package org.aitrust.interceptor.validation;

import java.util.List;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * A FHIR NPM package held in memory, with where it came from.
 *
 * @param npm the parsed package
 * @param origin where it was loaded from: a configured location, or {@link #INSTALLED_AT_RUN_TIME}
 * @param contentDigest what {@link IgPackageScanner#scan} digested: equal for packages of identical content
 */
public record IgPackage(NpmPackage npm, String origin, String contentDigest) {

	/** The origin of a package installed with {@code $aitrust-install-package}, now or at an earlier run. */
	public static final String INSTALLED_AT_RUN_TIME = "installed at run time";

	/** The FHIR versions a package must declare to be loaded into an R4 server. */
	private static final List<String> R4 = List.of("4.0.0", "4.0.1", "4.0");

	public String name() {
		return npm.name();
	}

	public String version() {
		return npm.version();
	}

	/** {@code name#version}, as FHIR package references write it. */
	public String id() {
		return name() + "#" + version();
	}

	/** Dependencies as {@code name#version}. */
	public List<String> dependencies() {
		return npm.dependencies();
	}

	/** Whether the package declares R4 (or declares no FHIR version at all, as some terminology packages do). */
	public boolean isR4() {
		String declared = npm.fhirVersion();
		return declared == null || declared.isBlank() || R4.stream().anyMatch(declared::startsWith);
	}
}
