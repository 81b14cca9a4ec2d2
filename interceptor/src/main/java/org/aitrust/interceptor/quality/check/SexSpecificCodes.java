package org.aitrust.interceptor.quality.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * Conditions and procedures that apply to one sex only (pregnancy, prostate, cervix, ovary, testis...), the table
 * {@value #TABLE} beside this class, whose groups and sources docs/quality.md lists. Immutable.
 *
 * <p>SNOMED CT codes match exactly: without the SNOMED CT hierarchy at hand, a descendant of a listed concept is not
 * found. ICD-10-CM carries its hierarchy in the code, so a listed entry matches itself and every code below it,
 * compared without the dot and case: {@code N40} matches {@code N40.1}, {@code O} all of chapter 15.
 */
public final class SexSpecificCodes {

	static final String TABLE = "sex-specific-codes.tsv";

	static final String SNOMED_CT = "http://snomed.info/sct";
	static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";

	/** One row: a code, or for ICD-10-CM a code and everything below it, and the sex it applies to. */
	public record Entry(String system, String code, AdministrativeGender sex, String group, String display) {}

	private static final SexSpecificCodes DEFAULTS = new SexSpecificCodes(read());

	private final List<Entry> entries;
	private final Map<String, Entry> snomed = new HashMap<>();
	/** ICD-10-CM entries by their code without the dot; prefixes of one to seven characters. */
	private final Map<String, Entry> icd = new HashMap<>();

	private SexSpecificCodes(List<Entry> entries) {
		this.entries = entries;
		for (Entry entry : entries) {
			Map<String, Entry> byCode = switch (entry.system()) {
				case SNOMED_CT -> snomed;
				case ICD_10_CM -> icd;
				default -> throw new IllegalArgumentException(TABLE + ": unsupported system " + entry.system());
			};
			String key = entry.system().equals(ICD_10_CM) ? icdKey(entry.code()) : entry.code();
			if (byCode.put(key, entry) != null) {
				throw new IllegalArgumentException(TABLE + ": " + entry.code() + " twice");
			}
		}
	}

	/** The table shipped with the module. */
	public static SexSpecificCodes defaults() {
		return DEFAULTS;
	}

	/** Every entry, in the table's order. */
	public List<Entry> entries() {
		return entries;
	}

	/** The entry the coding falls under, if any. */
	public Optional<Entry> find(String system, String code) {
		if (system == null || code == null) {
			return Optional.empty();
		}
		if (SNOMED_CT.equals(system)) {
			return Optional.ofNullable(snomed.get(code));
		}
		if (ICD_10_CM.equals(system)) {
			String key = icdKey(code);
			for (int length = key.length(); length > 0; length--) {
				Entry entry = icd.get(key.substring(0, length));
				if (entry != null) {
					return Optional.of(entry);
				}
			}
		}
		return Optional.empty();
	}

	private static String icdKey(String code) {
		return code.strip().replace(".", "").toUpperCase(Locale.ROOT);
	}

	private static List<Entry> read() {
		List<Entry> entries = new ArrayList<>();
		for (String[] cells : TabSeparatedTable.read(TABLE, 5)) {
			entries.add(new Entry(cells[0], cells[1], AdministrativeGender.fromCode(cells[2]), cells[3], cells[4]));
		}
		return List.copyOf(entries);
	}
}
