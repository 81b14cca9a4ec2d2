package org.aitrust.interceptor.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
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
	void metaDeleteOfAiastIsRefusedAsAnUpdateDroppingItIsWithoutReadingTheResource() {
		MetaOperationBody body = delete(security(AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, "AIAST"));

		assertThatThrownBy(() -> new AiLabelMetaRule(false).checkDelete(TARGET, body, () -> {
					throw new AssertionError("the resource is not read when removal is not allowed");
				}))
				.isInstanceOf(UnprocessableEntityException.class)
				.hasMessageContaining("$meta-delete may not remove the AI label")
				.hasMessageContaining("Observation/7: a client that is not an AI agent may not remove the label.");
		assertThat(AiLabelMetaRule.labelRemovalRefused(TARGET).getMessage())
				.as("the update's answer says the same")
				.contains("Observation/7 is labelled AI-asserted (AIAST); a client that is not an AI agent may not remove the label.");
	}

	@Test
	void withLabelRemovalAllowedANonAgentMayRemoveItButAnAiWriteStaysLabelled() {
		MetaOperationBody body = delete(security(AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, "AIAST"));
		AiLabelMetaRule rule = new AiLabelMetaRule(true);

		assertThatCode(() -> rule.checkDelete(TARGET, body, () -> false)).doesNotThrowAnyException();
		assertThatThrownBy(() -> rule.checkDelete(TARGET, body, () -> true))
				.isInstanceOf(UnprocessableEntityException.class)
				.hasMessageContaining("still AI-written");
	}

	@Test
	void metaDeleteOfOtherLabelsAndMetaAddAreNoRemoval() {
		AiLabelMetaRule rule = new AiLabelMetaRule(false);
		assertThatCode(() -> rule.checkDelete(TARGET,
						delete(security("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R")), () -> true))
				.doesNotThrowAnyException();
		assertThatCode(() -> rule.checkDelete(TARGET,
						add(new Meta().addSecurity(new Coding("http://example.org", "x", null))), () -> true))
				.doesNotThrowAnyException();
	}
}
