package org.aitrust.interceptor.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * A FHIR NPM package held in memory, with where it came from.
 *
 * @param npm the parsed package
 * @param origin where it was loaded from: a configured location, or "installed at run time"
 */
public record IgPackage(NpmPackage npm, String origin) {

	/** The FHIR versions a package must declare to be loaded into an R4 server. */
	private static final List<String> R4 = List.of("4.0.0", "4.0.1", "4.0");

	public static IgPackage read(byte[] tgz, String origin) throws IOException {
		return new IgPackage(NpmPackage.fromPackage(new ByteArrayInputStream(tgz)), origin);
	}

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
