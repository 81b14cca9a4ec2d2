package org.aitrust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shared corpus {@code fhir-test-cases/manifest.json}: R4 cases of the HL7 validator's test suite, each an input
 * file, the conformance resources it needs, and the reference Java validator's outcome for base validation and, when
 * the case has a profile step, for validation against that profile.
 */
final class FhirTestCaseManifest {

	/** One case: what to load, what to validate, and what the reference validator said. */
	record TestCase(
			String name, String module, Path input, List<Path> supporting, Expected expected, Optional<ProfileStep> profile) {

		/** The checks of this case: base validation, then the profile step when there is one. */
		List<Check> checks() {
			List<Check> checks = new ArrayList<>();
			checks.add(new Check(this, null, expected));
			profile.ifPresent(step -> checks.add(new Check(this, step, step.expected())));
			return checks;
		}
	}

	/** Validation against {@code source}'s canonical, with {@code supporting} also loaded. */
	record ProfileStep(Path source, List<Path> supporting, Expected expected) {}

	/** The reference outcome; {@code errorCount} (errors and fatals) is null when the manifest gives none. */
	record Expected(Integer errorCount, List<String> messages, String missingReason) {

		boolean comparable() {
			return errorCount != null;
		}

		boolean hasErrors() {
			return errorCount != null && errorCount > 0;
		}

		/** The first ERROR or FATAL message, without its severity prefix, or "" when there is none. */
		String firstError() {
			return messages.stream().filter(m -> m.startsWith("ERROR:") || m.startsWith("FATAL:"))
					.map(m -> m.substring(m.indexOf(':') + 1).trim()).findFirst().orElse("");
		}
	}

	/** One verdict to compare: a case's base validation ({@code step} null) or its profile step. */
	record Check(TestCase testCase, ProfileStep step, Expected expected) {

		String name() {
			return step == null ? testCase.name() : testCase.name() + " [profile]";
		}
	}

	final String source;
	final List<TestCase> cases;

	private FhirTestCaseManifest(String source, List<TestCase> cases) {
		this.source = source;
		this.cases = cases;
	}

	static FhirTestCaseManifest read(Path corpus) throws IOException {
		JsonNode root = new ObjectMapper().readTree(corpus.resolve("manifest.json").toFile());
		Path folder = corpus.resolve("validator");
		List<TestCase> cases = new ArrayList<>();
		for (JsonNode test : root.path("tests")) {
			Optional<ProfileStep> profile = Optional.empty();
			if (test.hasNonNull("profile")) {
				JsonNode step = test.get("profile");
				profile = Optional.of(new ProfileStep(folder.resolve(step.path("source").asText()),
						files(folder, step.path("supporting")), expected(step.path("expected"))));
			}
			cases.add(new TestCase(test.path("name").asText(), test.path("module").asText("none"),
					folder.resolve(test.path("file").asText()), files(folder, test.path("supporting")),
					expected(test.path("expected")), profile));
		}
		return new FhirTestCaseManifest(root.path("source").asText(), cases);
	}

	List<Check> checks() {
		return cases.stream().flatMap(c -> c.checks().stream()).toList();
	}

	private static List<Path> files(Path folder, JsonNode names) {
		List<Path> files = new ArrayList<>();
		names.forEach(name -> files.add(folder.resolve(name.asText())));
		return files;
	}

	private static Expected expected(JsonNode node) {
		List<String> messages = new ArrayList<>();
		node.path("messages").forEach(m -> messages.add(m.asText()));
		Integer errors = node.path("errorCount").isInt() ? node.path("errorCount").asInt() : null;
		String missing = errors != null ? null
				: node.hasNonNull("missingOutcome") ? "the reference outcome file is not in the corpus"
				: "the manifest gives no error count";
		return new Expected(errors, messages, missing);
	}
}
