package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.FhirContext;
import java.util.function.Function;

/**
 * The one list of the module's built-in checks: for each its id, its bit in the stored arrival rows, its Kahn category,
 * its class and level, what counts as a violation and the standard's text it rests on, and how it is built. {@link QualityChecks#defaults(FhirContext)} and the store's bit layout both derive from it, so
 * a check added here is measured and stored without a second list to keep in step.
 *
 * <p>Declared in the order reports list the checks (by Kahn category, as the Data Quality Dashboard does). The bit is
 * separate from that order because stored rows depend on it: a new check takes the next free bit, and no bit is ever
 * reordered or reused.
 *
 * <p>docs/quality-checks.md is generated from this list ({@code QualityChecksDocTest}).
 */
public enum BuiltInCheck {

	VALIDATION_ERRORS(ValidationErrorCheck.ID, 0, KahnCategory.CONFORMANCE_VALUE, CheckClass.FATAL, CheckLevel.RESOURCE,
			"Profile validation reports an issue at the reject severity (aitrust.validation.reject-severity) against the"
			+ " base specification or a profile the resource claims or its rule requires. Not applicable when validation"
			+ " is off for the resource.",
			"https://hl7.org/fhir/R4/validation.html (Validating Resources) and"
			+ " https://hl7.org/fhir/R4/resource.html#profile-tags (Profile Tags: meta.profile is a claim to conform)",
			fhirContext -> new ValidationErrorCheck()),
	TERMINOLOGY_NOT_CHECKABLE(TerminologyNotCheckableCheck.ID, 1, KahnCategory.CONFORMANCE_VALUE,
			CheckClass.SERVER_CAPABILITY, CheckLevel.CONCEPT,
			"Not a violation of the data: validation met a code whose code system or value set this server does not"
			+ " have, so it could not check it. Counts what is taken on trust, which terminology to load.",
			"https://hl7.org/fhir/R4/terminologies.html (Using Codes in Resources: a code is defined by its code"
			+ " system; checking it needs that code system's content)",
			fhirContext -> new TerminologyNotCheckableCheck()),
	NON_UCUM_QUANTITY(UcumUnitCheck.ID, 2, KahnCategory.CONFORMANCE_VALUE, CheckClass.CONVENTION, CheckLevel.ELEMENT,
			"A Quantity with a value has no valid UCUM unit, wherever it sits in the resource (Observation values and"
			+ " components, doses, durations, extensions): its system is not http://unitsofmeasure.org, or its code"
			+ " (its unit when it has no code) is not a valid UCUM unit. A valid UCUM code without a system passes.",
			"https://hl7.org/fhir/R4/datatypes.html#Quantity (Quantity.system: \"The preferred system is UCUM\";"
			+ " Age, Duration, Count, Distance: \"If system is present, it SHALL be UCUM\") and"
			+ " https://hl7.org/fhir/R4/observation-vitalsigns.html (Vital Signs: UCUM units required)",
			UcumUnitCheck::new),
	UNKNOWN_CODE_SYSTEM(UnknownCodeSystemCheck.ID, 3, KahnCategory.CONFORMANCE_VALUE, CheckClass.CONVENTION,
			CheckLevel.CONCEPT,
			"A coding has no system, or names a URI that is neither a code system the server holds, nor an external"
			+ " code system FHIR R4 or HL7 terminology names (docs/quality.md), nor one the administrator lists"
			+ " (aitrust.quality.known-code-systems); codings in meta.security and meta.tag are left out.",
			"https://hl7.org/fhir/R4/datatypes-definitions.html#Coding.system (Coding.system: the URI \"should"
			+ " come from HL7's list of FHIR defined special URIs or it should reference to some definition that"
			+ " establishes the system clearly and unambiguously\") and"
			+ " https://hl7.org/fhir/R4/terminologies-systems.html (External code systems)",
			UnknownCodeSystemCheck::new),
	UNRESOLVED_REFERENCE(UnresolvedReferenceCheck.ID, 4, KahnCategory.CONFORMANCE_RELATIONAL, CheckClass.FATAL,
			CheckLevel.ELEMENT,
			"A literal relative reference (Type/id, optionally with _history) does not resolve on this server."
			+ " Contained, absolute, urn:, conditional and logical references are not judged.",
			"https://hl7.org/fhir/R4/references.html#literal (Literal References: a relative URL is resolved"
			+ " against the server's base) and DQD's isForeignKey, a fatal check",
			UnresolvedReferenceCheck::new),
	UNKNOWN_PROFILE(UnknownProfileCheck.ID, 5, KahnCategory.CONFORMANCE_COMPUTATIONAL, CheckClass.SERVER_CAPABILITY,
			CheckLevel.RESOURCE,
			"Not a violation of the data: a claimed meta.profile is not known to this server's validation chain"
			+ " (loaded packages, stored StructureDefinitions), so the claim cannot be checked here.",
			"https://hl7.org/fhir/R4/resource.html#profile-tags (Profile Tags: a claim that the receiver may or may"
			+ " not be able to verify)",
			fhirContext -> new UnknownProfileCheck()),
	NO_PROFILE_CLAIMED(NoProfileClaimedCheck.ID, 6, KahnCategory.CONFORMANCE_COMPUTATIONAL,
			CheckClass.CHARACTERIZATION, CheckLevel.RESOURCE,
			"Describes the sender: the resource claims no profile (meta.profile is empty), so only the base"
			+ " specification applies to it. Claiming a profile is optional in FHIR R4.",
			"https://hl7.org/fhir/R4/resource-definitions.html#Meta.profile (Meta.profile, 0..*: \"A list of"
			+ " profiles ... that this resource claims to conform to\")",
			fhirContext -> new NoProfileClaimedCheck()),
	INVARIANT_FAILURES(InvariantFailureCheck.ID, 13, KahnCategory.CONFORMANCE_COMPUTATIONAL, CheckClass.FATAL,
			CheckLevel.RESOURCE,
			"Profile validation reports an error-level invariant (constraint) of the base specification or of a"
			+ " claimed profile broken. Not applicable when validation is off for the resource.",
			"https://hl7.org/fhir/R4/codesystem-constraint-severity.html (ConstraintSeverity, error: \"If the"
			+ " constraint is violated, the resource is not conformant.\")",
			fhirContext -> new InvariantFailureCheck()),
	MISSING_REQUIRED_ELEMENT(RequiredElementsCheck.ID, 7, KahnCategory.COMPLETENESS, CheckClass.CONVENTION,
			CheckLevel.ELEMENT,
			"A resource of a listed type (Observation, Condition, Encounter, Patient, MedicationRequest, Procedure,"
			+ " Immunization) lacks an element of the module's table of expected elements, without a"
			+ " data-absent-reason. Several are 1..1 in FHIR R4 (Observation.status and code, Encounter.status and"
			+ " class), the rest are what US Core requires or every use needs (subject, dates).",
			"https://hl7.org/fhir/R4/observation.html#resource (Observation: status 1..1, code 1..1),"
			+ " https://hl7.org/fhir/us/core/STU6.1/general-requirements.html#missing-data (US Core Missing Data:"
			+ " data-absent-reason for required data that is missing)",
			RequiredElementsCheck::new),
	DUPLICATE_IDENTIFIER(DuplicateIdentifierCheck.ID, 8, KahnCategory.PLAUSIBILITY_UNIQUENESS, CheckClass.CONVENTION,
			CheckLevel.ELEMENT,
			"An identifier unique by definition (its type is one of the v2-0203 codes in docs/quality.md, its use is"
			+ " official, or its system is in aitrust.quality.unique-identifier-systems) is already carried by"
			+ " another resource of the same type; the resource's own earlier versions do not count, other"
			+ " identifiers are not judged.",
			"https://hl7.org/fhir/R4/datatypes.html#Identifier (Identifier: \"identifies some entity uniquely and"
			+ " unambiguously\"; Identifier.system: \"a URL that describes a set values that are unique\")",
			DuplicateIdentifierCheck::new),
	VITAL_SIGN_OUT_OF_RANGE(VitalSignRangeCheck.ID, 10, KahnCategory.PLAUSIBILITY_ATEMPORAL, CheckClass.CONVENTION,
			CheckLevel.CONCEPT,
			"A vital sign (its LOINC code and UCUM unit in the module's table) lies outside physiological limits:"
			+ " what has been recorded in a living patient, not clinical normal ranges (heart rate 20-300 /min).",
			"https://hl7.org/fhir/R4/observation-vitalsigns.html (Vital Signs: LOINC codes and UCUM units) for the"
			+ " codes and units; the limits and why each is what it is are tabled in VitalSignRanges",
			fhirContext -> new VitalSignRangeCheck()),
	UNIT_FOR_LOINC_CODE(LoincUnitCheck.ID, 14, KahnCategory.PLAUSIBILITY_ATEMPORAL, CheckClass.CONVENTION,
			CheckLevel.CONCEPT,
			"An Observation's value or component value has a LOINC code in the module's table of units (107 codes:"
			+ " laboratory tests, vital signs, body measurements, scores; docs/quality.md) and a unit the table does"
			+ " not allow for it: a heart rate in kg, a sodium without a unit, a unit in another system.",
			"https://hl7.org/fhir/R4/observation-definitions.html#Observation.value_x_ (Observation.value[x]: the"
			+ " result's units are those of its code), https://hl7.org/fhir/R4/observation-vitalsigns.html (Vital"
			+ " Signs: units per LOINC code), LOINC's EXAMPLE_UCUM_UNITS and DQD's plausibleUnitConceptIds",
			fhirContext -> new LoincUnitCheck()),
	LAB_VALUE_OUT_OF_RANGE(LaboratoryRangeCheck.ID, 15, KahnCategory.PLAUSIBILITY_ATEMPORAL, CheckClass.CONVENTION,
			CheckLevel.CONCEPT,
			"A laboratory, body-measurement or score value lies outside the physiological range the module's table"
			+ " gives for its LOINC code and unit (sodium 80-250 mmol/L, a PHQ-9 score 0-27); vital signs are judged"
			+ " by plausibility-vital-sign-out-of-range only, values with a comparator not at all.",
			"https://hl7.org/fhir/R4/observation-definitions.html#Observation.value_x_ (Observation.value[x]) and"
			+ " DQD's plausibleValueLow and plausibleValueHigh; each range and why it is what it is are in"
			+ " docs/quality.md",
			fhirContext -> new LaboratoryRangeCheck()),
	MEDICATION_SUPPLY(MedicationSupplyCheck.ID, 16, KahnCategory.PLAUSIBILITY_ATEMPORAL, CheckClass.CONVENTION,
			CheckLevel.ELEMENT,
			"A MedicationRequest's dispenseRequest allows more than 24 repeats, a quantity of 0 or less, an expected"
			+ " supply under 1 or over 366 days or a validity over 731 days, or a MedicationDispense has a days supply"
			+ " under 1 or over 366 days or a quantity of 0 or less.",
			"https://hl7.org/fhir/R4/medicationrequest-definitions.html#MedicationRequest.dispenseRequest"
			+ " (MedicationRequest.dispenseRequest), https://hl7.org/fhir/R4/medicationdispense-definitions.html#MedicationDispense.daysSupply"
			+ " (MedicationDispense.daysSupply) and DQD's plausible values for DRUG_EXPOSURE (days_supply 1-365,"
			+ " refills 0-24, quantity above 0)",
			fhirContext -> new MedicationSupplyCheck()),
	SEX_SPECIFIC_CODE(SexSpecificCodeCheck.ID, 17, KahnCategory.PLAUSIBILITY_ATEMPORAL, CheckClass.CHARACTERIZATION,
			CheckLevel.CONCEPT,
			"Describes the data: a Condition or Procedure coded with a code of the module's table of sex-specific"
			+ " codes (SNOMED CT, ICD-10-CM: pregnancy, prostate, cervix, ovary...) belongs to a patient whose gender"
			+ " is the other; other and unknown genders are not judged. Administrative gender makes some legitimate.",
			"https://hl7.org/fhir/R4/patient-definitions.html#Patient.gender (Patient.gender: administrative"
			+ " gender, which may differ from biological sex), DQD's plausibleGender (a characterization check) and"
			+ " the sex edits of CMS's Medicare Code Editor",
			fhirContext -> new SexSpecificCodeCheck()),
	PERIOD_START_AFTER_END(PeriodOrderCheck.ID, 9, KahnCategory.PLAUSIBILITY_TEMPORAL, CheckClass.FATAL,
			CheckLevel.ELEMENT,
			"A Period anywhere in the resource has a start after its end (compared at the coarser precision of"
			+ " the two). Periods missing either end are not judged.",
			"https://hl7.org/fhir/R4/datatypes.html#Period (Period, invariant per-1: \"If present, start SHALL"
			+ " have a lower value than end\")",
			PeriodOrderCheck::new),
	FUTURE_DATE(FutureDateCheck.ID, 11, KahnCategory.PLAUSIBILITY_TEMPORAL, CheckClass.CONVENTION,
			CheckLevel.ELEMENT,
			"A date of something that has happened (the event, its recording, a birth) lies after the arrival plus"
			+ " aitrust.quality.clock-skew. Planned dates are not judged.",
			"https://hl7.org/fhir/R4/event.html (Event pattern: an event is something that has occurred or is in"
			+ " progress) and Kahn's temporal plausibility",
			fhirContext -> new FutureDateCheck()),
	EVENT_OUTSIDE_LIFE(EventBeforeBirthOrAfterDeathCheck.ID, 12, KahnCategory.PLAUSIBILITY_TEMPORAL,
			CheckClass.CHARACTERIZATION, CheckLevel.RESOURCE,
			"Describes the data: a date of the resource lies before its patient's birth date, or an event begins"
			+ " after the patient's death. Prenatal and post-mortem records make some legitimate.",
			"https://hl7.org/fhir/R4/patient-definitions.html#Patient.deceased_x_ (Patient.birthDate and deceased[x])"
			+ " and DQD's plausibleAfterBirth and plausibleBeforeDeath, characterization checks",
			fhirContext -> new EventBeforeBirthOrAfterDeathCheck()),
	ONSET_AFTER_ABATEMENT(OnsetAfterAbatementCheck.ID, 18, KahnCategory.PLAUSIBILITY_TEMPORAL, CheckClass.CONVENTION,
			CheckLevel.ELEMENT,
			"A Condition's onset[x] (a Period's start) lies after its abatement[x] (a Period's end, else start), or an"
			+ " AllergyIntolerance's onset[x] after its lastOccurrence, compared at the coarser precision of the two."
			+ " Ages, ranges and strings are not judged.",
			"https://hl7.org/fhir/R4/condition-definitions.html#Condition.abatement_x_ (Condition.abatement[x]: \"The"
			+ " date or estimated date that the condition resolved or went into remission\") and DQD's"
			+ " plausibleStartBeforeEnd",
			fhirContext -> new OnsetAfterAbatementCheck()),
	EFFECTIVE_AFTER_ISSUED(EffectiveAfterIssuedCheck.ID, 19, KahnCategory.PLAUSIBILITY_TEMPORAL, CheckClass.CONVENTION,
			CheckLevel.ELEMENT,
			"An Observation's or DiagnosticReport's effective[x] (a Period's start) lies after its issued instant,"
			+ " compared at the coarser precision of the two.",
			"https://hl7.org/fhir/R4/observation-definitions.html#Observation.issued (Observation.issued: \"The date"
			+ " and time this version of the observation was made available to providers, typically after the"
			+ " results have been reviewed and verified\")",
			fhirContext -> new EffectiveAfterIssuedCheck()),
	EVENT_OUTSIDE_ENCOUNTER(EventOutsideEncounterCheck.ID, 20, KahnCategory.PLAUSIBILITY_TEMPORAL,
			CheckClass.CHARACTERIZATION, CheckLevel.ELEMENT,
			"Describes the data: an event's date (Observation and DiagnosticReport effective, Procedure performed,"
			+ " Condition recordedDate, MedicationRequest authoredOn, Immunization occurrence) lies outside the period"
			+ " of the encounter it names, widened by aitrust.quality.encounter-margin. Encounters without a period"
			+ " start are not judged, an encounter without an end judges only its start.",
			"https://hl7.org/fhir/R4/observation-definitions.html#Observation.encounter (Observation.encounter: \"some"
			+ " events may be initiated prior to or after the official completion of an encounter\") and DQD's"
			+ " withinVisitDates, a characterization check",
			fhirContext -> new EventOutsideEncounterCheck()),
	DATE_BEFORE_LOWER_BOUND(DateBeforeLowerBoundCheck.ID, 21, KahnCategory.PLAUSIBILITY_TEMPORAL, CheckClass.CONVENTION,
			CheckLevel.ELEMENT,
			"A birth, death, clinical or record date of the resource lies before aitrust.quality.earliest-plausible-date"
			+ " (1850-01-01 by default), compared at the coarser precision of the two.",
			"https://hl7.org/fhir/R4/patient-definitions.html#Patient.birthDate (Patient.birthDate) and DQD's"
			+ " plausibleValueLow on dates (OMOP_CDMv5.4_Field_Level.csv: birth_datetime '18500101', year_of_birth"
			+ " 1850, event dates '19500101')",
			fhirContext -> new DateBeforeLowerBoundCheck());

	/** The bit sets of an arrival row are signed 64-bit numbers whose sign bit stays clear. */
	public static final int MAX_BITS = 62;

	private final String id;
	private final int bit;
	private final KahnCategory category;
	private final CheckDefinition definition;
	private final Function<FhirContext, QualityCheck> factory;

	BuiltInCheck(String id, int bit, KahnCategory category, CheckClass checkClass, CheckLevel level, String violation,
			String source, Function<FhirContext, QualityCheck> factory) {
		this.id = id;
		this.bit = bit;
		this.category = category;
		this.definition = new CheckDefinition(id, category, checkClass, level, violation, source);
		this.factory = factory;
	}

	/** The stable id its outcomes are stored and reported under. */
	public String id() {
		return id;
	}

	/** Its position in an arrival row's APPLIED and FAILED bit sets. */
	public int bit() {
		return bit;
	}

	public KahnCategory category() {
		return category;
	}

	/** Fatal, convention, characterization or server capability: how its figure is judged by default. */
	public CheckClass checkClass() {
		return definition.checkClass();
	}

	public CheckLevel level() {
		return definition.level();
	}

	/** Its class, level, what counts as a violation and the text it rests on. */
	public CheckDefinition definition() {
		return definition;
	}

	/**
	 * The definition of a measure this module reports: a built-in check by its id, or any must-support measure
	 * ({@value MustSupportCompleteness#PREFIX} and an element path) by {@link MustSupportCompleteness#DEFINITION}.
	 */
	public static java.util.Optional<CheckDefinition> definitionOf(String measureId) {
		if (measureId.startsWith(MustSupportCompleteness.PREFIX)) {
			return java.util.Optional.of(MustSupportCompleteness.DEFINITION);
		}
		return byId(measureId).map(BuiltInCheck::definition);
	}

	/** Every check's definition in report order, the must-support measures last: what docs/quality-checks.md lists. */
	public static java.util.List<CheckDefinition> allDefinitions() {
		java.util.List<CheckDefinition> all = new java.util.ArrayList<>();
		for (BuiltInCheck check : values()) {
			all.add(check.definition());
		}
		all.add(MustSupportCompleteness.DEFINITION);
		return java.util.List.copyOf(all);
	}

	/** The built-in check with this id, if there is one. */
	public static java.util.Optional<BuiltInCheck> byId(String id) {
		return java.util.Arrays.stream(values()).filter(check -> check.id.equals(id)).findFirst();
	}

	/** A new instance of the check, walking resources with the model definitions of this R4 context. */
	public QualityCheck create(FhirContext fhirContext) {
		return factory.apply(fhirContext);
	}
}
