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
 * all Quantities), extensions and contained resources. The quantity needs {@code system} {@value #UCUM} and a
 * {@code code}; the code itself is not checked against UCUM's grammar here.
 */
public final class UcumUnitCheck extends BaseQualityCheck {

	public static final String ID = "conformance-non-ucum-quantity";

	static final String UCUM = "http://unitsofmeasure.org";

	private final FhirContext fhirContext;

	public UcumUnitCheck(FhirContext fhirContext) {
		super(BuiltInCheck.NON_UCUM_QUANTITY,
				"A quantity with a value in the resource has no UCUM unit code (system " + UCUM + " and a code).");
		this.fhirContext = fhirContext;
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		boolean applicable = false;
		boolean violated = false;
		for (Quantity quantity : PopulatedElements.of(resource, fhirContext).quantities()) {
			if (quantity.getValue() != null) {
				applicable = true;
				violated |= !hasUcumUnit(quantity);
			}
		}
		return CheckOutcome.of(applicable, violated);
	}

	/** Whether the quantity's unit is coded in UCUM: the UCUM system and a non-blank code. */
	static boolean hasUcumUnit(Quantity quantity) {
		return UCUM.equals(quantity.getSystem()) && quantity.getCode() != null && !quantity.getCode().isBlank();
	}
}
