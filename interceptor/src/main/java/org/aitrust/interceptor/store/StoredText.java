package org.aitrust.interceptor.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fits a value into a bounded column of the module's tables. A value that fits is stored as it is; a longer one as
 * its first characters, {@code #} and 16 hex digits of its SHA-256, exactly as wide as the column. The same long
 * value always maps to the same stored value, two long values that share a prefix do not collide, and a query by the
 * original value finds its rows when it is fitted the same way. A client id or profile URL longer than its column
 * therefore never fails the write it arrives with (the database would refuse the row, and the write with it).
 */
public final class StoredText {

	/** {@code #} and 16 hex digits: 64 bits of the hash, enough that distinct values of one column do not collide. */
	private static final int HASH_SUFFIX = 17;

	private StoredText() {}

	/** The value as a column {@code width} characters wide stores it; {@code null} stays {@code null}. */
	public static String fit(String value, int width) {
		if (value == null || value.length() <= width) {
			return value;
		}
		return value.substring(0, width - HASH_SUFFIX) + "#" + sha256Hex16(value);
	}

	private static String sha256Hex16(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
		}
	}
}
