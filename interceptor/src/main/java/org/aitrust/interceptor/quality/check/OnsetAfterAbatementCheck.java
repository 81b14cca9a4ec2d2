package org.aitrust.interceptor.quality.check;

import java.util.Optional;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Fails a Condition that begins after it abated, and an AllergyIntolerance whose last known reaction comes before its
 * onset: a condition cannot resolve before it starts, so one of the two dates is mistyped, swapped or belongs to
 * another record. DQD checks the same order in OMOP's condition_era and condition_occurrence tables as
 * plausibleStartBeforeEnd.
 *
 * <p>Only dates count; ages, ranges and strings in onset[x] and abatement[x] say no date. An onset Period counts from
 * its start (the earliest the condition began); an abatement Period by its end, or its start when it has no end (the
 * latest it had abated by). The two compare at the coarser precision of the two, so an onset in 2020 and an abatement
 * on 2020-03-01 are in order. Not applicable unless both dates are given.
 */
public final class OnsetAfterAbatementCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-onset-after-abatement";

	public OnsetAfterAbatementCheck() {
		super(BuiltInCheck.ONSET_AFTER_ABATEMENT,
				"A Condition's onset lies after its abatement, or an AllergyIntolerance's onset after its last"
				+ " occurrence.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		Optional<PartialDateTime> onset;
		Optional<PartialDateTime> end;
		if (resource instanceof Condition condition) {
			onset = earliest(condition.hasOnset() ? condition.getOnset() : null);
			end = latest(condition.hasAbatement() ? condition.getAbatement() : null);
		} else if (resource instanceof AllergyIntolerance allergy) {
			onset = earliest(allergy.hasOnset() ? allergy.getOnset() : null);
			end = PartialDateTime.of(allergy.hasLastOccurrenceElement() ? allergy.getLastOccurrenceElement() : null);
		} else {
			return CheckOutcome.NOT_APPLICABLE;
		}
		if (onset.isEmpty() || end.isEmpty()) {
			return CheckOutcome.NOT_APPLICABLE;
		}
		return CheckOutcome.of(true, onset.get().isAfter(end.get()));
	}

	/** A date, or a Period's start. */
	private static Optional<PartialDateTime> earliest(Type value) {
		if (value instanceof Period period) {
			return PartialDateTime.of(period.hasStartElement() ? period.getStartElement() : null);
		}
		return PartialDateTime.of(value instanceof BaseDateTimeType date ? date : null);
	}

	/** A date, or a Period's end, else its start. */
	private static Optional<PartialDateTime> latest(Type value) {
		if (value instanceof Period period) {
			return PartialDateTime.of(period.hasEndElement() ? period.getEndElement() : null)
					.or(() -> PartialDateTime.of(period.hasStartElement() ? period.getStartElement() : null));
		}
		return PartialDateTime.of(value instanceof BaseDateTimeType date ? date : null);
	}
}
