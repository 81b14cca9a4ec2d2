package org.aitrust.interceptor.quality.check;

import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource with a birth or clinical date before the earliest plausible date
 * ({@code aitrust.quality.earliest-plausible-date}, 1 January 1850 by default): nobody born then is alive, and
 * such dates are typing errors ({@code 0202} for {@code 2020}), placeholders ({@code 1800-01-01}, {@code 0001-01-01})
 * or a system's "unknown date". DQD checks the same bound as plausibleValueLow on date fields: 1850-01-01 for birth
 * dates, 1950-01-01 for clinical events. One bound serves both here, at DQD's earlier one: a FHIR record may carry
 * an elderly patient's history from before 1950.
 *
 * <p>Every date {@link ClinicalTimes} reads counts, planned or not, birth and death included. A date compares with
 * the bound at the coarser precision of the two, so a birth year of 1850 is not before 1850-01-01. Not applicable
 * to a resource without such dates.
 */
public final class DateBeforeLowerBoundCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-date-before-lower-bound";

	public DateBeforeLowerBoundCheck() {
		super(BuiltInCheck.DATE_BEFORE_LOWER_BOUND,
				"A birth or clinical date of the resource lies before the earliest plausible date.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		PartialDateTime bound = PartialDateTime.parse(context.earliestPlausibleDate().toString()).orElseThrow();
		boolean applicable = false;
		boolean violated = false;
		for (ClinicalDate date : ClinicalTimes.dates(resource)) {
			applicable = true;
			violated |= date.value().isBefore(bound);
		}
		return CheckOutcome.of(applicable, violated);
	}
}
