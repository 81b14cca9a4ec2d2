package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AiLabelsTest {

	private static final Coding CONFIDENTIALITY_RESTRICTED =
			new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R", "restricted");

	private static Coding aiast() {
		return new Coding(IgExamples.OBSERVATION_VALUE, "AIAST", "Artificial Intelligence asserted");
	}

	private static Coding processInline() {
		return new Coding(IgExamples.ACT_CODE, "PROCESSINLINELABEL", null);
	}

	private static long aiastCount(Resource resource) {
		return resource.getMeta().getSecurity().stream()
				.filter(c -> IgExamples.OBSERVATION_VALUE.equals(c.getSystem()) && "AIAST".equals(c.getCode()))
				.count();
	}

	@Nested
	class MetaOperations {

		@Test
		void aMetaNamingAiastNamesTheResourceLabelAndAnAiLabel() {
			org.hl7.fhir.r4.model.Meta meta = new org.hl7.fhir.r4.model.Meta().addSecurity(aiast());
			assertThat(AiLabels.namesResourceLabel(meta)).isTrue();
			assertThat(AiLabels.namesAiLabel(meta)).isTrue();
		}

		@Test
		void processInlineLabelIsAnAiLabelButNotTheResourceLabel() {
			org.hl7.fhir.r4.model.Meta meta = new org.hl7.fhir.r4.model.Meta().addSecurity(processInline());
			assertThat(AiLabels.namesResourceLabel(meta)).isFalse();
			assertThat(AiLabels.namesAiLabel(meta)).isTrue();
		}

		@Test
		void aiastAsATagOrUnderAnotherSystemIsNoLabel() {
			org.hl7.fhir.r4.model.Meta meta = new org.hl7.fhir.r4.model.Meta()
					.addTag(aiast())
					.addSecurity(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "AIAST", null))
					.addSecurity(CONFIDENTIALITY_RESTRICTED);
			assertThat(AiLabels.namesAiLabel(meta)).isFalse();
			assertThat(AiLabels.namesAiLabel(null)).isFalse();
		}
	}

	@Nested
	class NullAndEmpty {

		@Test
		void nullResourceIsNeverLabelled() {
			assertThat(AiLabels.hasResourceLabel(null)).isFalse();
			assertThat(AiLabels.hasInlineLabels(null)).isFalse();
			assertThat(AiLabels.isAiAsserted(null)).isFalse();
			assertThat(AiLabels.addResourceLabel(null)).isFalse();
			assertThat(AiLabels.removeResourceLabel(null)).isFalse();
		}

		@Test
		void readingAResourceWithoutMetaDoesNotCreateMeta() {
			Patient patient = new Patient();

			assertThat(AiLabels.isAiAsserted(patient)).isFalse();
			assertThat(AiLabels.removeResourceLabel(patient)).isFalse();
			assertThat(patient.hasMeta()).isFalse();
		}
	}

	@Nested
	class ResourceLabel {

		@Test
		void foundInMetaSecurityAmongOtherLabels() {
			Observation observation = new Observation();
			observation.getMeta().addSecurity(CONFIDENTIALITY_RESTRICTED.copy()).addSecurity(aiast());

			assertThat(AiLabels.hasResourceLabel(observation)).isTrue();
			assertThat(AiLabels.isAiAsserted(observation)).isTrue();
		}

		@Test
		void sameCodeInAnotherSystemIsNotTheLabel() {
			Observation observation = new Observation();
			observation.getMeta().addSecurity(new Coding("http://example.org/other", "AIAST", null));

			assertThat(AiLabels.hasResourceLabel(observation)).isFalse();
		}

		@Test
		void aiastAsAMetaTagIsNotASecurityLabel() {
			Observation observation = new Observation();
			observation.getMeta().addTag(aiast());

			assertThat(AiLabels.hasResourceLabel(observation)).isFalse();
		}

		@Test
		void addPutsTheLabelWithItsDisplayAndKeepsOtherLabels() {
			Observation observation = new Observation();
			observation.getMeta().addSecurity(CONFIDENTIALITY_RESTRICTED.copy());

			assertThat(AiLabels.addResourceLabel(observation)).isTrue();

			assertThat(observation.getMeta().getSecurity()).hasSize(2);
			Coding added = observation.getMeta().getSecurity().get(1);
			assertThat(added.getSystem()).isEqualTo(IgExamples.OBSERVATION_VALUE);
			assertThat(added.getCode()).isEqualTo("AIAST");
			assertThat(added.getDisplay()).isEqualTo("Artificial Intelligence asserted");
			assertThat(observation.getMeta().getSecurity().get(0).getCode()).isEqualTo("R");
		}

		@Test
		void addToAResourceWithoutMetaCreatesIt() {
			Patient patient = new Patient();

			assertThat(AiLabels.addResourceLabel(patient)).isTrue();
			assertThat(AiLabels.hasResourceLabel(patient)).isTrue();
		}

		@Test
		void addIsIdempotent() {
			Observation observation = new Observation();

			assertThat(AiLabels.addResourceLabel(observation)).isTrue();
			assertThat(AiLabels.addResourceLabel(observation)).isFalse();
			assertThat(aiastCount(observation)).isEqualTo(1);
		}

		@Test
		void addLeavesInlineLabelsAlone() {
			DiagnosticReport report = IgExamples.f202();
			AiLabels.removeResourceLabel(report);

			assertThat(AiLabels.addResourceLabel(report)).isTrue();

			assertThat(AiLabels.hasInlineLabels(report)).isTrue();
			assertThat(report.getConclusionElement().getExtension()).hasSize(1);
		}

		@Test
		void removeTakesOutEveryCopyAndIsIdempotent() {
			Observation observation = new Observation();
			observation.getMeta().addSecurity(aiast()).addSecurity(CONFIDENTIALITY_RESTRICTED.copy())
					.addSecurity(aiast());

			assertThat(AiLabels.removeResourceLabel(observation)).isTrue();
			assertThat(AiLabels.removeResourceLabel(observation)).isFalse();

			assertThat(AiLabels.hasResourceLabel(observation)).isFalse();
			assertThat(observation.getMeta().getSecurity()).extracting(Coding::getCode).containsExactly("R");
		}

		@Test
		void removeKeepsProcessInlineLabelAndInlineLabels() {
			DiagnosticReport report = IgExamples.f202();

			assertThat(AiLabels.removeResourceLabel(report)).isTrue();

			assertThat(AiLabels.hasResourceLabel(report)).isFalse();
			assertThat(report.getMeta().getSecurity()).extracting(Coding::getCode)
					.containsExactly("PROCESSINLINELABEL");
			assertThat(AiLabels.hasInlineLabels(report)).isTrue();
			assertThat(AiLabels.isAiAsserted(report)).isTrue();
		}
	}

	@Nested
	class InlineLabels {

		@Test
		void igExampleF202HasInlineLabels() {
			DiagnosticReport report = IgExamples.f202();

			assertThat(AiLabels.hasInlineLabels(report)).isTrue();
			assertThat(AiLabels.isAiAsserted(report)).isTrue();
		}

		@Test
		void foundOnAPrimitiveAlone() {
			DiagnosticReport report = IgExamples.f202WithoutLabels();
			report.getMeta().addSecurity(processInline());
			report.getConclusionElement().addExtension(IgExamples.inlineAiast());

			assertThat(AiLabels.hasInlineLabels(report)).isTrue();
			assertThat(AiLabels.hasResourceLabel(report)).isFalse();
			assertThat(AiLabels.isAiAsserted(report)).isTrue();
		}

		@Test
		void foundOnAComplexTypeAlone() {
			DiagnosticReport report = IgExamples.f202WithoutLabels();
			report.getMeta().addSecurity(processInline());
			report.getConclusionCodeFirstRep().addExtension(IgExamples.inlineAiast());

			assertThat(AiLabels.hasInlineLabels(report)).isTrue();
		}

		@Test
		void foundDeepInsideABackboneElement() {
			Observation observation = new Observation();
			observation.getMeta().addSecurity(processInline());
			observation.addComponent().setCode(new CodeableConcept().setText("GCS Motor"));
			observation.addComponent()
					.setValue(new CodeableConcept().addCoding(new Coding("http://loinc.org", "LA6560-2", "Confused")));
			observation.getComponent().get(1).getValueCodeableConcept().getCodingFirstRep()
					.getDisplayElement().addExtension(IgExamples.inlineAiast());

			assertThat(AiLabels.hasInlineLabels(observation)).isTrue();
		}

		@Test
		void foundInsideAResourceNestedInABundle() {
			DiagnosticReport report = IgExamples.f202WithoutLabels();
			report.getConclusionElement().addExtension(IgExamples.inlineAiast());
			Bundle bundle = new Bundle();
			bundle.getMeta().addSecurity(processInline());
			bundle.addEntry().setResource(report);

			assertThat(AiLabels.hasInlineLabels(bundle)).isTrue();
		}

		@Test
		void inlineExtensionWithoutProcessInlineLabelDoesNotCount() {
			DiagnosticReport report = IgExamples.f202WithoutLabels();
			report.getConclusionElement().addExtension(IgExamples.inlineAiast());

			assertThat(AiLabels.hasInlineLabels(report)).isFalse();
			assertThat(AiLabels.isAiAsserted(report)).isFalse();
		}

		@Test
		void processInlineLabelWithoutAnyInlineExtensionDoesNotCount() {
			DiagnosticReport report = IgExamples.f202WithoutLabels();
			report.getMeta().addSecurity(processInline());

			assertThat(AiLabels.hasInlineLabels(report)).isFalse();
		}

		@Test
		void inlineLabelWithAnotherValueDoesNotCount() {
			DiagnosticReport report = IgExamples.f202WithoutLabels();
			report.getMeta().addSecurity(processInline());
			report.getConclusionElement()
					.addExtension(new Extension(IgExamples.INLINE_SEC_LABEL, CONFIDENTIALITY_RESTRICTED.copy()));

			assertThat(AiLabels.hasInlineLabels(report)).isFalse();
		}

		@Test
		void aiastCodingInAnotherExtensionDoesNotCount() {
			DiagnosticReport report = IgExamples.f202WithoutLabels();
			report.getMeta().addSecurity(processInline());
			report.getConclusionElement().addExtension(new Extension("http://example.org/other", aiast()));

			assertThat(AiLabels.hasInlineLabels(report)).isFalse();
		}
	}
}
