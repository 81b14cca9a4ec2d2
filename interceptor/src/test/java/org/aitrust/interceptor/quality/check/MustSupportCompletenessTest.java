package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class MustSupportCompletenessTest {

	static final String PROFILE = "http://hospital.example.org/StructureDefinition/heart-rate";

	private final InMemoryCheckContext context = new InMemoryCheckContext().withMustSupport(PROFILE,
			"Observation.category", "Observation.subject", "Observation.value[x]", "Observation.component.code");
	private final MustSupportCompleteness completeness = new MustSupportCompleteness();

	@Test
	void eachMustSupportElementIsItsOwnMeasure() {
		Observation observation = new Observation();
		observation.getMeta().addProfile(PROFILE);
		observation.setSubject(new Reference("Patient/1"));
		observation.setValue(new Quantity().setValue(70));

		Map<String, CheckOutcome> outcomes = completeness.evaluate(observation, context);

		assertThat(outcomes).containsExactly(
				Map.entry("completeness-must-support:Observation.category", CheckOutcome.FAIL),
				Map.entry("completeness-must-support:Observation.subject", CheckOutcome.PASS),
				Map.entry("completeness-must-support:Observation.value[x]", CheckOutcome.PASS),
				Map.entry("completeness-must-support:Observation.component.code", CheckOutcome.FAIL));
	}

	@Test
	void aDataAbsentReasonCountsAsExplained() {
		Observation observation = new Observation();
		observation.getMeta().addProfile(PROFILE);
		observation.addCategory(new CodeableConcept(new Coding("http://example.org", "vital", null)));
		observation.getSubject().addExtension(MustSupportCompleteness.DATA_ABSENT_REASON,
				new org.hl7.fhir.r4.model.CodeType("unknown"));
		observation.addComponent().setCode(new CodeableConcept().setText("systolic"));

		Map<String, CheckOutcome> outcomes = completeness.evaluate(observation, context);

		assertThat(outcomes.get("completeness-must-support:Observation.category")).isEqualTo(CheckOutcome.PASS);
		assertThat(outcomes.get("completeness-must-support:Observation.subject")).isEqualTo(CheckOutcome.PASS);
		assertThat(outcomes.get("completeness-must-support:Observation.component.code")).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void resourcesWithoutAKnownProfileAreNotMeasured() {
		Observation unclaimed = new Observation();
		Observation unknown = new Observation();
		unknown.getMeta().addProfile("http://nowhere.example.org/StructureDefinition/x");

		assertThat(completeness.evaluate(unclaimed, context)).isEmpty();
		assertThat(completeness.evaluate(unknown, context)).isEmpty();
	}
}
