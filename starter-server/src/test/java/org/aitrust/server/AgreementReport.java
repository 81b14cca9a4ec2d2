package org.aitrust.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aitrust.server.FhirTestCaseManifest.Check;
import org.aitrust.server.KnownDisagreements.Category;
import org.aitrust.server.KnownDisagreements.Reason;

/** The verdicts of one agreement run against the reference validator, as a console table, Markdown and JSON. */
final class AgreementReport {

	/** What the server answered: the HTTP status and the diagnostics of its error and fatal issues. */
	record Verdict(int status, List<String> errors) {

		/** A 5xx is no verdict at all: the server failed, it did not judge the input. */
		boolean answered() {
			return status < 500;
		}

		/** A 4xx (input refused, e.g. unparseable) counts as "has errors", as does any error or fatal issue. */
		boolean hasErrors() {
			return status >= 400 || !errors.isEmpty();
		}

		String firstError() {
			return errors.isEmpty() ? "" : errors.get(0);
		}

		/** Its only errors say the profile to validate against could not be found: nothing was checked against it. */
		boolean onlyProfileNotFound() {
			return status < 400 && !errors.isEmpty() && errors.stream().allMatch(e -> e.contains(PROFILE_NOT_FOUND));
		}
	}

	/** HAPI's message when a profile (meta.profile or the profile parameter) is not known to the validator. */
	static final String PROFILE_NOT_FOUND = "Failed to retrieve profile";

	record Row(Check check, Verdict verdict, boolean agrees, Reason reason) {}

	private final String source;
	private final String configuration;
	private final List<Row> rows = new ArrayList<>();
	private final List<String> notComparable = new ArrayList<>();
	private final Map<String, List<String>> storeFailures = new LinkedHashMap<>();
	private Duration elapsed = Duration.ZERO;

	AgreementReport(String source, String configuration) {
		this.source = source;
		this.configuration = configuration;
	}

	void add(Check check, Verdict verdict) {
		boolean agrees = verdict.answered() && verdict.hasErrors() == check.expected().hasErrors();
		rows.add(new Row(check, verdict, agrees, agrees ? null : KnownDisagreements.reason(check, verdict)));
	}

	void notComparable(Check check) {
		notComparable.add(check.name() + " (" + check.expected().missingReason() + ")");
	}

	void storeFailed(Check check, String failure) {
		storeFailures.computeIfAbsent(check.name(), name -> new ArrayList<>()).add(failure);
	}

	void setElapsed(Duration elapsed) {
		this.elapsed = elapsed;
	}

	int compared() {
		return rows.size();
	}

	int agreed() {
		return (int) rows.stream().filter(Row::agrees).count();
	}

	/** Checks that do not depend on a terminology server (see {@link KnownDisagreements#needsTerminologyServer}). */
	List<Row> withoutTerminologyServer() {
		return rows.stream().filter(r -> !KnownDisagreements.needsTerminologyServer(r.check())).toList();
	}

	int agreedWithoutTerminologyServer() {
		return (int) withoutTerminologyServer().stream().filter(Row::agrees).count();
	}

	/** Agreements on "has errors" whose only errors are a profile not found: right verdict, nothing checked. */
	List<Row> hollowAgreements() {
		return rows.stream().filter(r -> r.agrees() && r.verdict().onlyProfileNotFound()).toList();
	}

	List<Row> disagreements() {
		return rows.stream().filter(r -> !r.agrees()).toList();
	}

	Map<Category, Integer> byCategory() {
		Map<Category, Integer> counts = new EnumMap<>(Category.class);
		disagreements().forEach(r -> counts.merge(r.reason().category(), 1, Integer::sum));
		return counts;
	}

	String headline() {
		return String.format(Locale.ROOT,
				"%s: agreement with the reference validator %d/%d checks (%s); without terminology-server cases %d/%d (%s)",
				configuration, agreed(), compared(), percent(agreed(), compared()), agreedWithoutTerminologyServer(),
				withoutTerminologyServer().size(), percent(agreedWithoutTerminologyServer(),
						withoutTerminologyServer().size()));
	}

	String toText() {
		StringBuilder text = new StringBuilder("[aitrust] ").append(headline()).append('\n');
		text.append(String.format(Locale.ROOT, "[aitrust] %d not comparable, %s elapsed; disagreements by reason: %s%n",
				notComparable.size(), elapsed.toSeconds() + " s", byCategory()));
		if (!hollowAgreements().isEmpty()) {
			text.append("[aitrust] ").append(hollowAgreements().size()).append(" of the agreements only because the profile"
					+ " was not found (nothing checked against it): ").append(hollowAgreements().stream()
							.map(r -> r.check().name()).toList()).append('\n');
		}
		text.append(String.format(Locale.ROOT, "  %-48s %-8s %-8s %-26s %s%n", "check", "expected", "got", "reason",
				"first error (got | expected)"));
		for (Row row : disagreements()) {
			text.append(String.format(Locale.ROOT, "  %-48s %-8s %-8s %-26s %s | %s%n", row.check().name(),
					verdict(row.check().expected().hasErrors()), got(row.verdict()), row.reason().category().label,
					shorten(row.verdict().firstError(), 110), shorten(row.check().expected().firstError(), 110)));
		}
		storeFailures.forEach((check, failures) -> text.append("  could not store for ").append(check).append(": ")
				.append(shorten(String.join("; ", failures), 200)).append('\n'));
		return text.toString();
	}

	String toMarkdown() {
		StringBuilder md = new StringBuilder("# Agreement with the reference validator\n\n");
		md.append("Corpus: `").append(source).append("` (shared `fhir-test-cases`).\n\n");
		md.append("**").append(headline()).append("**. ").append(notComparable.size())
				.append(" checks are not comparable (no expected error count). Run time ").append(elapsed.toSeconds())
				.append(" s.\n\n## Disagreements by reason\n\n| reason | checks |\n|---|---|\n");
		byCategory().forEach((category, count) -> md.append("| ").append(category.label).append(" | ").append(count)
				.append(" |\n"));
		md.append("\n## Disagreements\n\n| check | module | expected | got | reason | explanation | first error (got) |"
				+ " first error (expected) |\n|---|---|---|---|---|---|---|---|\n");
		for (Row row : disagreements()) {
			md.append("| ").append(row.check().name()).append(" | ").append(row.check().testCase().module())
					.append(" | ").append(verdict(row.check().expected().hasErrors())).append(" | ")
					.append(got(row.verdict())).append(" | ").append(row.reason().category().label).append(" | ")
					.append(cell(row.reason().explanation())).append(" | ").append(cell(row.verdict().firstError()))
					.append(" | ").append(cell(row.check().expected().firstError())).append(" |\n");
		}
		if (!hollowAgreements().isEmpty()) {
			md.append("\n## Agreements only because the profile was not found\n\nThe verdict matches, but the only errors"
					+ " are \"").append(PROFILE_NOT_FOUND).append("\": nothing was checked against the profile.\n\n");
			hollowAgreements().forEach(r -> md.append("- ").append(r.check().name()).append('\n'));
		}
		if (!notComparable.isEmpty()) {
			md.append("\n## Not comparable\n\n");
			notComparable.forEach(name -> md.append("- ").append(name).append('\n'));
		}
		if (!storeFailures.isEmpty()) {
			md.append("\n## Conformance resources the server refused\n\n");
			storeFailures.forEach((check, failures) -> md.append("- ").append(check).append(": ")
					.append(cell(String.join("; ", failures))).append('\n'));
		}
		return md.toString();
	}

	String toJson() throws Exception {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("source", source);
		json.put("configuration", configuration);
		json.put("compared", compared());
		json.put("agreed", agreed());
		json.put("comparedWithoutTerminologyServer", withoutTerminologyServer().size());
		json.put("agreedWithoutTerminologyServer", agreedWithoutTerminologyServer());
		json.put("elapsedSeconds", elapsed.toSeconds());
		json.put("byReason", byCategory());
		json.put("agreedOnlyBecauseProfileNotFound", hollowAgreements().stream().map(r -> r.check().name()).toList());
		List<Map<String, Object>> checks = new ArrayList<>();
		for (Row row : rows) {
			Map<String, Object> check = new LinkedHashMap<>();
			check.put("check", row.check().name());
			check.put("module", row.check().testCase().module());
			check.put("expectedErrors", row.check().expected().errorCount());
			check.put("gotErrors", row.verdict().errors().size());
			check.put("status", row.verdict().status());
			check.put("agrees", row.agrees());
			check.put("needsTerminologyServer", KnownDisagreements.needsTerminologyServer(row.check()));
			if (!row.agrees()) {
				check.put("reason", row.reason().category().name());
				check.put("explanation", row.reason().explanation());
				check.put("firstError", row.verdict().firstError());
				check.put("expectedFirstError", row.check().expected().firstError());
			}
			checks.add(check);
		}
		json.put("checks", checks);
		json.put("notComparable", notComparable);
		json.put("storeFailures", storeFailures);
		return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
	}

	private static String verdict(boolean hasErrors) {
		return hasErrors ? "errors" : "valid";
	}

	private static String got(Verdict verdict) {
		return verdict.answered() ? verdict(verdict.hasErrors()) : "HTTP " + verdict.status();
	}

	private static String percent(int part, int whole) {
		return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
	}

	private static String shorten(String text, int max) {
		String line = text.replaceAll("\\s+", " ");
		return line.length() <= max ? line : line.substring(0, max - 1) + "…";
	}

	private static String cell(String text) {
		return shorten(text, 300).replace("|", "\\|");
	}
}
