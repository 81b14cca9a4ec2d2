package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.FhirContext;
import java.util.function.Function;

/**
 * The one list of the module's built-in checks: for each its id, its bit in the stored arrival rows, its Kahn category
 * and how it is built. {@link QualityChecks#defaults(FhirContext)} and the store's bit layout both derive from it, so
 * a check added here is measured and stored without a second list to keep in step.
 *
 * <p>Declared in the order reports list the checks (by Kahn category, as the Data Quality Dashboard does). The bit is
 * separate from that order because stored rows depend on it: a new check takes the next free bit, and no bit is ever
 * reordered or reused.
 */
public enum BuiltInCheck {

	VALIDATION_ERRORS(ValidationErrorCheck.ID, 0, KahnCategory.CONFORMANCE_VALUE,
			fhirContext -> new ValidationErrorCheck()),
	TERMINOLOGY_NOT_CHECKABLE(TerminologyNotCheckableCheck.ID, 1, KahnCategory.CONFORMANCE_VALUE,
			fhirContext -> new TerminologyNotCheckableCheck()),
	NON_UCUM_QUANTITY(UcumUnitCheck.ID, 2, KahnCategory.CONFORMANCE_VALUE, UcumUnitCheck::new),
	UNKNOWN_CODE_SYSTEM(UnknownCodeSystemCheck.ID, 3, KahnCategory.CONFORMANCE_VALUE, UnknownCodeSystemCheck::new),
	UNRESOLVED_REFERENCE(UnresolvedReferenceCheck.ID, 4, KahnCategory.CONFORMANCE_RELATIONAL,
			UnresolvedReferenceCheck::new),
	UNKNOWN_PROFILE(UnknownProfileCheck.ID, 5, KahnCategory.CONFORMANCE_COMPUTATIONAL,
			fhirContext -> new UnknownProfileCheck()),
	NO_PROFILE_CLAIMED(NoProfileClaimedCheck.ID, 6, KahnCategory.CONFORMANCE_COMPUTATIONAL,
			fhirContext -> new NoProfileClaimedCheck()),
	INVARIANT_FAILURES(InvariantFailureCheck.ID, 13, KahnCategory.CONFORMANCE_COMPUTATIONAL,
			fhirContext -> new InvariantFailureCheck()),
	MISSING_REQUIRED_ELEMENT(RequiredElementsCheck.ID, 7, KahnCategory.COMPLETENESS, RequiredElementsCheck::new),
	DUPLICATE_IDENTIFIER(DuplicateIdentifierCheck.ID, 8, KahnCategory.PLAUSIBILITY_UNIQUENESS,
			DuplicateIdentifierCheck::new),
	PERIOD_START_AFTER_END(PeriodOrderCheck.ID, 9, KahnCategory.PLAUSIBILITY_ATEMPORAL, PeriodOrderCheck::new),
	VITAL_SIGN_OUT_OF_RANGE(VitalSignRangeCheck.ID, 10, KahnCategory.PLAUSIBILITY_ATEMPORAL,
			fhirContext -> new VitalSignRangeCheck()),
	FUTURE_DATE(FutureDateCheck.ID, 11, KahnCategory.PLAUSIBILITY_TEMPORAL, fhirContext -> new FutureDateCheck()),
	EVENT_OUTSIDE_LIFE(EventBeforeBirthOrAfterDeathCheck.ID, 12, KahnCategory.PLAUSIBILITY_TEMPORAL,
			fhirContext -> new EventBeforeBirthOrAfterDeathCheck());

	/** The bit sets of an arrival row are signed 64-bit numbers whose sign bit stays clear. */
	public static final int MAX_BITS = 62;

	private final String id;
	private final int bit;
	private final KahnCategory category;
	private final Function<FhirContext, QualityCheck> factory;

	BuiltInCheck(String id, int bit, KahnCategory category, Function<FhirContext, QualityCheck> factory) {
		this.id = id;
		this.bit = bit;
		this.category = category;
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

	/** A new instance of the check, walking resources with the model definitions of this R4 context. */
	public QualityCheck create(FhirContext fhirContext) {
		return factory.apply(fhirContext);
	}
}
