package org.aitrust.interceptor.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.interceptor.identity.CallerResolver;
import org.aitrust.interceptor.provenance.AiAgentRegistry;
import org.aitrust.provenance.AiModel;
import org.hl7.fhir.r4.model.Reference;

/**
 * The default {@link IBalpAuditContextServices}: BALP's client and user agents from the caller the module resolved
 * from the request's credentials ({@link CallerResolver}), never from a header a client could set; see
 * {@link AuditAgents} for who goes where.
 */
public class CallerAuditContextServices implements IBalpAuditContextServices {

	private final CallerResolver callers;
	private final RequestSourceResolver sources;
	private final AiAgentRegistry agents;

	/** @param agents the registered AI agents, or {@code null} when provenance is off (no client is then an AI) */
	public CallerAuditContextServices(CallerResolver callers, RequestSourceResolver sources, AiAgentRegistry agents) {
		this.callers = callers;
		this.sources = sources;
		this.agents = agents;
	}

	@Override
	public Reference getAgentClientWho(RequestDetails request) {
		AiModel model = agents == null ? null : agents.modelOf(sources.resolve(request)).orElse(null);
		return AuditAgents.client(request.getFhirServerBase(), callers.resolve(request), model);
	}

	@Override
	public Reference getAgentUserWho(RequestDetails request) {
		return AuditAgents.user(request.getFhirServerBase(), callers.resolve(request));
	}
}
