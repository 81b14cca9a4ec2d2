package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.aitrust.interceptor.core.SystemRequests;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.provenance.ModuleRecords;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * The one definition of "this version was reviewed": a Provenance with a verifier agent that the module wrote itself
 * (tagged module-written, which no client may put on), targeting the version. A client may store a Provenance naming a
 * verifier, as FHIR allows, but it is the client's claim, not a review recorded by {@code $ai-review}: it never counts.
 * Read with the system's authority, like the module's other records: a caller need not be allowed to read Provenance
 * to see the worklist or record a review.
 */
final class ModuleReviews {

	private final DaoRegistry daoRegistry;

	ModuleReviews(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** The versions among these resources' ({@code Type/id/_history/n}) that have a review. */
	Set<String> reviewedVersionsOf(List<? extends IBaseResource> resources, RequestDetails request) {
		if (resources.isEmpty()) {
			return Set.of();
		}
		ReferenceOrListParam targets = new ReferenceOrListParam();
		resources.forEach(r -> targets.addOr(new ReferenceParam(r.getIdElement().toUnqualifiedVersionless().getValue())));
		SearchParameterMap reviews = SearchParameterMap.newSynchronous()
				.add("target", targets)
				.add("agent-type", new TokenParam(
						AiTransparency.SYSTEM_PROVENANCE_PARTICIPANT_TYPE, AiTransparency.CODE_PARTICIPANT_VERIFIER))
				.add("_tag", new TokenParam(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_MODULE_WRITTEN));
		return daoRegistry.getResourceDao(Provenance.class).search(reviews, SystemRequests.beside(request))
				.getAllResources().stream()
				.filter(ModuleRecords::isTagged)
				.flatMap(p -> ((Provenance) p).getTarget().stream())
				.map(Reference::getReference)
				.collect(Collectors.toSet());
	}
}
