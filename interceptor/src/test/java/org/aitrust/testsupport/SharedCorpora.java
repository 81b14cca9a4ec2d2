package org.aitrust.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The real FHIR material in {@code ../shared/corpora} beside the repository ({@code -Daitrust.shared.dir}). A fresh
 * clone has none: suites that need it are skipped, saying so once per corpus; CI always has it.
 */
public final class SharedCorpora {

	private static final Set<String> reported = ConcurrentHashMap.newKeySet();

	private SharedCorpora() {}

	/** The corpus folder, e.g. {@code synthea/standard-synthea}; skips the calling test when it is absent. */
	public static Path require(String corpus) {
		String reason = absenceReason(corpus);
		Assumptions.assumeTrue(reason == null, reason);
		return folder(corpus);
	}

	/** Why the corpus cannot be used, printed once per corpus; {@code null} when it is present. */
	static String absenceReason(String corpus) {
		Path folder = folder(corpus);
		if (Files.isDirectory(folder)) {
			return null;
		}
		String reason = "shared corpus " + folder + " is not present (a fresh clone has no ../shared)";
		if (reported.add(corpus)) {
			System.err.println("[aitrust] skipped: " + reason);
		}
		return reason;
	}

	/** Where the corpus is, whether or not it is present (for harnesses outside JUnit). */
	public static Path folder(String corpus) {
		return Path.of(System.getProperty("aitrust.shared.dir", "../shared")).resolve("corpora").resolve(corpus)
				.toAbsolutePath().normalize();
	}
}
