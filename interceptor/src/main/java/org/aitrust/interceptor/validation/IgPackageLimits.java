package org.aitrust.interceptor.validation;

/**
 * How large a FHIR NPM package may be, and how many installed packages are kept. A package is read in memory, so
 * these bound what one package, and all stored ones, may cost the heap of every node that loads them.
 *
 * @param maxCompressedBytes the most bytes of the {@code .tgz} itself
 * @param maxUncompressedBytes the most bytes the {@code .tgz} may expand to (the tar stream, headers included)
 * @param maxEntries the most entries (files and directories) in the tar
 * @param maxStoredPackages the most packages installed at run time that are kept in the database
 */
public record IgPackageLimits(long maxCompressedBytes, long maxUncompressedBytes, int maxEntries, int maxStoredPackages) {

	/** The property prefix the limits are set under, named in every refusal so an administrator knows what to raise. */
	static final String PROPERTIES = "aitrust.validation.package-limits.";

	public IgPackageLimits {
		if (maxCompressedBytes < 1 || maxUncompressedBytes < 1 || maxEntries < 1 || maxStoredPackages < 1) {
			throw new IllegalArgumentException("package limits must be positive");
		}
	}

	/** A byte count as an administrator writes it in a DataSize property: whole MB or KB where it is one. */
	static String size(long bytes) {
		if (bytes % (1024 * 1024) == 0) {
			return bytes / (1024 * 1024) + "MB";
		}
		return bytes % 1024 == 0 ? bytes / 1024 + "KB" : bytes + "B";
	}
}
