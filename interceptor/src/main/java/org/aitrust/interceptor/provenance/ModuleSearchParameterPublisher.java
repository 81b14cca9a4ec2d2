package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
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
 * <p>Reindexing: storing a SearchParameter would make HAPI start its batch REINDEX job over every resource of the
 * parameter's base ({@code JpaStorageSettings.markResourcesForReindexingUponSearchParameterChange}) — for
 * {@code ai-confidence}, whose base is Resource, the whole database, in the background of a server that has just
 * started, and again on every fresh database. The module asks HAPI to skip it ({@code SKIP-REINDEX-ON-UPDATE}):
 * resources written from now on are indexed as they are stored, and an administrator who wants resources stored before
 * the module was installed to be found runs HAPI's {@code $reindex} when it suits the server (docs/provenance.md). An
 * identical stored parameter is left alone; when two nodes start together and one wins the race, the other keeps the
 * winner's. A host without a search parameter registry is no JPA server: nothing is published.
 */
public class ModuleSearchParameterPublisher implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(ModuleSearchParameterPublisher.class);

	private final ModuleRecordWriter records;
	private final DaoRegistry daoRegistry;
	private final ObjectProvider<ISearchParamRegistry> searchParamRegistry;
	private final List<SearchParameter> parameters;

	public ModuleSearchParameterPublisher(ModuleRecordWriter records, DaoRegistry daoRegistry,
			ObjectProvider<ISearchParamRegistry> searchParamRegistry, List<SearchParameter> parameters) {
		this.records = records;
		this.daoRegistry = daoRegistry;
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
			SystemRequestDetails request = new SystemRequestDetails();
			request.getUserData().put(JpaConstants.SKIP_REINDEX_ON_UPDATE, Boolean.TRUE);
			daoRegistry.getResourceDao(SearchParameter.class).update(parameter, request);
			log.info("FHIR AI Trust published SearchParameter/{} ({}); resources stored before it are found by it after"
					+ " a $reindex", id, parameter.getCode());
		} catch (ResourceVersionConflictException | DataIntegrityViolationException e) {
			log.info("SearchParameter/{} was published by another node at the same moment", id);
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
