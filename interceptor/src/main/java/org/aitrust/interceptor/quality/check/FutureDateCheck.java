package org.aitrust.interceptor.quality.check;

import java.time.Instant;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource that dates care, a record or a birth after the moment it arrives: such a date is a typing
 * error, a swapped day and month, or a clock set wrong. The sender's clock may run ahead of the server's by the
 * context's clock skew.
 *
 * <p>A date without a time counts as in the future only once it has not yet begun anywhere on Earth (its start in
 * UTC+14 lies ahead), so a client in Kiribati can record today's birth in the morning. Planned dates (a care plan's
 * period, a planned encounter, a pre-authorisation's billable period) may lie ahead and are not judged. Dates are
 * read as {@link ClinicalTimes} lists them.
 */
public final class FutureDateCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-future-date";

	public FutureDateCheck() {
		super(BuiltInCheck.FUTURE_DATE,
				"A clinical, record or birth date of the resource lies after its arrival plus the allowed clock skew.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		Instant latestPlausible = context.now().plus(context.clockSkew());
		boolean applicable = false;
		boolean violated = false;
		for (ClinicalDate date : ClinicalTimes.dates(resource)) {
			if (date.planned()) {
				continue;
			}
			applicable = true;
			violated |= date.value().earliestInstant().isAfter(latestPlausible);
		}
		return CheckOutcome.of(applicable, violated);
	}
}
