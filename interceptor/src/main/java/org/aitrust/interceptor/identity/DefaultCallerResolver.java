package org.aitrust.interceptor.identity;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * The default {@link CallerResolver}: the request's credentials make the caller ({@link AuthenticatedCallers}), unless
 * they are a gateway's that names the client it forwards for; without credentials, the client a trusted proxy names
 * in the agent header ({@link AgentHeader}); else nobody. A
 * header that may not be believed is never believed here, and {@link AgentHeaderGuard} refuses the request before
 * anything reads it. The answer is kept on the request, so every capability sees the same caller.
 */
public class DefaultCallerResolver implements CallerResolver {

	private static final String USER_DATA_KEY = DefaultCallerResolver.class.getName();

	private final AuthenticatedCallers credentials;
	private final AgentHeader agentHeader;

	public DefaultCallerResolver(AuthenticatedCallers credentials, AgentHeader agentHeader) {
		this.credentials = credentials;
		this.agentHeader = agentHeader;
	}

	@Override
	public Caller resolve(RequestDetails request) {
		if (request == null) {
			return Caller.UNKNOWN;
		}
		if (request.getUserData().get(USER_DATA_KEY) instanceof Caller cached) {
			return cached;
		}
		Caller caller = resolveUncached(request);
		request.getUserData().put(USER_DATA_KEY, caller);
		return caller;
	}

	private Caller resolveUncached(RequestDetails request) {
		Caller authenticated = credentials.callerOf(request);
		if (authenticated.isKnown()) {
			String named = agentHeader.valueIn(request);
			if (named != null && !named.equals(authenticated.clientId())
					&& agentHeader.judge(request, authenticated) == AgentHeader.Verdict.BELIEVED) {
				return authenticated.forwardingFor(named);
			}
			return authenticated;
		}
		if (agentHeader.judge(request, authenticated) == AgentHeader.Verdict.BELIEVED) {
			return Caller.namedByProxy(agentHeader.valueIn(request));
		}
		return Caller.UNKNOWN;
	}
}
