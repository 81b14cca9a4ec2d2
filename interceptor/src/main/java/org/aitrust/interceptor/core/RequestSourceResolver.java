package org.aitrust.interceptor.core;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Who sent a request, as every capability attributes it: provenance (which client wrote), validation rules by source,
 * quality sources and oversight. One resolution for all of them, so they never disagree about a write's source. A
 * site decision a host may replace (its own identity model); the default is {@link PrincipalOrAgentHeaderResolver}.
 */
public interface RequestSourceResolver {

	/** The source of this request; {@link RequestSource#UNKNOWN} for internal calls without a request. */
	RequestSource resolve(RequestDetails request);
}
