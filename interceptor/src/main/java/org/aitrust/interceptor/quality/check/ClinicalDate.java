package org.aitrust.interceptor.quality.check;

/**
 * One date a resource states about the care it records, with what the date marks, so that each temporal check
 * can pick the dates its rule is about: a lab result issued after the patient's death is normal, a blood pressure
 * taken after it is not.
 *
 * @param element where the date was found, such as {@code Encounter.period.start}
 * @param kind what the date marks
 * @param value the date as written
 * @param planned whether the date is when something is meant to happen (a care plan's period, a planned
 *     encounter, the billable period of a pre-authorisation), which may lie in the future
 */
record ClinicalDate(String element, Kind kind, PartialDateTime value, boolean planned) {

	enum Kind {
		/** When the event happened or began: effective, onset, performed, occurrence, authored, period start. */
		OCCURRENCE,
		/** When the event, or the condition, ended: period end, abatement. */
		END,
		/** When it was written down, issued or billed: issued, recordedDate, DocumentReference.date, created. */
		RECORDED,
		/** Patient.birthDate. */
		BIRTH,
		/** Patient.deceasedDateTime. */
		DEATH
	}
}
