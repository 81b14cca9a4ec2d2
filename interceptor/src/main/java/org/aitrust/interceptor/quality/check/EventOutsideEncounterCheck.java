package org.aitrust.interceptor.quality.check;

import java.time.Duration;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails an event dated outside the period of the encounter it names, widened by the context's encounter margin: a
 * result, procedure or prescription linked to the wrong visit, or a visit whose period was cut short. DQD checks
 * the same as withinVisitDates (OMOP records within a week of their visit's dates).
 *
 * <p>The date of each type is the one that should fall in the visit:
 * <table>
 * <caption>Event date per resource type</caption>
 * <tr><th>Type</th><th>Date</th></tr>
 * <tr><td>Observation, DiagnosticReport</td><td>effective[x] (a Period's start)</td></tr>
 * <tr><td>Procedure</td><td>performed[x] (a Period's start)</td></tr>
 * <tr><td>Condition</td><td>recordedDate: its onset may precede the visit by years</td></tr>
 * <tr><td>MedicationRequest</td><td>authoredOn</td></tr>
 * <tr><td>Immunization</td><td>occurrence[x]</td></tr>
 * </table>
 *
 * <p>The encounter must resolve on the server and have a period start; an encounter without an end (still in
 * progress) judges only the start. Dates compare at the coarser precision of the two, after the encounter's bounds
 * are widened by the margin ({@link PartialDateTime#plus}), so with no margin an event on the encounter's day passes
 * whatever its time.
 */
public final class EventOutsideEncounterCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-event-outside-encounter";

	public EventOutsideEncounterCheck() {
		super(BuiltInCheck.EVENT_OUTSIDE_ENCOUNTER,
				"An event's date lies outside the period of the encounter it names, beyond the allowed margin.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		Optional<PartialDateTime> event = eventDate(resource);
		if (event.isEmpty()) {
			return CheckOutcome.NOT_APPLICABLE;
		}
		Optional<Encounter> encounter = context.encounterOf(resource);
		Period period = encounter.filter(Encounter::hasPeriod).map(Encounter::getPeriod).orElse(null);
		Optional<PartialDateTime> start = PartialDateTime.of(
				period != null && period.hasStartElement() ? period.getStartElement() : null);
		if (start.isEmpty()) {
			return CheckOutcome.NOT_APPLICABLE;
		}
		Optional<PartialDateTime> end = PartialDateTime.of(period.hasEndElement() ? period.getEndElement() : null);
		Duration margin = context.encounterMargin();
		boolean before = event.get().isBefore(start.get().plus(margin.negated()));
		boolean after = end.isPresent() && event.get().isAfter(end.get().plus(margin));
		return CheckOutcome.of(true, before || after);
	}

	/** The date of the table above, as {@link ClinicalTimes} reads it; empty for other types. */
	private static Optional<PartialDateTime> eventDate(Resource resource) {
		ClinicalDate.Kind kind = switch (resource.getResourceType()) {
			case Observation, DiagnosticReport, Procedure, MedicationRequest, Immunization -> ClinicalDate.Kind.OCCURRENCE;
			case Condition -> ClinicalDate.Kind.RECORDED;
			default -> null;
		};
		if (kind == null) {
			return Optional.empty();
		}
		return ClinicalTimes.dates(resource).stream().filter(date -> date.kind() == kind).findFirst()
				.map(ClinicalDate::value);
	}
}
