package org.aitrust.autoconfigure;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything an administrator sets for the FHIR AI Trust module, under {@code aitrust.*}. Each capability is
 * off unless its {@code enabled} property says otherwise, so adding the jar to a server changes nothing until
 * it is asked to. Values are checked at start-up by {@link AiTrustPropertiesValidator}; a wrong one stops the
 * server with a message that names the property.
 *
 * @param enabled master switch: {@code false} registers nothing at all
 * @param provenance AI provenance settings ({@code aitrust.provenance.*})
 * @param quality data-quality metrics settings ({@code aitrust.quality.*})
 */
@ConfigurationProperties(AiTrustProperties.PREFIX)
public record AiTrustProperties(
		@DefaultValue("true") boolean enabled, @DefaultValue Provenance provenance, @DefaultValue Quality quality) {

	public static final String PREFIX = "aitrust";

	/**
	 * @param enabled label AI writes and record their AI-Provenance
	 * @param agentHeader request header a trusted gateway sets to name the calling client, used when the
	 *     request has no authenticated principal
	 * @param agents clients registered as AI agents, each with the facts of the model it runs
	 * @param allowProvenanceChanges let clients update or delete Provenance written by the module
	 * @param allowLabelRemoval let a client that is not an AI agent store a version of an AI-labelled resource
	 *     without the AIAST label (refused with 422 by default)
	 * @param deviceCacheSize how many AI model versions' Device ids are kept in memory
	 */
	public record Provenance(
			@DefaultValue("false") boolean enabled,
			@DefaultValue("X-AI-Agent") String agentHeader,
			@DefaultValue List<Agent> agents,
			@DefaultValue("false") boolean allowProvenanceChanges,
			@DefaultValue("false") boolean allowLabelRemoval,
			@DefaultValue("1000") long deviceCacheSize) {}

	/**
	 * A client registered as an AI agent.
	 *
	 * @param id the value that identifies the client: its authenticated principal name, or the value the
	 *     gateway puts in the agent header
	 * @param modelName the AI model's name (Device.deviceName)
	 * @param modelVersion the model version (Device.version); each version is its own Device
	 * @param manufacturer the model's manufacturer (Device.manufacturer)
	 * @param modelCardUrl where the model card is published, if anywhere
	 */
	public record Agent(String id, String modelName, String modelVersion, String manufacturer, String modelCardUrl) {}

	/**
	 * @param enabled measure every resource that arrives in a write and answer {@code $data-quality}
	 * @param clockSkew how far in the future a clinical date may lie before it counts as a future date
	 * @param maxSources distinct sources kept as their own metrics label; later ones are counted as {@code other}
	 * @param maxProfiles distinct claimed profiles kept as their own label; later ones are counted as {@code other}
	 * @param defaultThreshold percent of violating resources a check tolerates before it fails
	 * @param thresholds per-check thresholds in percent, by check id
	 */
	public record Quality(
			@DefaultValue("false") boolean enabled,
			@DefaultValue("5m") java.time.Duration clockSkew,
			@DefaultValue("100") int maxSources,
			@DefaultValue("200") int maxProfiles,
			@DefaultValue("5") double defaultThreshold,
			@DefaultValue java.util.Map<String, Double> thresholds) {}
}
