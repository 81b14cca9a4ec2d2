package org.aitrust.interceptor.store;

import org.aitrust.interceptor.quality.check.CheckLevel;
import org.aitrust.interceptor.quality.check.FindingKind;
import org.aitrust.interceptor.quality.check.InvariantFailureCheck;
import org.aitrust.interceptor.quality.check.RequiredElementsCheck;
import org.aitrust.interceptor.quality.check.UcumUnitCheck;
import org.aitrust.interceptor.quality.check.UnknownCodeSystemCheck;
import org.aitrust.interceptor.quality.check.UnresolvedReferenceCheck;
import org.aitrust.interceptor.quality.check.ValidationErrorCheck;
import org.aitrust.interceptor.quality.check.VitalSignRangeCheck;

/**
 * A count of what a measure found, item by item: which validation issues, which invariants, which target types of
 * unresolved references, which review outcomes; and, from what checks report ({@code QualityCheck#evaluateWithFindings}),
 * at which element paths, units, codes and code systems resources violated them. Items are folded to {@code other}
 * beyond a cap like every other dimension, and never carry patient data.
 *
 * <p>The first four count occurrences (a resource with two issues counts two); those fed by a check's findings count
 * resources (each item once per resource), so an item's count over the check's denominator is a rate like the check's.
 */
public enum Breakdown {

	/** Every validation issue, by {@code severity|code|message id}; reported on the validation-error check. */
	VALIDATION_ISSUE("validation-issue", ValidationErrorCheck.ID, "severity|code|message id"),
	/** Error-level invariant failures, by constraint key. */
	FAILED_INVARIANT("failed-invariant", InvariantFailureCheck.ID, "constraint key"),
	/** Literal references that did not resolve, by the resource type they name. */
	UNRESOLVED_REFERENCE("unresolved-reference", UnresolvedReferenceCheck.ID, "target resource type"),
	/** First reviews of AI-written versions, by outcome (verified, corrected, rejected). */
	REVIEW_OUTCOME("ai-review-outcome", ShareMeasures.AI_REVIEWED, "review outcome"),
	/** Quantities without a valid UCUM unit, by element path; DQD rows at the field level. */
	NON_UCUM_ELEMENT("non-ucum-quantity-element", UcumUnitCheck.ID, "element path", FindingKind.ELEMENT_PATH,
			CheckLevel.ELEMENT),
	/** Quantities without a valid UCUM unit, by the unit sent ({@code system|code}, else the code or text). */
	NON_UCUM_UNIT("non-ucum-quantity-unit", UcumUnitCheck.ID, "unit", FindingKind.UNIT, null),
	/** Vital signs outside their range, by LOINC code ({@code http://loinc.org|code}); DQD rows at the concept level. */
	VITAL_SIGN_CODE("vital-sign-out-of-range-code", VitalSignRangeCheck.ID, "LOINC code", FindingKind.CODE,
			CheckLevel.CONCEPT),
	/** Codings in a code system nobody defined, by the system's URI; DQD rows at the concept level. */
	UNKNOWN_CODE_SYSTEM("unknown-code-system", UnknownCodeSystemCheck.ID, "code system", FindingKind.CODE_SYSTEM,
			CheckLevel.CONCEPT),
	/** Expected elements missing, by element path; DQD rows at the field level. */
	MISSING_REQUIRED_ELEMENT("missing-required-element", RequiredElementsCheck.ID, "element path",
			FindingKind.ELEMENT_PATH, CheckLevel.ELEMENT);

	private final String id;
	private final String measure;
	private final String itemName;
	private final FindingKind findingKind;
	private final CheckLevel rowLevel;

	Breakdown(String id, String measure, String itemName) {
		this(id, measure, itemName, null, null);
	}

	Breakdown(String id, String measure, String itemName, FindingKind findingKind, CheckLevel rowLevel) {
		this.id = id;
		this.measure = measure;
		this.itemName = itemName;
		this.findingKind = findingKind;
		this.rowLevel = rowLevel;
	}

	/**
	 * The kind of the check's findings this breakdown counts, each item once per resource; {@code null} for a
	 * breakdown of occurrences.
	 */
	public FindingKind findingKind() {
		return findingKind;
	}

	/** Whether an item counts resources (once each) rather than occurrences. */
	public boolean countsResources() {
		return findingKind != null;
	}

	/**
	 * The level of the DQD rows its items make ({@link CheckLevel#ELEMENT}: a field, {@link CheckLevel#CONCEPT}: a
	 * concept), or {@code null} when it makes none (a second breakdown of the same violations, or occurrences).
	 */
	public CheckLevel rowLevel() {
		return rowLevel;
	}

	/** The breakdown with this id, or {@code null}. */
	public static Breakdown byId(String id) {
		for (Breakdown breakdown : values()) {
			if (breakdown.id.equals(id)) {
				return breakdown;
			}
		}
		return null;
	}

	/** Stable name under which the counts are stored. */
	public String id() {
		return id;
	}

	/** The measure (check or share) whose report group carries this breakdown as a stratifier. */
	public String measure() {
		return measure;
	}

	/** What an item is, as the stratifier's text says it. */
	public String itemName() {
		return itemName;
	}
}
