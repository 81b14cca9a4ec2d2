package org.aitrust.interceptor.identity;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * Refuses, before anything else of the request runs, an agent header the module may not believe: 403 when a peer
 * that is not a trusted proxy sends it or when it contradicts the request's credentials, 400 when a trusted proxy
 * sends a value that is no client id. For every request type, reads included: a header that names someone must
 * never be silently ignored, or a client would believe it had been attributed when it had not. Requests without the
 * header pass untouched and without a lookup.
 */
@Interceptor
public class AgentHeaderGuard {

	/** Before the module's other hooks on the same pointcut, which resolve the caller. */
	public static final int ORDER = -100;

	private final AgentHeader agentHeader;
	private final CallerResolver callers;

	public AgentHeaderGuard(AgentHeader agentHeader, CallerResolver callers) {
		this.agentHeader = agentHeader;
		this.callers = callers;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
	public void refuseUnbelievableAgentHeader(RequestDetails request) {
		if (agentHeader.valueIn(request) == null) {
			return;
		}
		Caller caller = callers.resolve(request);
		Caller credentials = caller.authenticated() ? caller : Caller.UNKNOWN;
		AgentHeader.Verdict verdict = agentHeader.judge(request, credentials);
		switch (verdict) {
			case UNTRUSTED_PEER, CONFLICTS_WITH_CREDENTIALS ->
					throw new ForbiddenOperationException(agentHeader.explain(verdict, request));
			case MALFORMED -> throw new InvalidRequestException(agentHeader.explain(verdict, request));
			case ABSENT, BELIEVED -> { }
		}
	}
}
