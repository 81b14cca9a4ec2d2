package org.aitrust.interceptor.core;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Who sent a request, as every capability attributes it: provenance (which client wrote), validation rules by source,
 * quality sources and oversight. One resolution for all of them, so they never disagree about a write's source. A
 * site decision a host may replace; the default ({@code identity.CallerRequestSourceResolver}) takes the client of the
 * request's {@code identity.Caller}: its credentials, else the agent header of a trusted proxy.
 */
public interface RequestSourceResolver {

	/** The source of this request; {@link RequestSource#UNKNOWN} for internal calls without a request. */
	RequestSource resolve(RequestDetails request);
}
