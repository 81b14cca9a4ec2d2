package org.aitrust.interceptor.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;

class AiLabelCodeSystemSupportTest {

	private static final String OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
	private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	private final FhirContext fhir = FhirContext.forR4Cached();
	private final AiLabelCodeSystemSupport support = new AiLabelCodeSystemSupport(fhir);

	@Test
	void observationValueGainsAiastAndKeepsEveryBundledCode() {
		CodeSystem bundled = (CodeSystem) fhir.getValidationSupport().fetchCodeSystem(OBSERVATION_VALUE);
		CodeSystem served = (CodeSystem) support.fetchCodeSystem(OBSERVATION_VALUE);

		assertThat(bundled.getConcept()).noneMatch(c -> c.getCode().equals("AIAST"));
		assertThat(codes(served)).contains("AIAST").containsAll(codes(bundled));
		assertThat(served.getContent()).isEqualTo(bundled.getContent());
	}

	@Test
	void actCodeGainsProcessInlineLabel() {
		CodeSystem served = (CodeSystem) support.fetchCodeSystem(ACT_CODE);

		assertThat(codes(served)).contains("PROCESSINLINELABEL");
		assertThat(served.getUrl()).isEqualTo(ACT_CODE);
	}

	@Test
	void otherCodeSystemsAreLeftToTheRestOfTheChain() {
		assertThat(support.fetchCodeSystem("http://loinc.org")).isNull();
		assertThat(support.isCodeSystemSupported(null, "http://loinc.org")).isFalse();
		assertThat(support.isCodeSystemSupported(null, OBSERVATION_VALUE)).isTrue();
	}

	private static java.util.List<String> codes(CodeSystem codeSystem) {
		java.util.List<String> codes = new java.util.ArrayList<>();
		java.util.ArrayDeque<CodeSystem.ConceptDefinitionComponent> todo = new java.util.ArrayDeque<>(codeSystem.getConcept());
		while (!todo.isEmpty()) {
			CodeSystem.ConceptDefinitionComponent concept = todo.pop();
			codes.add(concept.getCode());
			todo.addAll(concept.getConcept());
		}
		return codes;
	}
}
