package org.aitrust.provenance;

import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The kinds of AI a Device may declare in the IG's AIKind extension: the codes of AIdeviceTypeVS (every code of
 * AIdeviceTypeCS but {@code Artificial-Intelligence}, which is the Device type itself) that the code system does not
 * mark {@code notSelectable} (the grouping codes such as {@code AI-By-Model}).
 */
public final class AiKind {

	/** The selectable codes, as AIdeviceTypeCS defines them (case-sensitive). */
	public static final Set<String> CODES = Set.of(
			"Rule-Based-Systems", "Machine-Learning-Models", "Deep-Learning-Models", "Large-Language-Models",
			"Vision-Foundation-Models", "Vision-Language-Models", "Hybrid-Models",
			"Deterministic-AI", "Non-Deterministic-AI",
			"Intelligent-Diagnosis-and-Treatment", "Medical-Image-Analysis", "Personalized-Treatment",
			"Clinical-Monitoring-and-Early-Warning", "Clinical-Documentation-and-Workflow",
			"Drug-Discovery-and-Development", "Medical-Quality-Control", "Patient-Services",
			"Population-Health-and-Operations",
			"AI-for-Medical-Imaging-Data", "AI-for-Physiological-Signal-Data", "AI-for-Medical-Text-Data",
			"AI-for-Structured-Clinical-Data", "AI-for-Genomic-and-Omics-Data", "AI-for-Audio-Data",
			"AI-for-Video-Data", "AI-for-Multimodal-Data");

	private AiKind() {}

	/** Whether a Device may declare this code as its kind of AI. */
	public static boolean isSelectable(String code) {
		return code != null && CODES.contains(code);
	}

	/** The AIKind extension's value for a selectable code. */
	public static CodeableConcept valueOf(String code) {
		if (!isSelectable(code)) {
			throw new IllegalArgumentException("'" + code + "' is not a selectable code of AIdeviceTypeVS");
		}
		return new CodeableConcept(new Coding().setSystem(AiTransparency.SYSTEM_AI_DEVICE_TYPE).setCode(code));
	}
}
