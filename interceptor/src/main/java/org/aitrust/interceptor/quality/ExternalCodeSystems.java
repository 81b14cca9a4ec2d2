package org.aitrust.interceptor.quality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aitrust.interceptor.validation.Canonicals;

/**
 * The code systems defined outside this server that a coding may name without being unknown: the curated table
 * {@value #TABLE} (the external code systems the FHIR R4 specification and terminology.hl7.org name, each row with
 * the page it comes from) and the administrator's {@code aitrust.quality.known-code-systems}. A code in one of them
 * is known but, unless the server also holds the code system, not checkable here.
 */
public final class ExternalCodeSystems {

	static final String TABLE = "external-code-systems.tsv";

	/** One row of the curated table. */
	public record Entry(String uri, String name, String source) {}

	private static final List<Entry> CURATED = read();

	private final Set<String> uris = new HashSet<>();

	/** The curated table plus the configured URIs. */
	public ExternalCodeSystems(List<String> configured) {
		CURATED.forEach(entry -> uris.add(entry.uri()));
		configured.forEach(uri -> uris.add(Canonicals.withoutVersion(uri)));
	}

	/** The curated table, in its order. */
	public static List<Entry> curated() {
		return CURATED;
	}

	/** Whether the system, with or without a {@code |version}, is a known external code system. */
	public boolean contains(String system) {
		return system != null && uris.contains(Canonicals.withoutVersion(system));
	}

	private static List<Entry> read() {
		try (InputStream in = ExternalCodeSystems.class.getResourceAsStream(TABLE)) {
			if (in == null) {
				throw new IllegalStateException(TABLE + " is missing from the class path");
			}
			List<Entry> entries = new ArrayList<>();
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] columns = line.split("\t");
				if (columns.length != 3) {
					throw new IllegalStateException(TABLE + ": not URI, name and source: " + line);
				}
				entries.add(new Entry(columns[0], columns[1], columns[2]));
			}
			return List.copyOf(entries);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
