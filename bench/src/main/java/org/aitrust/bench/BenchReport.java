package org.aitrust.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark run: tables printed as they are finished, then written together as JSON and
 * Markdown to {@code bench.out} (the build's {@code target/bench} when run through the {@code bench} profile), with
 * the date, the machine's cores and its load average at the start and the end of the run, since other builds on a
 * shared machine move every figure.
 */
final class BenchReport {

	/** A column; numbers in it are printed with {@code format}, anything else as it is. */
	record Column(String name, String format) {

		static Column text(String name) {
			return new Column(name, "%s");
		}

		String render(Object cell) {
			return cell == null ? "–" : cell instanceof Number ? String.format(Locale.ROOT, format, cell) : cell.toString();
		}
	}

	/** One table: a title, columns, rows and the notes that explain it. */
	static final class Table {
		private final String title;
		private final List<Column> columns;
		private final List<List<Object>> rows = new ArrayList<>();
		private final List<String> notes = new ArrayList<>();

		private Table(String title, List<Column> columns) {
			this.title = title;
			this.columns = columns;
		}

		Table row(Object... cells) {
			if (cells.length != columns.size()) {
				throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
			}
			rows.add(Arrays.asList(cells));
			return this;
		}

		Table note(String note) {
			notes.add(note);
			return this;
		}

		void print() {
			int[] widths = new int[columns.size()];
			for (int c = 0; c < widths.length; c++) {
				widths[c] = columns.get(c).name().length();
				for (List<Object> row : rows) {
					widths[c] = Math.max(widths[c], columns.get(c).render(row.get(c)).length());
				}
			}
			StringBuilder out = new StringBuilder(String.format("%n%s%n", title));
			appendLine(out, widths, columns.stream().map(Column::name).toList());
			for (List<Object> row : rows) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < widths.length; c++) {
					cells.add(columns.get(c).render(row.get(c)));
				}
				appendLine(out, widths, cells);
			}
			notes.forEach(note -> out.append("  ").append(note).append(System.lineSeparator()));
			System.out.print(out);
			System.out.flush();
		}

		private static void appendLine(StringBuilder out, int[] widths, List<String> cells) {
			for (int c = 0; c < cells.size(); c++) {
				// The first column (names) is left-aligned, figures right-aligned.
				out.append(c == 0 ? String.format("%-" + widths[c] + "s", cells.get(c))
						: String.format("  %" + widths[c] + "s", cells.get(c)));
			}
			out.append(System.lineSeparator());
		}

		private Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("title", title);
			json.put("columns", columns.stream().map(Column::name).toList());
			json.put("rows", rows.stream().map(row -> {
				Map<String, Object> named = new LinkedHashMap<>();
				for (int c = 0; c < columns.size(); c++) {
					named.put(columns.get(c).name(), row.get(c));
				}
				return named;
			}).toList());
			json.put("notes", notes);
			return json;
		}

		private void appendMarkdown(StringBuilder md) {
			md.append("### ").append(title).append("\n\n| ");
			md.append(String.join(" | ", columns.stream().map(Column::name).toList())).append(" |\n|");
			columns.forEach(c -> md.append("---|"));
			md.append('\n');
			for (List<Object> row : rows) {
				md.append("| ");
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < columns.size(); c++) {
					cells.add(columns.get(c).render(row.get(c)).replace("|", "\\|"));
				}
				md.append(String.join(" | ", cells)).append(" |\n");
			}
			if (!notes.isEmpty()) {
				md.append('\n');
				notes.forEach(note -> md.append("- ").append(note).append('\n'));
			}
			md.append('\n');
		}
	}

	private final String name;
	private final String heading;
	private final String started = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	private final String loadAtStart = loadAverage();
	private final List<Table> tables = new ArrayList<>();

	/**
	 * @param name the files' base name ({@code <name>.json}, {@code <name>.md})
	 * @param heading what was measured, and how
	 */
	BenchReport(String name, String heading) {
		this.name = name;
		this.heading = heading;
		System.out.printf("%s%nstarted %s, %d cores, load average %s%n", heading, started,
				Runtime.getRuntime().availableProcessors(), loadAtStart);
	}

	Table table(String title, Column... columns) {
		Table table = new Table(title, List.of(columns));
		tables.add(table);
		return table;
	}

	/** Writes every table to {@code bench.out} (default {@code target/bench}) and says where. */
	void write() throws IOException {
		String loadAtEnd = loadAverage();
		System.out.printf("%nload average (1, 5, 15 min) at start %s, at end %s%n", loadAtStart, loadAtEnd);
		Path dir = Path.of(System.getProperty("bench.out", "target/bench"));
		Files.createDirectories(dir);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("benchmark", name);
		json.put("description", heading);
		json.put("started", started);
		json.put("cores", Runtime.getRuntime().availableProcessors());
		json.put("java", System.getProperty("java.version"));
		json.put("loadAverageAtStart", loadAtStart);
		json.put("loadAverageAtEnd", loadAtEnd);
		json.put("tables", tables.stream().map(Table::toJson).toList());
		Path jsonFile = dir.resolve(name + ".json");
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), json);
		StringBuilder md = new StringBuilder("## ").append(name).append("\n\n").append(heading).append("\n\n")
				.append("Started ").append(started).append(", ").append(Runtime.getRuntime().availableProcessors())
				.append(" cores, Java ").append(System.getProperty("java.version")).append(", load average (1, 5, 15 min) ")
				.append(loadAtStart).append(" at start, ").append(loadAtEnd).append(" at end.\n\n");
		tables.forEach(table -> table.appendMarkdown(md));
		Path mdFile = dir.resolve(name + ".md");
		Files.writeString(mdFile, md);
		System.out.printf("written: %s, %s%n", jsonFile.toAbsolutePath(), mdFile.toAbsolutePath());
	}

	/** Only warnings and errors from the libraries under test (Logback, as Spring Boot brings it). */
	static void quietLogging() {
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
				.setLevel(ch.qos.logback.classic.Level.WARN);
	}

	/** The 1, 5 and 15 minute load averages as {@code uptime} shows them, or "unknown" off Linux. */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		} catch (IOException | RuntimeException e) {
			return "unknown";
		}
	}
}
