package org.aitrust.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.aitrust.interceptor.validation.IgPackageLimits;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * FHIR NPM packages ({@code .tgz}) made in a test: well-formed ones of given resources, and hostile ones (a gzip
 * that expands enormously, a tar of countless entries) made by streaming, never held expanded in memory.
 */
public final class NpmPackages {

	/** The defaults of aitrust.validation.package-limits, for tests that read packages as a server would. */
	public static final IgPackageLimits DEFAULT_LIMITS = new IgPackageLimits(50L << 20, 200L << 20, 20_000, 50);

	private NpmPackages() {}

	/** {@code package/package.json} of an R4 package. */
	public static String packageJson(String name, String version) {
		return "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"fhirVersions\":[\"4.0.1\"],"
				+ "\"dependencies\":{\"hl7.fhir.r4.core\":\"4.0.1\"}}";
	}

	/** A package of the given name and version holding the given files (path under {@code package/} → JSON). */
	public static byte[] of(String name, String version, Map<String, String> files) {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("package/package.json", packageJson(name, version));
		files.forEach((path, content) -> entries.put("package/" + path, content));
		return tgz(entries);
	}

	/** A {@code .tgz} of the entries (path → content), in their order. */
	public static byte[] tgz(Map<String, String> entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
			for (Map.Entry<String, String> entry : entries.entrySet()) {
				putEntry(tar, entry.getKey(), entry.getValue().getBytes(StandardCharsets.UTF_8));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/**
	 * A package whose {@code package.json} is followed by one entry of {@code expandedBytes} zeros, compressed as it
	 * is written at the fastest level (about 1/200 of its expanded size; the best level would take twice the time
	 * for 1/1000).
	 */
	public static byte[] gzipBomb(String name, long expandedBytes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new Compression(bytes, Deflater.BEST_SPEED))) {
			tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
			putEntry(tar, "package/package.json", packageJson(name, "1.0.0").getBytes(StandardCharsets.UTF_8));
			TarArchiveEntry zeros = new TarArchiveEntry("package/zeros.json");
			zeros.setSize(expandedBytes);
			tar.putArchiveEntry(zeros);
			byte[] chunk = new byte[1 << 20];
			for (long written = 0; written < expandedBytes; written += chunk.length) {
				tar.write(chunk, 0, (int) Math.min(chunk.length, expandedBytes - written));
			}
			tar.closeArchiveEntry();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** A package whose {@code package.json} is followed by {@code count} tiny entries. */
	public static byte[] manyEntries(String name, int count) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new Compression(bytes, Deflater.BEST_COMPRESSION))) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			putEntry(tar, "package/package.json", packageJson(name, "1.0.0").getBytes(StandardCharsets.UTF_8));
			byte[] tiny = "{}".getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < count; i++) {
				putEntry(tar, "package/other/" + i + ".json", tiny);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	private static void putEntry(TarArchiveOutputStream tar, String path, byte[] data) throws IOException {
		TarArchiveEntry header = new TarArchiveEntry(path);
		header.setSize(data.length);
		tar.putArchiveEntry(header);
		tar.write(data);
		tar.closeArchiveEntry();
	}

	/** gzip at a chosen level. */
	private static final class Compression extends GZIPOutputStream {

		Compression(OutputStream out, int level) throws IOException {
			super(out, 1 << 16);
			def.setLevel(level);
		}
	}
}
