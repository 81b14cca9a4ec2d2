package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.aitrust.provenance.ClientProvenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Decides who wrote a resource: which AI, if any, and which client submitted it. A site decision, passed to
 * {@link AiProvenanceInterceptor} as HAPI's BALP interceptor takes its context services; the default,
 * {@link RegisteredAgentAuthorResolver}, matches the caller against the registered agents. A host that knows its
 * callers differently (its own identity provider's claims, say) replaces the bean.
 */
public interface AiAuthorResolver {

	/**
	 * The AI author of this write, or {@code null} when it is not an AI write.
	 *
	 * @param clientProvenance the request's {@code X-Provenance} header, parsed and checked, or {@code null}
	 */
	AiAuthor authorOf(Resource resource, RequestDetails request, ClientProvenance clientProvenance);

	/** The client to name as the submitter in an AI-Provenance, or {@code null} when there is none to name. */
	Reference submitterOf(RequestDetails request);
}
