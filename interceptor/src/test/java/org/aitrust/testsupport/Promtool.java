package org.aitrust.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's {@code promtool} (Debian package {@code prometheus}, {@code /usr/bin/promtool}), which checks and
 * unit-tests alerting rules. A test that needs it is skipped with the reason, said once, where it is missing; under
 * {@code CI=true} (whose {@code .ci/run} installs it) a missing promtool fails the test instead.
 */
public final class Promtool {

	private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
	private static final AtomicBoolean reported = new AtomicBoolean();

	/** What one promtool run printed, stdout and stderr together, and its exit code. */
	public record Result(int exitCode, String output) {}

	private Promtool() {}

	/** Skips the calling test (or fails it under CI) when promtool is not installed. */
	public static void require() {
		if (Files.isExecutable(PROMTOOL)) {
			return;
		}
		String reason = "no " + PROMTOOL + " (Debian package prometheus)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(reason + "; CI=true requires the alert rule tests to run");
		}
		if (reported.compareAndSet(false, true)) {
			System.err.println("[aitrust] alert rule tests skipped: " + reason
					+ ". Install it or set CI=true to make this an error.");
		}
		Assumptions.abort(reason);
	}

	/** {@code promtool test rules <file>}, run in the file's directory so its rule_files resolve beside it. */
	public static Result testRules(Path testFile) throws IOException, InterruptedException {
		require();
		Process process = new ProcessBuilder(PROMTOOL.toString(), "test", "rules", testFile.getFileName().toString())
				.directory(testFile.toAbsolutePath().getParent().toFile())
				.redirectErrorStream(true)
				.start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("promtool did not finish in a minute");
		}
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}
}
