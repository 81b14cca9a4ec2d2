package org.aitrust.interceptor.quality.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a table the checks ship as a class-path resource beside them: one row a line, columns separated by tabs,
 * blank lines and lines starting with {@code #} (comments and the header) skipped. Kept as text so that a reviewer
 * reads and diffs the table itself, not Java literals.
 */
final class TabSeparatedTable {

	private TabSeparatedTable() {}

	/**
	 * The rows of the resource {@code name} next to this package, each with exactly {@code columns} cells (trailing
	 * empty cells kept).
	 *
	 * @throws IllegalStateException when the resource is missing or a row has another number of cells
	 */
	static List<String[]> read(String name, int columns) {
		try (InputStream in = TabSeparatedTable.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException(name + " is missing from the class path");
			}
			List<String[]> rows = new ArrayList<>();
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] cells = line.split("\t", -1);
				if (cells.length != columns) {
					throw new IllegalStateException(name + ": " + cells.length + " cells, not " + columns + ": "
							+ line);
				}
				rows.add(Arrays.stream(cells).map(String::strip).toArray(String[]::new));
			}
			return List.copyOf(rows);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
