package org.aitrust.provenance;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;

/**
 * The IG's Labeling.fsh examples, rebuilt in Java with the URLs and codes spelled out literally, so
 * tests compare this module's vocabulary against the IG's text rather than against itself.
 */
final class IgExamples {

	static final String INLINE_SEC_LABEL =
			"http://hl7.org/fhir/uv/security-label-ds4p/StructureDefinition/extension-inline-sec-label";
	static final String OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
	static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
	static final String SCT = "http://snomed.info/sct";

	private IgExamples() {}

	/**
	 * Instance DiagnosticeReport-Instance-for-f202-1: PROCESSINLINELABEL and AIAST in meta.security,
	 * inline AIAST on the primitive {@code conclusion} and on the CodeableConcept {@code conclusionCode}.
	 */
	static DiagnosticReport f202() {
		DiagnosticReport report = f202WithoutLabels();
		report.getMeta().addSecurity(new Coding(ACT_CODE, "PROCESSINLINELABEL", "process inline security label"));
		report.getMeta().addSecurity(new Coding(OBSERVATION_VALUE, "AIAST", null));
		report.getConclusionElement().addExtension(inlineAiast());
		report.getConclusionCodeFirstRep().addExtension(inlineAiast());
		return report;
	}

	/** The same report content with no security labels at all. */
	static DiagnosticReport f202WithoutLabels() {
		DiagnosticReport report = new DiagnosticReport();
		report.setId("f202");
		report.addBasedOn(new Reference("http://server.example.org/fhir/ServiceRequest/req"));
		report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
		report.addCategory(new CodeableConcept()
				.addCoding(new Coding(SCT, "15220000", "Laboratory test"))
				.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", null)));
		report.setCode(new CodeableConcept(
				new Coding(SCT, "104177005", "Blood culture for bacteria, including anaerobic screen")));
		report.setSubject(new Reference("http://server.example.org/fhir/Patient/example"));
		report.setIssuedElement(new InstantType("2013-03-11T10:28:00+01:00"));
		report.addPerformer(new Reference("http://server.example.org/fhir/Organization/f201"));
		report.addResult(new Reference("http://server.example.org/fhir/Observation/f206"));
		report.setConclusion("Blood culture tested positive on staphylococcus aureus");
		report.addConclusionCode(new CodeableConcept(
				new Coding(SCT, "428763004", "Staphylococcus aureus bacteraemia")));
		return report;
	}

	static Extension inlineAiast() {
		return new Extension(INLINE_SEC_LABEL, new Coding(OBSERVATION_VALUE, "AIAST", null));
	}
}
