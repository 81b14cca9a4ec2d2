package org.aitrust.interceptor.quality.check;

import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails an Observation or DiagnosticReport whose clinically relevant time lies after the moment it was issued: a
 * result is made available after what it reports on happened (FHIR: issued is "typically after the results have
 * been reviewed and verified"), so an effective time after issued is a wrong clock, a swapped field, or an issued
 * date set when the order was placed.
 *
 * <p>effective[x] counts by its dateTime or instant, or its Period's start, as {@link ClinicalTimes} reads it;
 * timings say no date. The two compare at the coarser precision of the two, so an effective date of 2020-05-17 and
 * an issued instant on that day are in order. Not applicable unless both are given.
 */
public final class EffectiveAfterIssuedCheck extends BaseQualityCheck {

	public static final String ID = "plausibility-effective-after-issued";

	public EffectiveAfterIssuedCheck() {
		super(BuiltInCheck.EFFECTIVE_AFTER_ISSUED,
				"An Observation's or DiagnosticReport's effective time (its start) lies after it was issued.");
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		if (!(resource instanceof Observation || resource instanceof DiagnosticReport)) {
			return CheckOutcome.NOT_APPLICABLE;
		}
		ClinicalDate effective = null;
		ClinicalDate issued = null;
		for (ClinicalDate date : ClinicalTimes.dates(resource)) {
			if (effective == null && date.kind() == ClinicalDate.Kind.OCCURRENCE) {
				effective = date;
			} else if (date.kind() == ClinicalDate.Kind.RECORDED) {
				issued = date;
			}
		}
		if (effective == null || issued == null) {
			return CheckOutcome.NOT_APPLICABLE;
		}
		return CheckOutcome.of(true, effective.value().isAfter(issued.value()));
	}
}
