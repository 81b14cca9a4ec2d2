package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.FhirContext;
import java.util.Optional;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource with a Period that ends before it starts, anywhere in it: an encounter, an effective period, an
 * identifier's validity, an extension, a contained resource. FHIR states the rule as invariant per-1, but a server
 * that does not validate stores such periods, and every duration computed from them is negative.
 *
 * <p>Start and end compare at the coarser precision of the two, so {@code 2020-05-17} to
 * {@code 2020-05-17T08:00:00Z} is in order. Periods missing either end are not judged.
 */
public final class PeriodOrderCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-period-start-after-end";

	private final FhirContext fhirContext;

	public PeriodOrderCheck(FhirContext fhirContext) {
		super(BuiltInCheck.PERIOD_START_AFTER_END,
				"A Period in the resource starts after it ends.");
		this.fhirContext = fhirContext;
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		boolean applicable = false;
		boolean violated = false;
		for (Period period : PopulatedElements.of(resource, fhirContext).periods()) {
			Optional<PartialDateTime> start =
					PartialDateTime.of(period.hasStartElement() ? period.getStartElement() : null);
			Optional<PartialDateTime> end = PartialDateTime.of(period.hasEndElement() ? period.getEndElement() : null);
			if (start.isPresent() && end.isPresent()) {
				applicable = true;
				violated |= start.get().isAfter(end.get());
			}
		}
		return CheckOutcome.of(applicable, violated);
	}
}
