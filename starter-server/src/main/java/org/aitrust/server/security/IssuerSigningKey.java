package org.aitrust.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/**
 * The embedded issuer's RSA signing key, generated at first start and kept in the data folder (readable by its owner
 * only), so tokens stay valid across a restart. Several nodes that share tokens need one issuer: the hospital's, or
 * this key file copied to each.
 */
public final class IssuerSigningKey {

	private IssuerSigningKey() {}

	/** The key in {@code file}, or a new one written there. */
	public static RSAKey loadOrCreate(Path file) {
		try {
			if (Files.isRegularFile(file)) {
				return RSAKey.parse(Files.readString(file));
			}
			RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
			OwnerOnlyFile.write(file, key.toJSONString());
			return key;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read or keep the embedded issuer's signing key in " + file, e);
		} catch (ParseException e) {
			throw new IllegalStateException("The embedded issuer's signing key in " + file
					+ " is not a JSON Web Key; delete the file to generate a new one", e);
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot generate an RSA signing key", e);
		}
	}
}
