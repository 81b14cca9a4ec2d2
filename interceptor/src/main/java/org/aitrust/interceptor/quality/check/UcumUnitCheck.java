package org.aitrust.interceptor.quality.check;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource with a measured quantity that is not coded in UCUM: a value whose unit is free text, or coded
 * in some other system. Such a value cannot be compared, converted or range-checked by a machine, so it is lost to
 * every downstream analysis even when a person could read it.
 *
 * <p>Every Quantity with a value counts, wherever it sits: Observation values and components, reference ranges,
 * dose and rate quantities, durations, ages and counts (FHIR's Age, Count, Distance, Duration and SimpleQuantity are
 * all Quantities), extensions and contained resources. R4's Quantity has {@code unit} (the human-readable form),
 * {@code system} (the system of the coded form) and {@code code} (the coded form). Its unit is UCUM when
 * {@code system} is {@value #UCUM} or absent, and
 * <ul>
 * <li>{@code code} is a valid UCUM expression (without a system, R4's qty-3 is broken; the invariant check counts
 * that, not this one, since the unit itself is machine-readable);</li>
 * <li>or, without a code, {@code unit} is a valid UCUM expression, such as {@code mg/dL}: the sender wrote UCUM without
 * coding it.</li>
 * </ul>
 * A quantity in another system, a code UCUM does not define ({@code mmHg} for {@code mm[Hg]}), a unit text UCUM
 * does not define ({@code beats/min}, {@code days}) and a bare number without any unit fail.
 */
public final class UcumUnitCheck extends BaseQualityCheck {

	public static final String ID = "conformance-non-ucum-quantity";

	static final String UCUM = "http://unitsofmeasure.org";
	/** The unit item of a bare number. */
	static final String NO_UNIT = "(no unit)";

	private final FhirContext fhirContext;

	public UcumUnitCheck(FhirContext fhirContext) {
		super(BuiltInCheck.NON_UCUM_QUANTITY,
				"A quantity with a value in the resource has no valid UCUM unit (in system " + UCUM
						+ " or none, a code, else a unit text, that is a UCUM expression).");
		this.fhirContext = fhirContext;
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		return evaluateWithFindings(resource, context).outcome();
	}

	/**
	 * Also reports, for a violating resource, the element path of each quantity without a valid UCUM unit
	 * ({@link FindingKind#ELEMENT_PATH}) and its unit ({@link FindingKind#UNIT}: {@code system|code}, else the code or
	 * unit text, else {@value #NO_UNIT}).
	 */
	@Override
	public CheckFindings evaluateWithFindings(Resource resource, CheckContext context) {
		CheckFindings.Collector found = new CheckFindings.Collector();
		Set<Base> violating = null;
		for (Quantity quantity : PopulatedElements.of(resource, fhirContext).quantities()) {
			if (quantity.getValue() == null) {
				continue;
			}
			if (inUcum(quantity)) {
				found.applies();
			} else {
				found.violation(FindingKind.UNIT, unitOf(quantity));
				if (violating == null) {
					violating = Collections.newSetFromMap(new IdentityHashMap<>());
				}
				violating.add(quantity);
			}
		}
		if (violating != null) {
			ElementPaths.of(resource, violating).values().forEach(path -> found.violation(FindingKind.ELEMENT_PATH, path));
		}
		return found.findings();
	}

	/** The unit as the sender coded or wrote it: {@code system|code}, else the code or unit text, else none. */
	static String unitOf(Quantity quantity) {
		String unit = quantity.hasCode() ? quantity.getCode() : quantity.hasUnit() ? quantity.getUnit() : null;
		if (quantity.hasSystem()) {
			return quantity.getSystem() + "|" + (unit == null ? "" : unit);
		}
		return unit == null || unit.isBlank() ? NO_UNIT : unit;
	}

	/** Whether the quantity's unit is UCUM, by the rules above. */
	static boolean inUcum(Quantity quantity) {
		if (quantity.hasSystem() && !UCUM.equals(quantity.getSystem())) {
			return false;
		}
		return UcumUnits.valid(quantity.hasCode() ? quantity.getCode() : quantity.getUnit());
	}

	/** Whether the quantity's unit is coded in UCUM: the UCUM system and a non-blank code (what a range table keys on). */
	static boolean hasUcumUnit(Quantity quantity) {
		return UCUM.equals(quantity.getSystem()) && quantity.getCode() != null && !quantity.getCode().isBlank();
	}
}
