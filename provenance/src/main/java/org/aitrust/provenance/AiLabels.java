package org.aitrust.provenance;

import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads and writes the IG's "Artificial Intelligence asserted" security labels on any R4 resource.
 *
 * <p>The IG labels AI content in two ways (Labeling.fsh): the whole resource, with
 * {@code v3-ObservationValue#AIAST} in {@code meta.security}; or single elements, with
 * {@code v3-ActCode#PROCESSINLINELABEL} in {@code meta.security} plus the DS4P inline-sec-label
 * extension valued {@code AIAST} on each AI-written element. Both count as AI-asserted.
 *
 * <p>Every method accepts {@code null} and never creates an empty {@code meta} on a resource that had
 * none, so reading labels does not change what the server stores. Codings are matched on system and
 * code only; display and version are ignored, as FHIR terminology matching does.
 */
public final class AiLabels {

	private AiLabels() {}

	/** Whether {@code meta.security} holds {@code v3-ObservationValue#AIAST}. */
	public static boolean hasResourceLabel(Resource resource) {
		return hasSecurityLabel(
				resource, AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, AiTransparency.CODE_AIAST);
	}

	/**
	 * Whether the resource uses element-level AI labels: {@code meta.security} holds
	 * {@code PROCESSINLINELABEL} and at least one element, primitive or complex, carries the inline
	 * security label extension with {@code valueCoding} AIAST.
	 *
	 * <p>Both halves are required, because the IG's DS4P convention tells consumers to look for inline
	 * labels only when the resource announces them; an inline extension without the announcement is
	 * not a label a conforming consumer would honour.
	 */
	public static boolean hasInlineLabels(Resource resource) {
		return hasSecurityLabel(
						resource, AiTransparency.SYSTEM_V3_ACT_CODE, AiTransparency.CODE_PROCESSINLINELABEL)
				&& InlineSecurityLabelSearch.containsAiast(resource);
	}

	/**
	 * The FHIRPath of each element an inline AIAST label marks (as {@link InlineLabelPaths} forms it), when the resource
	 * uses element-level labels ({@link #hasInlineLabels}); else empty.
	 */
	public static List<String> inlineLabelledPaths(Resource resource) {
		return hasInlineLabels(resource) ? InlineLabelPaths.of(resource) : List.of();
	}

	/** Whether the resource is labelled AI-asserted at resource level or element level. */
	public static boolean isAiAsserted(Resource resource) {
		return hasResourceLabel(resource) || hasInlineLabels(resource);
	}

	/**
	 * Whether a {@code Meta} (one a client sends to {@code $meta-add} or {@code $meta-delete}) names
	 * {@code v3-ObservationValue#AIAST} in its security labels.
	 */
	public static boolean namesResourceLabel(Meta meta) {
		return namesSecurityLabel(meta, AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, AiTransparency.CODE_AIAST);
	}

	/**
	 * Whether a {@code Meta} names a label that makes a resource AI-asserted: AIAST, or {@code PROCESSINLINELABEL},
	 * which turns inline AIAST extensions already in the resource into labels a consumer honours.
	 */
	public static boolean namesAiLabel(Meta meta) {
		return namesResourceLabel(meta)
				|| namesSecurityLabel(meta, AiTransparency.SYSTEM_V3_ACT_CODE, AiTransparency.CODE_PROCESSINLINELABEL);
	}

	/**
	 * Adds {@code v3-ObservationValue#AIAST "Artificial Intelligence asserted"} to {@code meta.security}
	 * unless it is already there. Other security labels and inline labels are left as they are.
	 *
	 * @return true if the label was added, false if it was already present or {@code resource} is null
	 */
	public static boolean addResourceLabel(Resource resource) {
		if (resource == null || hasResourceLabel(resource)) {
			return false;
		}
		resource.getMeta().addSecurity(AiTransparency.aiastCoding());
		return true;
	}

	/**
	 * Removes every {@code v3-ObservationValue#AIAST} coding from {@code meta.security}. Other security
	 * labels, including PROCESSINLINELABEL, and inline labels are left as they are.
	 *
	 * @return true if at least one label was removed
	 */
	public static boolean removeResourceLabel(Resource resource) {
		if (resource == null || !resource.hasMeta()) {
			return false;
		}
		return resource.getMeta().getSecurity().removeIf(coding ->
				matches(coding, AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, AiTransparency.CODE_AIAST));
	}

	private static boolean hasSecurityLabel(Resource resource, String system, String code) {
		return resource != null && resource.hasMeta() && namesSecurityLabel(resource.getMeta(), system, code);
	}

	private static boolean namesSecurityLabel(Meta meta, String system, String code) {
		if (meta == null) {
			return false;
		}
		List<Coding> security = meta.getSecurity();
		return security.stream().anyMatch(coding -> matches(coding, system, code));
	}

	static boolean matches(Coding coding, String system, String code) {
		return coding != null && system.equals(coding.getSystem()) && code.equals(coding.getCode());
	}
}
