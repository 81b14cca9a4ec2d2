package org.aitrust.interceptor.quality.check;

import org.aitrust.interceptor.core.ValidationFindings;
import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class ValidationChecksTest {

	private final InMemoryCheckContext context = new InMemoryCheckContext();

	@Test
	void aResourceNotValidatedIsNotApplicable() {
		Observation observation = new Observation();
		assertThat(new ValidationErrorCheck().evaluate(observation, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(new TerminologyNotCheckableCheck().evaluate(observation, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void theFindingsOfValidationDecide() {
		Observation failed = new Observation();
		new ValidationFindings(true, false).attachTo(failed);
		Observation uncheckable = new Observation();
		new ValidationFindings(false, true).attachTo(uncheckable);
		assertThat(new ValidationErrorCheck().evaluate(failed, context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(new ValidationErrorCheck().evaluate(uncheckable, context)).isEqualTo(CheckOutcome.PASS);
		assertThat(new TerminologyNotCheckableCheck().evaluate(failed, context)).isEqualTo(CheckOutcome.PASS);
		assertThat(new TerminologyNotCheckableCheck().evaluate(uncheckable, context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(new ValidationErrorCheck().category()).isEqualTo(KahnCategory.CONFORMANCE_VALUE);
	}
}
