package org.aitrust.interceptor.quality.check;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The UCUM units allowed for common LOINC codes (laboratory tests, the vital signs, a few body measurements and
 * scores) and the plausible values in each: the table {@value #TABLE} beside this class, whose groups and sources
 * docs/quality.md lists. Immutable.
 *
 * <p>A quantity's unit is its {@code code}, else its {@code unit} text, as {@link UcumUnitCheck} reads it; a
 * quantity coded in another system has no allowed unit. UCUM codes are case-sensitive ({@code mg/dL}, {@code mmol/L})
 * and matched as written. A dimensionless code (row unit {@value #DIMENSIONLESS}) also takes an annotation alone
 * ({@code {score}}, {@code {INR}}), which UCUM gives the value 1, and a value with no unit at all, since a number
 * without a unit is unambiguous only when it has none.
 */
public final class LoincUnits {

	static final String TABLE = "loinc-units.tsv";

	/** The unit of a dimensionless row. */
	public static final String DIMENSIONLESS = "1";

	/** A UCUM annotation alone, such as {@code {score}}: a dimensionless unit. */
	private static final Pattern ANNOTATION_ONLY = Pattern.compile("\\{[^{}]*\\}");

	private static final LoincUnits DEFAULTS = of(read());

	private final List<LoincUnit> rows;
	private final Map<String, Map<String, LoincUnit>> byCodeAndUnit = new HashMap<>();

	private LoincUnits(List<LoincUnit> rows) {
		this.rows = rows;
		for (LoincUnit row : rows) {
			if (byCodeAndUnit.computeIfAbsent(row.loincCode(), code -> new HashMap<>()).put(row.unit(), row) != null) {
				throw new IllegalArgumentException("Two rows for LOINC " + row.loincCode() + " in " + row.unit());
			}
		}
	}

	/** The table shipped with the module. */
	public static LoincUnits defaults() {
		return DEFAULTS;
	}

	/** A table of exactly these rows; two for the same code and unit are rejected. */
	public static LoincUnits of(Collection<LoincUnit> rows) {
		return new LoincUnits(List.copyOf(rows));
	}

	/** Every row, in the table's order. */
	public List<LoincUnit> rows() {
		return rows;
	}

	/** Whether the table has the LOINC code, so that a value of it in any other unit is wrong. */
	public boolean knows(String loincCode) {
		return byCodeAndUnit.containsKey(loincCode);
	}

	/**
	 * The row for the quantity's unit under this code: empty when the code is not in the table or the unit is not
	 * allowed for it.
	 */
	public Optional<LoincUnit> rowFor(String loincCode, Quantity quantity) {
		Map<String, LoincUnit> units = byCodeAndUnit.get(loincCode);
		if (units == null || quantity.hasSystem() && !UcumUnitCheck.UCUM.equals(quantity.getSystem())) {
			return Optional.empty();
		}
		String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
		if (unit == null || unit.isBlank() || ANNOTATION_ONLY.matcher(unit).matches()) {
			return Optional.ofNullable(units.get(DIMENSIONLESS));
		}
		return Optional.ofNullable(units.get(unit));
	}

	private static List<LoincUnit> read() {
		return TabSeparatedTable.read(TABLE, 7).stream().map(cells -> new LoincUnit(cells[0], cells[1],
				cells[2].isEmpty() ? null : new BigDecimal(cells[2]), cells[3].isEmpty() ? null : new BigDecimal(cells[3]),
				cells[4], cells[5])).toList();
	}
}
