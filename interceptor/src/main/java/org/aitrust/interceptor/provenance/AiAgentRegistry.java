package org.aitrust.interceptor.provenance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.provenance.AiModel;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.r4.model.Device;

/** The clients an administrator registered as AI agents ({@code aitrust.provenance.agents}), by client id. */
public class AiAgentRegistry {

	private final Map<String, AiModel> modelsByClientId;

	/** @param modelsByClientId the model each registered client runs, by the client id it is known by */
	public AiAgentRegistry(Map<String, AiModel> modelsByClientId) {
		this.modelsByClientId = Map.copyOf(modelsByClientId);
	}

	/** The model a request's client runs, when that client is a registered AI agent. */
	public Optional<AiModel> modelOf(RequestSource source) {
		return source.isKnown() ? Optional.ofNullable(modelsByClientId.get(source.clientId())) : Optional.empty();
	}

	public boolean isAgent(RequestSource source) {
		return modelOf(source).isPresent();
	}

	/**
	 * The one registered client that runs the model a Device stands for (matched by the model identifier the
	 * module gives its Devices); empty when none or several do.
	 */
	public Optional<String> clientRunning(Device device) {
		List<String> clients = modelsByClientId.entrySet().stream()
				.filter(entry -> device.getIdentifier().stream().anyMatch(identifier ->
						AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL.equals(identifier.getSystem())
								&& entry.getValue().identifierValue().equals(identifier.getValue())))
				.map(Map.Entry::getKey)
				.toList();
		return clients.size() == 1 ? Optional.of(clients.get(0)) : Optional.empty();
	}
}
