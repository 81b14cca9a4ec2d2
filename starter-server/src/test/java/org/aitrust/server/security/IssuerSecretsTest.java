package org.aitrust.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A secret left empty is generated once, handed out once in plain text, and kept only as a hash that a restart reads
 * back; a configured secret is used as given.
 */
class IssuerSecretsTest {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void anEmptySecretIsGeneratedOnceShownOnceAndKeptOnlyAsAHash(@TempDir Path dataDir) throws Exception {
		Path file = dataDir.resolve("issuer-secrets.properties");
		IssuerSecrets first = new IssuerSecrets(file, encoder);

		String encoded = first.encoded("client ai-scribe", "");
		String shown = first.takeGenerated().get(0);
		String secret = shown.substring("client ai-scribe: ".length());

		assertThat(shown).startsWith("client ai-scribe: ");
		assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
		assertThat(encoder.matches(secret, encoded)).isTrue();
		assertThat(first.takeGenerated()).as("shown once").isEmpty();
		assertThat(Files.readString(file)).doesNotContain(secret).contains("{bcrypt}");
		assertThat(Files.getPosixFilePermissions(file))
				.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

		IssuerSecrets afterRestart = new IssuerSecrets(file, encoder);
		assertThat(afterRestart.encoded("client ai-scribe", null)).isEqualTo(encoded);
		assertThat(afterRestart.takeGenerated()).as("nothing new to show").isEmpty();
	}

	@Test
	void aConfiguredSecretIsUsedAsGivenAndNothingIsWritten(@TempDir Path dataDir) {
		Path file = dataDir.resolve("issuer-secrets.properties");
		IssuerSecrets secrets = new IssuerSecrets(file, encoder);

		String encoded = secrets.encoded("user reviewer", "correct horse battery staple");
		String preEncoded = encoder.encode("already");

		assertThat(encoder.matches("correct horse battery staple", encoded)).isTrue();
		assertThat(secrets.encoded("client x", preEncoded)).isEqualTo(preEncoded);
		assertThat(secrets.takeGenerated()).isEmpty();
		assertThat(file).doesNotExist();
	}

	@Test
	void eachHolderGetsItsOwnSecret(@TempDir Path dataDir) {
		IssuerSecrets secrets = new IssuerSecrets(dataDir.resolve("s.properties"), encoder);
		secrets.encoded("client a", null);
		secrets.encoded("client b", null);

		var shown = secrets.takeGenerated();
		assertThat(shown).hasSize(2);
		assertThat(shown.get(0).substring(10)).isNotEqualTo(shown.get(1).substring(10));
	}
}
