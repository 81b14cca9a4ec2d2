package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.aitrust.autoconfigure.AiTrustProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * docs/quality-checks.md is the registry of checks ({@link BuiltInCheck#allDefinitions()}) rendered as a table, so
 * the page a quality team reads cannot drift from what the server does. Fails when the committed page differs, and
 * says how to write it again.
 */
class QualityChecksDocTest {

	static final Path PAGE = Path.of("..", "docs", "quality-checks.md");
	static final String REGENERATE = "aitrust.docs.regenerate";

	@Test
	void theCommittedPageIsTheRegistryRendered() throws IOException {
		String rendered = render();
		if (Boolean.getBoolean(REGENERATE)) {
			Files.writeString(PAGE, rendered, StandardCharsets.UTF_8);
		}
		String committed = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
		assertThat(committed)
				.as("docs/quality-checks.md is generated from BuiltInCheck; after changing a check, write it again with"
						+ " mvn -B -o -q verify -pl provenance,interceptor -Dtest=QualityChecksDocTest"
						+ " -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none"
						+ " -Dfailsafe.failIfNoSpecifiedTests=false -D" + REGENERATE + "=true")
				.isEqualTo(rendered);
	}

	@Test
	void everyCheckIsDefinedWithTheTextItRestsOn() {
		assertThat(BuiltInCheck.allDefinitions()).hasSize(BuiltInCheck.values().length + 1).allSatisfy(definition -> {
			assertThat(definition.violation()).as(definition.id()).hasSizeGreaterThan(40);
			assertThat(definition.source()).as(definition.id()).contains("https://hl7.org/fhir/");
		});
	}

	static String render() {
		String defaultThreshold = defaultThreshold();
		StringBuilder page = new StringBuilder();
		page.append("# Data-quality checks\n\n")
				.append("<!-- Generated from BuiltInCheck by QualityChecksDocTest; do not edit by hand. -->\n\n")
				.append("Every check `$data-quality` reports, as the module's registry of checks (`BuiltInCheck`)"
						+ " defines it. The classes, statuses and thresholds are explained in"
						+ " [quality.md](quality.md#classes-thresholds-and-statuses).\n\n")
				.append("| check id | Kahn category | class | level | default threshold | what counts as a violation"
						+ " | source |\n")
				.append("|---|---|---|---|---|---|---|\n");
		for (CheckDefinition definition : BuiltInCheck.allDefinitions()) {
			page.append("| `").append(definition.id()).append("` | ")
					.append(definition.category().label().replace("/", " / ")).append(" | ")
					.append(definition.checkClass().code()).append(" | ")
					.append(definition.level().code()).append(" | ")
					.append(threshold(definition.checkClass(), defaultThreshold)).append(" | ")
					.append(cell(definition.violation())).append(" | ")
					.append(cell(definition.source())).append(" |\n");
		}
		return page.toString();
	}

	private static String threshold(CheckClass checkClass, String defaultThreshold) {
		return switch (checkClass) {
			case FATAL -> "0%";
			case CONVENTION -> "`default-threshold` (" + defaultThreshold + "%)";
			case CHARACTERIZATION -> "not judged";
			case SERVER_CAPABILITY -> "never judged";
		};
	}

	/** A table cell: pipes escaped, URLs as links. */
	private static String cell(String text) {
		return text.replace("|", "\\|").replaceAll("(https://[^ ,)]+)", "<$1>");
	}

	/** The default of {@code aitrust.quality.default-threshold}, as the properties declare it. */
	private static String defaultThreshold() {
		java.lang.reflect.RecordComponent[] components = AiTrustProperties.Quality.class.getRecordComponents();
		Class<?>[] types = Arrays.stream(components).map(java.lang.reflect.RecordComponent::getType)
				.toArray(Class<?>[]::new);
		try {
			java.lang.reflect.Parameter[] parameters =
					AiTrustProperties.Quality.class.getDeclaredConstructor(types).getParameters();
			for (int i = 0; i < components.length; i++) {
				if (components[i].getName().equals("defaultThreshold")) {
					return parameters[i].getAnnotation(DefaultValue.class).value()[0];
				}
			}
		} catch (NoSuchMethodException e) {
			throw new IllegalStateException(e);
		}
		throw new IllegalStateException("AiTrustProperties.Quality has no defaultThreshold");
	}
}
