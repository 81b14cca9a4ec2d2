package org.aitrust.interceptor.quality.check;

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

	private final FhirContext fhirContext;

	public UcumUnitCheck(FhirContext fhirContext) {
		super(BuiltInCheck.NON_UCUM_QUANTITY,
				"A quantity with a value in the resource has no valid UCUM unit (in system " + UCUM
						+ " or none, a code, else a unit text, that is a UCUM expression).");
		this.fhirContext = fhirContext;
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		boolean applicable = false;
		boolean violated = false;
		for (Quantity quantity : PopulatedElements.of(resource, fhirContext).quantities()) {
			if (quantity.getValue() != null) {
				applicable = true;
				violated |= !inUcum(quantity);
			}
		}
		return CheckOutcome.of(applicable, violated);
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
