package org.aitrust.interceptor.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the review worklist ended: the last entry's last-updated time and key. The next page starts strictly
 * after it in the worklist's order (newest first, then key descending), so entries added or removed meanwhile never
 * shift a page, as offsets would. Carried in a {@code next} link as an opaque URL-safe token.
 *
 * @param lastUpdated the last entry's last-updated time
 * @param key the last entry's {@code Type/id}
 */
public record WorklistCursor(Instant lastUpdated, String key) {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	public WorklistCursor {
		if (lastUpdated == null || key == null || key.isEmpty()) {
			throw new IllegalArgumentException("a worklist cursor needs a time and a key");
		}
	}

	/** The cursor after this entry. */
	public static WorklistCursor after(UnreviewedVersion entry) {
		return new WorklistCursor(entry.lastUpdated(), entry.key());
	}

	/** The token for a link: seconds, nanoseconds and key, base64url. */
	public String token() {
		String plain = lastUpdated.getEpochSecond() + "." + lastUpdated.getNano() + "." + key;
		return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The cursor a token names.
	 *
	 * @throws IllegalArgumentException when the token is not one {@link #token()} made
	 */
	public static WorklistCursor parse(String token) {
		String plain;
		try {
			plain = new String(DECODER.decode(token), StandardCharsets.UTF_8);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("not a worklist position: " + token);
		}
		String[] parts = plain.split("\\.", 3);
		if (parts.length != 3) {
			throw new IllegalArgumentException("not a worklist position: " + token);
		}
		try {
			long seconds = Long.parseLong(parts[0]);
			int nanos = Integer.parseInt(parts[1]);
			if (nanos < 0 || nanos > 999_999_999) {
				throw new IllegalArgumentException("not a worklist position: " + token);
			}
			return new WorklistCursor(Instant.ofEpochSecond(seconds, nanos), parts[2]);
		} catch (NumberFormatException | java.time.DateTimeException e) {
			throw new IllegalArgumentException("not a worklist position: " + token);
		}
	}
}
