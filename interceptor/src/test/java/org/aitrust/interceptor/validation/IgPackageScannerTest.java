package org.aitrust.interceptor.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aitrust.testsupport.NpmPackages;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.junit.jupiter.api.Test;

/** The limits are applied while the archive streams by, and the digest tells identical content apart from other. */
class IgPackageScannerTest {

	private static final IgPackageLimits ONE_MB = new IgPackageLimits(1 << 20, 1 << 20, 100, 50);

	@Test
	void aPackageWithinTheLimitsGetsADigestOfItsContent() {
		byte[] pkg = NpmPackages.of("example.ig", "1.0.0", Map.of("a.json", "{\"a\":1}"));
		assertThat(IgPackageScanner.scan(pkg, ONE_MB)).hasSize(64).isEqualTo(IgPackageScanner.scan(pkg, ONE_MB));
	}

	@Test
	void theDigestIgnoresCompressionHeadersAndEntryOrderButNotContent() throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("package/package.json", NpmPackages.packageJson("example.ig", "1.0.0"));
		files.put("package/a.json", "{\"a\":1}");
		Map<String, String> reversed = new LinkedHashMap<>();
		reversed.put("package/a.json", "{\"a\":1}");
		reversed.put("package/package.json", NpmPackages.packageJson("example.ig", "1.0.0"));
		String digest = IgPackageScanner.scan(NpmPackages.tgz(files), ONE_MB);

		assertThat(IgPackageScanner.scan(NpmPackages.tgz(reversed), ONE_MB)).isEqualTo(digest);
		assertThat(IgPackageScanner.scan(otherCompressionAndTimestamps(files), ONE_MB)).isEqualTo(digest);
		files.put("package/a.json", "{\"a\":2}");
		assertThat(IgPackageScanner.scan(NpmPackages.tgz(files), ONE_MB)).isNotEqualTo(digest);
	}

	@Test
	void aGzipBombIsRefusedAtTheExpansionLimit() {
		// 64 MB of zeros compress to about 300 KB: within the compressed limit, far beyond the expanded one
		byte[] bomb = NpmPackages.gzipBomb("example.bomb", 64L << 20);
		assertThat(bomb.length).isLessThan(1 << 20);

		assertThatThrownBy(() -> IgPackageScanner.scan(bomb, ONE_MB))
				.isInstanceOf(IgPackageTooLargeException.class)
				.hasMessageContaining("expands to more than the 1MB allowed")
				.hasMessageContaining("aitrust.validation.package-limits.max-uncompressed-size");
	}

	@Test
	void tooManyEntriesAreRefusedAtTheEntryLimit() {
		byte[] many = NpmPackages.manyEntries("example.many", 1_000);

		assertThatThrownBy(() -> IgPackageScanner.scan(many, ONE_MB))
				.isInstanceOf(IgPackageTooLargeException.class)
				.hasMessageContaining("more than the 100 entries allowed")
				.hasMessageContaining("aitrust.validation.package-limits.max-entries");
	}

	@Test
	void aPackageLargerThanAllowedIsRefusedBeforeItIsRead() {
		byte[] pkg = NpmPackages.of("example.ig", "1.0.0", Map.of("a.json", "{\"a\":1}"));

		assertThatThrownBy(() -> IgPackageScanner.scan(pkg, new IgPackageLimits(pkg.length - 1, 1 << 20, 100, 50)))
				.isInstanceOf(IgPackageTooLargeException.class)
				.hasMessageContaining("aitrust.validation.package-limits.max-compressed-size");
	}

	@Test
	void whatIsNotAGzippedTarIsNotAPackage() {
		assertThatThrownBy(() -> IgPackageScanner.scan("not a package".getBytes(StandardCharsets.UTF_8), ONE_MB))
				.isInstanceOf(IllegalArgumentException.class)
				.isNotInstanceOf(IgPackageTooLargeException.class)
				.hasMessageContaining("not a FHIR NPM package");
	}

	/** The same entries, written with other gzip settings and other modification times. */
	private static byte[] otherCompressionAndTimestamps(Map<String, String> files) throws IOException {
		GzipParameters parameters = new GzipParameters();
		parameters.setCompressionLevel(1);
		parameters.setModificationTime(86_400_000L);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes, parameters))) {
			for (Map.Entry<String, String> file : files.entrySet()) {
				byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
				TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
				entry.setSize(data.length);
				entry.setModTime(86_400_000L);
				tar.putArchiveEntry(entry);
				tar.write(data);
				tar.closeArchiveEntry();
			}
		}
		return bytes.toByteArray();
	}
}
