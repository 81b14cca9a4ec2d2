package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.interceptor.store.UnreviewedVersion;
import org.aitrust.interceptor.store.UnreviewedVersions;
import org.aitrust.provenance.AiLabels;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Keeps the review worklist ({@link UnreviewedVersions}) in the transaction of every write, so it is right at any size
 * and nothing a client does can leave it stale: a version labelled AI-asserted (AIAST, at resource or element level)
 * puts its resource on the worklist in place of any earlier version; a version without the label or a delete takes
 * it off. The first review of the listed version takes it off too, in {@link AiReviewProvider}'s transaction; a
 * client's Provenance naming a verifier never does.
 *
 * <p>Registered with HAPI's own interceptor service, not on the {@code RestfulServer}: it must see every write (a
 * transaction Bundle's entries, a batch's, a write made with the system's authority).
 */
@Interceptor
public class UnreviewedWorklistInterceptor {

	private final UnreviewedVersions worklist;
	private final RequestSourceResolver sources;
	private final Clock clock;

	public UnreviewedWorklistInterceptor(UnreviewedVersions worklist, RequestSourceResolver sources, Clock clock) {
		this.worklist = worklist;
		this.sources = sources;
		this.clock = clock;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void storagePrecommitResourceCreated(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Resource stored && !WriteMarks.isModuleWritten(stored) && AiLabels.isAiAsserted(stored)) {
			worklist.put(entryOf(stored, request));
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void storagePrecommitResourceUpdated(
			IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		if (!(newResource instanceof Resource stored) || WriteMarks.isModuleWritten(stored)) {
			return;
		}
		if (AiLabels.isAiAsserted(stored)) {
			worklist.put(entryOf(stored, request));
		} else {
			worklist.remove(stored.fhirType(), stored.getIdElement().getIdPart());
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void storagePrecommitResourceDeleted(IBaseResource resource) {
		worklist.remove(resource.fhirType(), resource.getIdElement().getIdPart());
	}

	private UnreviewedVersion entryOf(Resource resource, RequestDetails request) {
		return UnreviewedEntries.of(resource, request == null ? RequestSource.UNKNOWN : sources.resolve(request),
				clock.instant());
	}
}
