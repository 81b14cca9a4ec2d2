package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class InlineLabelPathsTest {

	private static final FhirContext CTX = FhirContext.forR4Cached();
	private static final IFhirPath FHIR_PATH = CTX.newFhirPath();

	private static <T extends Element> T label(T element) {
		element.addExtension(AiTransparency.EXTENSION_INLINE_SECURITY_LABEL, AiTransparency.aiastCoding());
		return element;
	}

	private static <T extends Resource> T announced(T resource) {
		resource.getMeta().addSecurity(AiTransparency.processInlineLabelCoding());
		return resource;
	}

	/** The IG's element-level example: DiagnosticReport with labelled conclusion and conclusionCode. */
	private static DiagnosticReport igExample() {
		DiagnosticReport report = announced(new DiagnosticReport());
		report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
		label(report.getConclusionElement().setValue("Blood culture tested positive on staphylococcus aureus"));
		label(report.addConclusionCode()).addCoding().setSystem("http://snomed.info/sct").setCode("428763004");
		return report;
	}

	private static Observation observationWithLabelledComponentValue() {
		Observation observation = announced(new Observation());
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().setText("Blood pressure");
		observation.addComponent().setValue(new Quantity(120)).getCode().setText("systolic");
		Quantity diastolic = label(new Quantity(80));
		observation.addComponent().setValue(diastolic).getCode().setText("diastolic");
		label(observation.getValueQuantity().setValue(1));
		return observation;
	}

	@Test
	void namesEachLabelledElementOfTheIgExampleInDocumentOrder() {
		assertThat(AiLabels.inlineLabelledPaths(igExample()))
				.containsExactly("DiagnosticReport.conclusion", "DiagnosticReport.conclusionCode[0]");
	}

	@Test
	void choiceElementsCarryTheirTypeAndRepeatingElementsTheirIndex() {
		assertThat(AiLabels.inlineLabelledPaths(observationWithLabelledComponentValue()))
				.containsExactly("Observation.value.ofType(Quantity)", "Observation.component[1].value.ofType(Quantity)");
	}

	@Test
	void eachPathEvaluatesToExactlyTheLabelledElement() {
		for (Resource resource : List.of(igExample(), observationWithLabelledComponentValue())) {
			for (String path : AiLabels.inlineLabelledPaths(resource)) {
				List<Base> found = FHIR_PATH.evaluate(resource, path, Base.class);
				assertThat(found).as(path).hasSize(1);
				assertThat(((Element) found.get(0)).getExtensionsByUrl(AiTransparency.EXTENSION_INLINE_SECURITY_LABEL))
						.as(path).hasSize(1);
			}
		}
	}

	@Test
	void noPathsWithoutTheProcessInlineLabelAnnouncement() {
		DiagnosticReport report = igExample();
		report.getMeta().getSecurity().clear();

		assertThat(AiLabels.inlineLabelledPaths(report)).isEmpty();
	}

	@Test
	void anInlineLabelOtherThanAiastNamesNoElement() {
		Observation observation = announced(new Observation());
		observation.getCode().setTextElement(new org.hl7.fhir.r4.model.StringType("x"));
		observation.getCode().getTextElement().addExtension(AiTransparency.EXTENSION_INLINE_SECURITY_LABEL,
				new Coding(AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, "PSEUDED", null));
		label(observation.getValueQuantity().setValue(2));

		assertThat(AiLabels.inlineLabelledPaths(observation)).containsExactly("Observation.value.ofType(Quantity)");
	}

	@Test
	void aResourceWithoutLabelsHasNoPaths() {
		assertThat(AiLabels.inlineLabelledPaths(new Observation())).isEmpty();
		assertThat(AiLabels.inlineLabelledPaths(null)).isEmpty();
	}
}
