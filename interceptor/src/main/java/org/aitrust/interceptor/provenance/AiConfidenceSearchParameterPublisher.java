package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.provenance.AiConfidenceSearchParameter;
import org.aitrust.provenance.ModuleRecords;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Stores the {@link AiConfidenceSearchParameter} on the host server ({@code SearchParameter/aitrust-ai-confidence},
 * active) once the application is ready, and has HAPI's search parameter registry read it at once. HAPI indexes a
 * SearchParameter only when it is stored, which is why the module stores it rather than declaring it.
 *
 * <p>Reindexing: storing a new or changed SearchParameter makes HAPI schedule its batch REINDEX job for the resources
 * of its base ({@code JpaStorageSettings.markResourcesForReindexingUponSearchParameterChange}), so resources stored
 * before the module was installed are indexed in the background. HAPI registers its batch jobs when the context is
 * refreshed, hence ready and not earlier. An identical stored one is left alone, so a restart schedules nothing. A host
 * without HAPI's batch jobs cannot store it (HAPI refuses the write); start-up goes on with an error in the log naming
 * the remedy, and {@code ai-confidence} is then unknown to searches (400).
 */
public class AiConfidenceSearchParameterPublisher implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(AiConfidenceSearchParameterPublisher.class);

	private final ModuleRecordWriter records;
	private final ISearchParamRegistry searchParamRegistry;

	public AiConfidenceSearchParameterPublisher(ModuleRecordWriter records, ISearchParamRegistry searchParamRegistry) {
		this.records = records;
		this.searchParamRegistry = searchParamRegistry;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		publish();
	}

	/** Stores the SearchParameter unless the same one is stored already, then refreshes HAPI's registry. */
	public void publish() {
		SearchParameter parameter = AiConfidenceSearchParameter.create();
		ModuleRecords.tag(parameter);
		WriteMarks.markModuleWritten(parameter);
		if (records.find(new IdType("SearchParameter", AiConfidenceSearchParameter.ID))
				.filter(stored -> sameContent(stored, parameter))
				.isPresent()) {
			searchParamRegistry.forceRefresh();
			return;
		}
		try {
			records.storeAtItsId(parameter);
			log.info("FHIR AI Trust published SearchParameter/{} ({}); HAPI reindexes stored resources for it in the"
					+ " background", AiConfidenceSearchParameter.ID, AiConfidenceSearchParameter.CODE);
		} catch (ResourceVersionConflictException | DataIntegrityViolationException e) {
			log.info("SearchParameter/{} was published by another node at the same moment", AiConfidenceSearchParameter.ID);
		} catch (InternalErrorException e) {
			log.error("FHIR AI Trust could not store SearchParameter/{}: HAPI refused it ({}). Searching by {} needs"
					+ " HAPI's batch jobs (Batch2JobsConfig with JpaBatch2Config) in the host server.",
					AiConfidenceSearchParameter.ID, e.getMessage(), AiConfidenceSearchParameter.CODE);
			return;
		}
		searchParamRegistry.forceRefresh();
	}

	/** The same definition, whatever HAPI put in {@code meta} and {@code id} when it stored it. */
	private static boolean sameContent(Resource stored, SearchParameter wanted) {
		Resource a = stored.copy();
		Resource b = wanted.copy();
		a.setMeta(null);
		b.setMeta(null);
		a.setIdElement(null);
		b.setIdElement(null);
		return ModuleRecords.isTagged(stored) && a.equalsDeep(b);
	}
}
