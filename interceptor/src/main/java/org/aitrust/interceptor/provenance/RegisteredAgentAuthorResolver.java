package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.provenance.AiLabels;
import org.aitrust.provenance.AiModel;
import org.aitrust.provenance.ClientProvenance;
import org.aitrust.provenance.ClientReference;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The default {@link AiAuthorResolver}: a Device named in the client's {@code X-Provenance} header, else the model of
 * the registered agent the request comes from, else the "unidentified AI system" when only the resource's AIAST
 * label says it is AI-written. The submitter is the calling client when it is not itself an agent.
 */
public class RegisteredAgentAuthorResolver implements AiAuthorResolver {

	private final RequestSourceResolver sources;
	private final AiAgentRegistry agents;

	public RegisteredAgentAuthorResolver(RequestSourceResolver sources, AiAgentRegistry agents) {
		this.sources = sources;
		this.agents = agents;
	}

	@Override
	public AiAuthor authorOf(Resource resource, RequestDetails request, ClientProvenance clientProvenance) {
		if (clientProvenance != null) {
			return AiAuthor.fromHeader(clientProvenance);
		}
		return agents.modelOf(sources.resolve(request)).map(AiAuthor::ofModel)
				.orElseGet(() -> AiLabels.isAiAsserted(resource) ? AiAuthor.ofModel(AiModel.unidentified()) : null);
	}

	@Override
	public Reference submitterOf(RequestDetails request) {
		RequestSource source = sources.resolve(request);
		if (!source.isKnown() || agents.isAgent(source)) {
			return null;
		}
		return ClientReference.to(source.clientId());
	}
}
