package org.aitrust.interceptor.quality;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The label caps of the three dimensions a client's write names (source, AI model, profile), shared by the measuring
 * and by {@code $aitrust-reset-labels}.
 */
public record QualityLabels(LabelCap sources, LabelCap models, LabelCap profiles) {

	/** The caps by the dimension names the reset answers with. */
	public Map<String, LabelCap> byDimension() {
		Map<String, LabelCap> caps = new LinkedHashMap<>();
		caps.put("source", sources);
		caps.put("ai-model", models);
		caps.put("profile", profiles);
		return caps;
	}
}
