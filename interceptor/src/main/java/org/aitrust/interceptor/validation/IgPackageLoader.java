package org.aitrust.interceptor.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads FHIR NPM packages from the locations an administrator configures: {@code classpath:} resources, files,
 * and directories (every {@code .tgz} in them, by name). Nothing is fetched from a network. Every package, whether
 * configured, installed or stored, is read through {@link #read}: checked against the {@link IgPackageLimits} while
 * streaming, then parsed once.
 */
public class IgPackageLoader {

	private final ResourceLoader resourceLoader;
	private final IgPackageLimits limits;

	public IgPackageLoader(ResourceLoader resourceLoader, IgPackageLimits limits) {
		this.resourceLoader = resourceLoader;
		this.limits = limits;
	}

	/**
	 * The packages at one location.
	 *
	 * @throws IllegalArgumentException with the reason, when the location does not exist, is not a package, is not
	 *     for FHIR R4, or exceeds a limit ({@link IgPackageTooLargeException})
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
				// one byte more than allowed is enough to know it is too large
				packages.add(read(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxCompressedBytes() + 1)),
						location, limits));
			} catch (IOException e) {
				throw new IllegalArgumentException("cannot be read: " + e.getMessage(), e);
			}
			return packages;
		}
		Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
		if (Files.isDirectory(path)) {
			try (Stream<Path> files = Files.list(path)) {
				for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".tgz")).sorted().toList()) {
					packages.add(readFile(file));
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
		packages.add(readFile(path));
		return packages;
	}

	private IgPackage readFile(Path file) {
		try {
			long size = Files.size(file);
			if (size > limits.maxCompressedBytes()) {
				throw new IgPackageTooLargeException(file + " is " + IgPackageLimits.size(size) + ", more than the "
						+ IgPackageLimits.size(limits.maxCompressedBytes()) + " allowed (" + IgPackageLimits.PROPERTIES
						+ "max-compressed-size)");
			}
			return read(Files.readAllBytes(file), file.toString(), limits);
		} catch (IOException e) {
			throw new IllegalArgumentException("cannot be read: " + e.getMessage(), e);
		}
	}

	/**
	 * Checks package bytes against the limits while streaming through them, then parses them; rejects what is not an
	 * R4 FHIR NPM package.
	 *
	 * @throws IgPackageTooLargeException when a limit is exceeded (nothing was parsed)
	 * @throws IllegalArgumentException when the bytes are not an R4 FHIR NPM package
	 */
	public static IgPackage read(byte[] tgz, String origin, IgPackageLimits limits) {
		String digest = IgPackageScanner.scan(tgz, limits);
		IgPackage pkg;
		try {
			pkg = new IgPackage(NpmPackage.fromPackage(new ByteArrayInputStream(tgz)), origin, digest);
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
