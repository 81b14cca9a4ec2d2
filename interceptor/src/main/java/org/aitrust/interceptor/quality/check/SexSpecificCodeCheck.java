package org.aitrust.interceptor.quality.check;

import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * Counts Conditions and Procedures whose code applies to one sex ({@link SexSpecificCodes}: a pregnancy, a
 * prostatectomy) recorded for a patient whose {@code Patient.gender} is the other, as OHDSI DQD's plausibleGender does.
 * Such a record usually sits under the wrong patient or carries the wrong code.
 *
 * <p>A characterization figure, not a failure: Patient.gender is the administrative gender, which for a transgender or
 * intersex patient may differ from the anatomy a code concerns, so some are legitimate. Judged: a Condition or
 * Procedure with a coding in the table whose patient resolves with gender male or female; other and unknown genders,
 * refuted or entered-in-error Conditions and Procedures entered in error or not done are not judged.
 */
public final class SexSpecificCodeCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-sex-specific-code";

	private final SexSpecificCodes codes;

	public SexSpecificCodeCheck() {
		this(SexSpecificCodes.defaults());
	}

	SexSpecificCodeCheck(SexSpecificCodes codes) {
		super(BuiltInCheck.SEX_SPECIFIC_CODE,
				"A condition or procedure that applies to one sex is recorded for a patient whose gender is the other.");
		this.codes = codes;
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		CodeableConcept code = judgedCode(resource);
		if (code == null) {
			return CheckOutcome.NOT_APPLICABLE;
		}
		CheckFindings.Collector verdict = new CheckFindings.Collector();
		Optional<AdministrativeGender> gender = Optional.empty();
		for (Coding coding : code.getCoding()) {
			Optional<SexSpecificCodes.Entry> entry = codes.find(coding.getSystem(), coding.getCode());
			if (entry.isEmpty()) {
				continue;
			}
			if (gender.isEmpty()) {
				// asked only once a coding is in the table: most records are not, and the patient costs a lookup
				gender = context.patientOf(resource).filter(Patient::hasGender).map(Patient::getGender)
						.filter(known -> known == AdministrativeGender.MALE || known == AdministrativeGender.FEMALE);
				if (gender.isEmpty()) {
					return CheckOutcome.NOT_APPLICABLE;
				}
			}
			verdict.judged(entry.get().sex() != gender.get());
		}
		return verdict.outcome();
	}

	/** The code judged, or {@code null} when the resource is not one this check judges. */
	private static CodeableConcept judgedCode(Resource resource) {
		if (resource instanceof Condition condition && condition.hasCode()
				&& !hasVerification(condition, "refuted", "entered-in-error")) {
			return condition.getCode();
		}
		if (resource instanceof Procedure procedure && procedure.hasCode()
				&& procedure.getStatus() != Procedure.ProcedureStatus.ENTEREDINERROR
				&& procedure.getStatus() != Procedure.ProcedureStatus.NOTDONE) {
			return procedure.getCode();
		}
		return null;
	}

	private static boolean hasVerification(Condition condition, String... codes) {
		if (!condition.hasVerificationStatus()) {
			// asked first: the getter would add an empty element to the resource being stored
			return false;
		}
		for (Coding coding : condition.getVerificationStatus().getCoding()) {
			for (String code : codes) {
				if (code.equals(coding.getCode())) {
					return true;
				}
			}
		}
		return false;
	}
}
