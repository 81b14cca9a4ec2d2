package org.aitrust.interceptor.validation;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Streams through a package's {@code .tgz} before anything parses it, counting the bytes as they are decompressed
 * and the entries as they are read, and stops at the first limit exceeded: a gzip bomb or a tar of countless entries
 * costs one small buffer, never their expanded size. It reads the archive as {@code NpmPackage} does (a single gzip
 * member, then the tar), so what it passes is what the parser will hold.
 *
 * <p>It also digests the content, entry by entry, so that two packages can be told identical whatever their
 * compression, tar headers or entry order.
 */
public final class IgPackageScanner {

	private static final int BUFFER = 8192;

	private IgPackageScanner() {}

	/**
	 * Checks the package against the limits and returns its content digest: SHA-256 over each entry's name and
	 * content, in name order, as hex.
	 *
	 * @throws IgPackageTooLargeException at the first limit exceeded
	 * @throws IllegalArgumentException when the bytes are not a gzip-compressed tar
	 */
	public static String scan(byte[] tgz, IgPackageLimits limits) {
		if (tgz.length > limits.maxCompressedBytes()) {
			throw new IgPackageTooLargeException("is " + IgPackageLimits.size(tgz.length) + " compressed, more than the "
					+ IgPackageLimits.size(limits.maxCompressedBytes()) + " allowed (" + IgPackageLimits.PROPERTIES + "max-compressed-size)");
		}
		Map<String, byte[]> entryDigests = new TreeMap<>();
		byte[] buffer = new byte[BUFFER];
		try (TarArchiveInputStream tar = new TarArchiveInputStream(new ExpansionLimit(
				new GzipCompressorInputStream(new ByteArrayInputStream(tgz)), limits.maxUncompressedBytes()))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				if (entryDigests.size() >= limits.maxEntries()) {
					throw new IgPackageTooLargeException("has more than the " + limits.maxEntries() + " entries allowed ("
							+ IgPackageLimits.PROPERTIES + "max-entries)");
				}
				MessageDigest digest = sha256();
				for (int read = tar.read(buffer); read > 0; read = tar.read(buffer)) {
					digest.update(buffer, 0, read);
				}
				entryDigests.put(entry.getName(), digest.digest());
			}
		} catch (IOException e) {
			throw new IllegalArgumentException("is not a FHIR NPM package (.tgz with package/package.json): "
					+ e.getMessage(), e);
		}
		if (entryDigests.isEmpty()) {
			throw new IllegalArgumentException("is not a FHIR NPM package (.tgz with package/package.json): no entries");
		}
		MessageDigest content = sha256();
		entryDigests.forEach((name, digest) -> {
			content.update(name.getBytes(StandardCharsets.UTF_8));
			content.update((byte) 0);
			content.update(digest);
		});
		return HexFormat.of().formatHex(content.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e);
		}
	}

	/** Fails as soon as more than the allowed bytes have come out of the decompressor, skipped bytes included. */
	private static final class ExpansionLimit extends FilterInputStream {

		private final long limit;
		private long count;

		ExpansionLimit(InputStream in, long limit) {
			super(in);
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int read = super.read(b, off, len);
			if (read > 0) {
				counted(read);
			}
			return read;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			if (skipped > 0) {
				counted(skipped);
			}
			return skipped;
		}

		private void counted(long bytes) {
			count += bytes;
			if (count > limit) {
				throw new IgPackageTooLargeException("expands to more than the " + IgPackageLimits.size(limit) + " allowed ("
						+ IgPackageLimits.PROPERTIES + "max-uncompressed-size)");
			}
		}
	}
}
