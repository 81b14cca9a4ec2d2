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
 * all Quantities), extensions and contained resources. Its unit is UCUM when (R4 Quantity: {@code system} names the
 * system of the coded form {@code code}, {@code unit} is the human-readable form):
 * <ul>
 * <li>{@code system} is {@value #UCUM} and {@code code} is a valid UCUM expression;</li>
 * <li>{@code system} is absent and {@code code} is a valid UCUM expression (R4's qty-3 requires the system with a
 * code; a missing one is counted by the invariant check, not here, since the unit itself is machine-readable);</li>
 * <li>{@code system} and {@code code} are absent and {@code unit} is a valid UCUM expression, such as
 * {@code mg/dL}: the sender wrote UCUM without coding it.</li>
 * </ul>
 * A quantity in another system, a UCUM system without a valid code, or a unit text that UCUM does not define
 * ({@code beats/min}, {@code mmHg}) fails.
 */
public final class UcumUnitCheck extends BaseQualityCheck {

	public static final String ID = "conformance-non-ucum-quantity";

	static final String UCUM = "http://unitsofmeasure.org";

	private final FhirContext fhirContext;

	public UcumUnitCheck(FhirContext fhirContext) {
		super(BuiltInCheck.NON_UCUM_QUANTITY,
				"A quantity with a value in the resource has no valid UCUM unit (code in system " + UCUM
						+ ", or without a system a code or unit text that is a UCUM expression).");
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
		if (quantity.hasSystem()) {
			return UCUM.equals(quantity.getSystem()) && UcumUnits.valid(quantity.getCode());
		}
		return quantity.hasCode() ? UcumUnits.valid(quantity.getCode()) : UcumUnits.valid(quantity.getUnit());
	}

	/** Whether the quantity's unit is coded in UCUM: the UCUM system and a non-blank code (what a range table keys on). */
	static boolean hasUcumUnit(Quantity quantity) {
		return UCUM.equals(quantity.getSystem()) && quantity.getCode() != null && !quantity.getCode().isBlank();
	}
}
