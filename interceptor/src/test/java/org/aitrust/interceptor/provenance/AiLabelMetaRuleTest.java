package org.aitrust.interceptor.provenance;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.aitrust.provenance.AiLabels;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class AiLabelMetaRuleTest {

	private static final IdType TARGET = new IdType("Observation/7/_history/2");

	private static Meta security(String system, String code) {
		return new Meta().addSecurity(new Coding(system, code, null));
	}

	private static MetaOperationBody add(Meta meta) {
		return new MetaOperationBody(false, List.of(meta));
	}

	private static MetaOperationBody delete(Meta meta) {
		return new MetaOperationBody(true, List.of(meta));
	}

	private static Observation labelled() {
		Observation observation = new Observation();
		observation.setId(TARGET);
		AiLabels.addResourceLabel(observation);
		return observation;
	}

	@Test
	void metaAddOfAiastIsRefusedSayingHowToLabelInstead() {
		assertThatThrownBy(() -> new AiLabelMetaRule(true).checkAdd(TARGET,
						add(security(AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, "AIAST"))))
				.isInstanceOf(UnprocessableEntityException.class)
				.hasMessageContaining("$meta-add may not add the AI label")
				.hasMessageContaining("Observation/7:")
				.hasMessageContaining("an update carrying the label, or a write from a registered AI agent");
	}

	@Test
	void metaAddOfProcessInlineLabelIsRefusedToo() {
		assertThatThrownBy(() -> new AiLabelMetaRule(false).checkAdd(TARGET,
						add(security(AiTransparency.SYSTEM_V3_ACT_CODE, "PROCESSINLINELABEL"))))
				.isInstanceOf(UnprocessableEntityException.class);
	}

	@Test
	void metaAddOfOtherLabelsAndAiastAsATagPass() {
		AiLabelMetaRule rule = new AiLabelMetaRule(false);
		assertThatCode(() -> rule.checkAdd(TARGET, add(security("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R"))))
				.doesNotThrowAnyException();
		assertThatCode(() -> rule.checkAdd(TARGET, add(new Meta().addTag(AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, "AIAST", null))))
				.doesNotThrowAnyException();
	}

	@Test
	void metaDeleteOfAiastIsRefusedAsAnUpdateDroppingItIs() {
		MetaOperationBody body = delete(security(AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, "AIAST"));
		AiLabelMetaRule rule = new AiLabelMetaRule(false);
		org.assertj.core.api.Assertions.assertThat(rule.removesResourceLabel(body)).isTrue();
		assertThatThrownBy(() -> rule.checkDelete(labelled(), false))
				.isInstanceOf(UnprocessableEntityException.class)
				.hasMessage(AiLabelMetaRule.labelRemovalRefused(TARGET).getMessage())
				.hasMessageContaining("Observation/7 is labelled AI-asserted (AIAST)");
	}

	@Test
	void withLabelRemovalAllowedANonAgentMayRemoveItButAnAiWriteStaysLabelled() {
		AiLabelMetaRule rule = new AiLabelMetaRule(true);
		assertThatCode(() -> rule.checkDelete(labelled(), false)).doesNotThrowAnyException();
		assertThatThrownBy(() -> rule.checkDelete(labelled(), true))
				.isInstanceOf(UnprocessableEntityException.class)
				.hasMessageContaining("still AI-written");
	}

	@Test
	void metaDeleteFromAnUnlabelledVersionOrOfOtherLabelsIsNoRemoval() {
		AiLabelMetaRule rule = new AiLabelMetaRule(false);
		Observation unlabelled = new Observation();
		unlabelled.setId(TARGET);
		assertThatCode(() -> rule.checkDelete(unlabelled, false)).doesNotThrowAnyException();
		org.assertj.core.api.Assertions.assertThat(rule.removesResourceLabel(
				delete(security("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R")))).isFalse();
		org.assertj.core.api.Assertions.assertThat(rule.removesResourceLabel(
				add(security(AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, "AIAST")))).isFalse();
	}
}
