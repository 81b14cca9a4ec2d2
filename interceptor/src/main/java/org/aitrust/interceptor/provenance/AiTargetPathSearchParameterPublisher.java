package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.provenance.AiTargetPathSearchParameter;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Stores the {@link AiTargetPathSearchParameter} ({@code SearchParameter/aitrust-ai-target-path}) once the application
 * is ready and has HAPI's search parameter registry read it at once, so every AI-Provenance stored from then on is
 * indexed by the elements its targets name. Ready, not earlier: storing a new or changed SearchParameter makes HAPI
 * start its reindex job for Provenance (indexing those stored before), and HAPI registers its jobs only when the
 * context has been refreshed. An unchanged parameter stores no new version and starts no job; when two nodes start
 * together and one wins the race, the other keeps the winner's.
 */
public class AiTargetPathSearchParameterPublisher implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(AiTargetPathSearchParameterPublisher.class);

	private final ModuleRecordWriter records;
	private final ISearchParamRegistry searchParameters;

	public AiTargetPathSearchParameterPublisher(ModuleRecordWriter records, ISearchParamRegistry searchParameters) {
		this.records = records;
		this.searchParameters = searchParameters;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		try {
			SearchParameter parameter = AiTargetPathSearchParameter.build();
			WriteMarks.markModuleWritten(parameter);
			records.storeAtItsId(parameter);
			log.info("FHIR AI Trust published SearchParameter/{} ({} on Provenance)",
					AiTargetPathSearchParameter.ID, AiTargetPathSearchParameter.CODE);
		} catch (ResourceVersionConflictException | DataIntegrityViolationException e) {
			log.info("SearchParameter/{} was published by another node at the same moment", AiTargetPathSearchParameter.ID);
		}
		searchParameters.forceRefresh();
	}
}
