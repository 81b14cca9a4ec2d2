package org.aitrust.interceptor.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads FHIR NPM packages from the locations an administrator configures: {@code classpath:} resources, files,
 * and directories (every {@code .tgz} in them, by name). Nothing is fetched from a network.
 */
public class IgPackageLoader {

	private final ResourceLoader resourceLoader;

	public IgPackageLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	/**
	 * The packages at one location.
	 *
	 * @throws IllegalArgumentException with the reason, when the location does not exist, is not a package, or
	 *     is not for FHIR R4
	 */
	public List<IgPackage> load(String location) {
		if (location == null || location.isBlank()) {
			throw new IllegalArgumentException("is empty");
		}
		List<IgPackage> packages = new ArrayList<>();
		if (location.startsWith("classpath:")) {
			Resource resource = resourceLoader.getResource(location);
			if (!resource.exists()) {
				throw new IllegalArgumentException("is not on the classpath");
			}
			try (InputStream in = resource.getInputStream()) {
				packages.add(read(in.readAllBytes(), location));
			} catch (IOException e) {
				throw new IllegalArgumentException("cannot be read: " + e.getMessage(), e);
			}
			return packages;
		}
		Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
		if (Files.isDirectory(path)) {
			try (Stream<Path> files = Files.list(path)) {
				for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".tgz")).sorted().toList()) {
					packages.add(read(Files.readAllBytes(file), file.toString()));
				}
			} catch (IOException e) {
				throw new IllegalArgumentException("cannot be listed: " + e.getMessage(), e);
			}
			if (packages.isEmpty()) {
				throw new IllegalArgumentException("is a directory with no .tgz package in it");
			}
			return packages;
		}
		if (!Files.isRegularFile(path)) {
			throw new IllegalArgumentException("does not exist (" + path.toAbsolutePath() + ")");
		}
		try {
			packages.add(read(Files.readAllBytes(path), path.toString()));
		} catch (IOException e) {
			throw new IllegalArgumentException("cannot be read: " + e.getMessage(), e);
		}
		return packages;
	}

	/** Parses package bytes; rejects what is not an R4 FHIR NPM package. */
	public static IgPackage read(byte[] tgz, String origin) {
		IgPackage pkg;
		try {
			pkg = IgPackage.read(tgz, origin);
		} catch (IOException | RuntimeException e) {
			throw new IllegalArgumentException("is not a FHIR NPM package (.tgz with package/package.json): "
					+ e.getMessage(), e);
		}
		if (pkg.name() == null || pkg.version() == null) {
			throw new IllegalArgumentException("has no name or version in package/package.json");
		}
		if (!pkg.isR4()) {
			throw new IllegalArgumentException(pkg.id() + " is for FHIR " + pkg.npm().fhirVersion()
					+ "; this server validates FHIR R4 (4.0.1)");
		}
		return pkg;
	}
}
