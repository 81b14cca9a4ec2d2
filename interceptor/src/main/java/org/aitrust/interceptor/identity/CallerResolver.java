package org.aitrust.interceptor.identity;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Who is calling: the one resolution provenance, validation rules by source, quality sources, oversight and
 * authorization all read, so they never disagree about a request. A site decision a host may replace with its own
 * identity model; the default is {@link DefaultCallerResolver}.
 */
public interface CallerResolver {

	/**
	 * The caller of this request, resolved once and kept on the request; {@link Caller#UNKNOWN} for an internal call
	 * without a request. Never throws: refusing an agent header nobody may send is {@link AgentHeaderGuard}'s job.
	 */
	Caller resolve(RequestDetails request);
}
