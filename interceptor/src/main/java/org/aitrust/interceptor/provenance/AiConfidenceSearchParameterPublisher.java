package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.provenance.AiConfidenceSearchParameter;
import org.aitrust.provenance.ModuleRecords;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Stores the {@link AiConfidenceSearchParameter} on the host server at start-up
 * ({@code SearchParameter/aitrust-ai-confidence}, active) and has HAPI's search parameter registry read it at once,
 * so resources written from then on are indexed by it. HAPI indexes a SearchParameter only when it is stored, which
 * is why the module stores it rather than declaring it. An unchanged one stores no new version; a changed one (a
 * module upgrade) is a new version, and HAPI then marks the resources of its base for reindexing, as it does for any
 * SearchParameter change (JpaStorageSettings' {@code markResourcesForReindexingUponSearchParameterChange}).
 */
public class AiConfidenceSearchParameterPublisher implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(AiConfidenceSearchParameterPublisher.class);

	private final ModuleRecordWriter records;
	private final ISearchParamRegistry searchParamRegistry;

	public AiConfidenceSearchParameterPublisher(ModuleRecordWriter records, ISearchParamRegistry searchParamRegistry) {
		this.records = records;
		this.searchParamRegistry = searchParamRegistry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		SearchParameter parameter = AiConfidenceSearchParameter.create();
		ModuleRecords.tag(parameter);
		WriteMarks.markModuleWritten(parameter);
		try {
			records.storeAtItsId(parameter);
			log.info("FHIR AI Trust published SearchParameter/{} ({})", AiConfidenceSearchParameter.ID,
					AiConfidenceSearchParameter.CODE);
		} catch (ResourceVersionConflictException | DataIntegrityViolationException e) {
			log.info("SearchParameter/{} was published by another node at the same moment", AiConfidenceSearchParameter.ID);
		}
		searchParamRegistry.forceRefresh();
	}
}
