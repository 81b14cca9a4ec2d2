package org.aitrust.interceptor.quality.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * The dates a resource states about the care it records, read from a fixed list of elements per resource type.
 * The list is explicit rather than "every dateTime in the resource" because most dates in FHIR are not clinical
 * (a Coverage's period, an Identifier's period, an extension's timestamp), and a temporal check needs to know
 * what each date marks.
 *
 * <table>
 * <caption>Dates read per resource type</caption>
 * <tr><th>Type</th><th>Occurrence / end</th><th>Recorded</th></tr>
 * <tr><td>Observation, DiagnosticReport</td><td>effective[x]</td><td>issued</td></tr>
 * <tr><td>Condition</td><td>onset[x]; end: abatement[x]</td><td>recordedDate</td></tr>
 * <tr><td>AllergyIntolerance</td><td>onset[x]</td><td>recordedDate</td></tr>
 * <tr><td>Encounter</td><td>period (planned when status is planned)</td><td></td></tr>
 * <tr><td>Procedure</td><td>performed[x]</td><td></td></tr>
 * <tr><td>MedicationRequest</td><td>authoredOn</td><td></td></tr>
 * <tr><td>Immunization</td><td>occurrence[x]</td><td></td></tr>
 * <tr><td>DocumentReference</td><td></td><td>date</td></tr>
 * <tr><td>CarePlan</td><td>period (always planned)</td><td></td></tr>
 * <tr><td>Claim, ExplanationOfBenefit</td><td>billablePeriod (planned for a pre-authorization or
 * pre-determination)</td><td>created</td></tr>
 * <tr><td>Patient</td><td>birth: birthDate; death: deceasedDateTime</td><td></td></tr>
 * </table>
 *
 * <p>Choice elements count when they hold a date, dateTime, instant or Period; ages, ranges, strings and timings
 * say no date. Other resource types have no clinical dates.
 */
public final class ClinicalTimes {

	private ClinicalTimes() {}

	/**
	 * The main clinical time of the resource, from which the lag to its arrival is measured: the first
	 * occurrence date (effective, onset, performed, authoredOn, occurrence, period start), else the first recorded
	 * date (issued, recordedDate, DocumentReference.date, created). A date without a time counts from its start
	 * in UTC. Empty for a Patient and for types without clinical dates.
	 */
	public static Optional<Instant> clinicalTime(Resource resource) {
		ClinicalDate recorded = null;
		for (ClinicalDate date : dates(resource)) {
			if (date.kind() == ClinicalDate.Kind.OCCURRENCE) {
				return Optional.of(date.value().instant());
			}
			if (recorded == null && date.kind() == ClinicalDate.Kind.RECORDED) {
				recorded = date;
			}
		}
		return recorded == null ? Optional.empty() : Optional.of(recorded.value().instant());
	}

	/** Every clinical date the resource gives, in the order of the table above. */
	static List<ClinicalDate> dates(Resource resource) {
		Dates dates = new Dates(resource.fhirType());
		switch (resource.getResourceType()) {
			case Observation -> {
				Observation observation = (Observation) resource;
				dates.choice("effective", observation.getEffective(), ClinicalDate.Kind.OCCURRENCE);
				dates.add("issued", ClinicalDate.Kind.RECORDED,
						observation.hasIssuedElement() ? observation.getIssuedElement() : null);
			}
			case DiagnosticReport -> {
				DiagnosticReport report = (DiagnosticReport) resource;
				dates.choice("effective", report.getEffective(), ClinicalDate.Kind.OCCURRENCE);
				dates.add("issued", ClinicalDate.Kind.RECORDED,
						report.hasIssuedElement() ? report.getIssuedElement() : null);
			}
			case Condition -> {
				Condition condition = (Condition) resource;
				dates.choice("onset", condition.getOnset(), ClinicalDate.Kind.OCCURRENCE);
				dates.choice("abatement", condition.getAbatement(), ClinicalDate.Kind.END);
				dates.add("recordedDate", ClinicalDate.Kind.RECORDED,
						condition.hasRecordedDateElement() ? condition.getRecordedDateElement() : null);
			}
			case AllergyIntolerance -> {
				AllergyIntolerance allergy = (AllergyIntolerance) resource;
				dates.choice("onset", allergy.getOnset(), ClinicalDate.Kind.OCCURRENCE);
				dates.add("recordedDate", ClinicalDate.Kind.RECORDED,
						allergy.hasRecordedDateElement() ? allergy.getRecordedDateElement() : null);
			}
			case Encounter -> {
				Encounter encounter = (Encounter) resource;
				dates.period("period", encounter.hasPeriod() ? encounter.getPeriod() : null,
						ClinicalDate.Kind.OCCURRENCE, encounter.getStatus() == Encounter.EncounterStatus.PLANNED);
			}
			case Procedure -> dates.choice("performed", ((Procedure) resource).getPerformed(),
					ClinicalDate.Kind.OCCURRENCE);
			case MedicationRequest -> {
				MedicationRequest request = (MedicationRequest) resource;
				dates.add("authoredOn", ClinicalDate.Kind.OCCURRENCE,
						request.hasAuthoredOnElement() ? request.getAuthoredOnElement() : null);
			}
			case Immunization -> dates.choice("occurrence", ((Immunization) resource).getOccurrence(),
					ClinicalDate.Kind.OCCURRENCE);
			case DocumentReference -> {
				DocumentReference document = (DocumentReference) resource;
				dates.add("date", ClinicalDate.Kind.RECORDED,
						document.hasDateElement() ? document.getDateElement() : null);
			}
			case CarePlan -> {
				CarePlan plan = (CarePlan) resource;
				dates.period("period", plan.hasPeriod() ? plan.getPeriod() : null, ClinicalDate.Kind.OCCURRENCE, true);
			}
			case Claim -> {
				Claim claim = (Claim) resource;
				boolean planned = claim.getUse() == Claim.Use.PREAUTHORIZATION
						|| claim.getUse() == Claim.Use.PREDETERMINATION;
				dates.period("billablePeriod", claim.hasBillablePeriod() ? claim.getBillablePeriod() : null,
						ClinicalDate.Kind.OCCURRENCE, planned);
				dates.add("created", ClinicalDate.Kind.RECORDED,
						claim.hasCreatedElement() ? claim.getCreatedElement() : null);
			}
			case ExplanationOfBenefit -> {
				ExplanationOfBenefit eob = (ExplanationOfBenefit) resource;
				boolean planned = eob.getUse() == ExplanationOfBenefit.Use.PREAUTHORIZATION
						|| eob.getUse() == ExplanationOfBenefit.Use.PREDETERMINATION;
				dates.period("billablePeriod", eob.hasBillablePeriod() ? eob.getBillablePeriod() : null,
						ClinicalDate.Kind.OCCURRENCE, planned);
				dates.add("created", ClinicalDate.Kind.RECORDED,
						eob.hasCreatedElement() ? eob.getCreatedElement() : null);
			}
			case Patient -> {
				Patient patient = (Patient) resource;
				dates.add("birthDate", ClinicalDate.Kind.BIRTH,
						patient.hasBirthDateElement() ? patient.getBirthDateElement() : null);
				dates.add("deceased", ClinicalDate.Kind.DEATH,
						patient.hasDeceasedDateTimeType() ? patient.getDeceasedDateTimeType() : null);
			}
			default -> {
				// no clinical dates
			}
		}
		return dates.list;
	}

	/** Collects the dates of one resource, reading without creating the elements HAPI's getters create. */
	private static final class Dates {

		private final String resourceType;
		private final List<ClinicalDate> list = new ArrayList<>();

		Dates(String resourceType) {
			this.resourceType = resourceType;
		}

		void add(String element, ClinicalDate.Kind kind, BaseDateTimeType value) {
			add(element, kind, value, false);
		}

		void add(String element, ClinicalDate.Kind kind, BaseDateTimeType value, boolean planned) {
			PartialDateTime.of(value).ifPresent(
					written -> list.add(new ClinicalDate(resourceType + "." + element, kind, written, planned)));
		}

		/** A choice element: a date-like value marks {@code kind}; a Period marks it with its start. */
		void choice(String element, Type value, ClinicalDate.Kind kind) {
			if (value instanceof BaseDateTimeType dateTime) {
				add(element, kind, dateTime);
			} else if (value instanceof Period period) {
				period(element, period, kind, false);
			}
		}

		/** A Period's start marks {@code startKind}; its end marks the end. */
		void period(String element, Period period, ClinicalDate.Kind startKind, boolean planned) {
			if (period == null) {
				return;
			}
			add(element + ".start", startKind, period.hasStartElement() ? period.getStartElement() : null,
					planned);
			add(element + ".end", ClinicalDate.Kind.END, period.hasEndElement() ? period.getEndElement() : null,
					planned);
		}
	}
}
