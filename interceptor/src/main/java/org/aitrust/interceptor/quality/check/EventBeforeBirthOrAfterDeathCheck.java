package org.aitrust.interceptor.quality.check;

import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource that dates care before its patient was born or after the patient died, the two bounds OHDSI's
 * Data Quality Dashboard checks as plausibleAfterBirth and plausibleBeforeDeath. Such dates come from records
 * filed under the wrong patient, a mistyped birth year, or a death recorded for the wrong person.
 *
 * <p>Before birth, every date counts: the event, its end and its recording. After death, only the start of an
 * event counts: a lab result is issued, a claim created, a document written, and a hospital stay ends after the
 * patient has died, but no blood pressure is taken and no drug prescribed. For a Patient the death date is compared
 * with its own birth date.
 *
 * <p>Dates compare at the coarser precision of the two, so an event on the birth day, or in the birth year when
 * only the year is known, is not before birth; the same holds on the day of death when either date has no time.
 * The check applies when the patient resolves on the server, has a birth date or a death date, and the resource
 * has a date to compare with it.
 */
public final class EventBeforeBirthOrAfterDeathCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-event-outside-life";

	public EventBeforeBirthOrAfterDeathCheck() {
		super(BuiltInCheck.EVENT_OUTSIDE_LIFE,
				"A date of the resource lies before the patient's birth date, or an event of it begins after the"
				+ " patient's death.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		Optional<Patient> patient = resource instanceof Patient self ? Optional.of(self) : context.patientOf(resource);
		if (patient.isEmpty()) {
			return CheckOutcome.NOT_APPLICABLE;
		}
		Optional<PartialDateTime> birth = PartialDateTime.of(
				patient.get().hasBirthDateElement() ? patient.get().getBirthDateElement() : null);
		Optional<PartialDateTime> death = PartialDateTime.of(
				patient.get().hasDeceasedDateTimeType() ? patient.get().getDeceasedDateTimeType() : null);
		boolean applicable = false;
		boolean violated = false;
		for (ClinicalDate date : ClinicalTimes.dates(resource)) {
			if (birth.isPresent() && date.kind() != ClinicalDate.Kind.BIRTH) {
				applicable = true;
				violated |= date.value().isBefore(birth.get());
			}
			if (death.isPresent() && date.kind() == ClinicalDate.Kind.OCCURRENCE) {
				applicable = true;
				violated |= date.value().isAfter(death.get());
			}
		}
		return CheckOutcome.of(applicable, violated);
	}
}
