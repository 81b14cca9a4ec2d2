package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ProfileAndCodeSystemChecksTest {

	static final String US_CORE_VITALS = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-vital-signs";
	static final String LOINC = "http://loinc.org";

	private final InMemoryCheckContext context = new InMemoryCheckContext();
	private final UnknownCodeSystemCheck codeSystems = new UnknownCodeSystemCheck(FhirContext.forR4Cached());

	@Test
	void aClaimedProfileTheServerKnowsPassesAndOneItDoesNotKnowFails() {
		Observation observation = new Observation();
		observation.getMeta().addProfile(US_CORE_VITALS);

		assertThat(new UnknownProfileCheck().evaluate(observation, context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(new UnknownProfileCheck().evaluate(observation, context.withKnownProfile(US_CORE_VITALS)))
				.isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aVersionedClaimIsJudgedLikeAnyOther() {
		Observation observation = new Observation();
		observation.getMeta().addProfile("http://example.org/StructureDefinition/local|1.0");

		assertThat(new UnknownProfileCheck().evaluate(observation, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void noClaimIsNotApplicableToTheUnknownProfileCheckButFailsTheNoClaimCheck() {
		Patient patient = new Patient();

		assertThat(new UnknownProfileCheck().evaluate(patient, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(new NoProfileClaimedCheck().evaluate(patient, context)).isEqualTo(CheckOutcome.FAIL);
		patient.getMeta().addProfile(US_CORE_VITALS);
		assertThat(new NoProfileClaimedCheck().evaluate(patient, context)).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void codingsInCodeSystemsWithoutContentFail() {
		Observation observation = new Observation();
		observation.getCode().addCoding().setSystem(LOINC).setCode("8867-4");

		assertThat(codeSystems.evaluate(observation, context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(codeSystems.evaluate(observation, context.withKnownCodeSystem(LOINC))).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aCodingWithoutSystemFailsAndSecurityLabelsAreLeftOut() {
		Observation labelledOnly = new Observation();
		labelledOnly.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "AIAST", null);
		Observation noSystem = new Observation();
		noSystem.getCode().addCoding().setCode("heart-rate");

		assertThat(codeSystems.evaluate(labelledOnly, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(codeSystems.evaluate(noSystem, context)).isEqualTo(CheckOutcome.FAIL);
	}
}
