package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.provenance.ModuleRecords;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Stores the module's SearchParameters on the host server (each at its own id, active, tagged as the module's) once
 * the application is ready, and has HAPI's search parameter registry read them at once. HAPI indexes a SearchParameter
 * only when it is stored, which is why the module stores them rather than declaring them.
 *
 * <p>Reindexing: storing a new or changed SearchParameter makes HAPI schedule its batch REINDEX job for the resources
 * of its base ({@code JpaStorageSettings.markResourcesForReindexingUponSearchParameterChange}), so resources stored
 * before the module was installed are indexed in the background. HAPI registers its batch jobs when the context is
 * refreshed, hence ready and not earlier. An identical stored one is left alone, so a restart schedules nothing; when
 * two nodes start together and one wins the race, the other keeps the winner's. A host without HAPI's batch jobs
 * cannot store them (HAPI refuses the write): start-up goes on with an error in the log naming the remedy, and the
 * parameters are then unknown to searches (400). A host without a search parameter registry is no JPA server: nothing
 * is published.
 */
public class ModuleSearchParameterPublisher implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(ModuleSearchParameterPublisher.class);

	private final ModuleRecordWriter records;
	private final ObjectProvider<ISearchParamRegistry> searchParamRegistry;
	private final List<SearchParameter> parameters;

	public ModuleSearchParameterPublisher(ModuleRecordWriter records,
			ObjectProvider<ISearchParamRegistry> searchParamRegistry, List<SearchParameter> parameters) {
		this.records = records;
		this.searchParamRegistry = searchParamRegistry;
		this.parameters = List.copyOf(parameters);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		publish();
	}

	/** Stores each SearchParameter unless the same one is stored already, then refreshes HAPI's registry. */
	public void publish() {
		ISearchParamRegistry registry = searchParamRegistry.getIfAvailable();
		if (registry == null) {
			log.info("FHIR AI Trust publishes no SearchParameter: this server has no search parameter registry");
			return;
		}
		for (SearchParameter template : parameters) {
			publish(template.copy());
		}
		registry.forceRefresh();
	}

	private void publish(SearchParameter parameter) {
		String id = parameter.getIdElement().getIdPart();
		ModuleRecords.tag(parameter);
		WriteMarks.markModuleWritten(parameter);
		if (records.find(new IdType("SearchParameter", id)).filter(stored -> sameContent(stored, parameter)).isPresent()) {
			return;
		}
		try {
			records.storeAtItsId(parameter);
			log.info("FHIR AI Trust published SearchParameter/{} ({}); HAPI reindexes stored resources for it in the"
					+ " background", id, parameter.getCode());
		} catch (ResourceVersionConflictException | DataIntegrityViolationException e) {
			log.info("SearchParameter/{} was published by another node at the same moment", id);
		} catch (InternalErrorException e) {
			log.error("FHIR AI Trust could not store SearchParameter/{}: HAPI refused it ({}). Searching by {} needs"
					+ " HAPI's batch jobs (Batch2JobsConfig with JpaBatch2Config) in the host server.",
					id, e.getMessage(), parameter.getCode());
		}
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
