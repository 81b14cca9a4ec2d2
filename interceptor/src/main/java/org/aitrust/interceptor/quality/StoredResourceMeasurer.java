package org.aitrust.interceptor.quality;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.aitrust.interceptor.quality.check.CheckContext;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.interceptor.quality.check.QualityCheck;
import org.aitrust.interceptor.store.QualityEvent;
import org.aitrust.provenance.ModuleRecords;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Measures a stored resource as its write was measured: the same checks over a check context whose {@code now} is
 * the resource's {@code meta.lastUpdated} (a date in the future is judged against the moment it was stored, not
 * against the day the job runs), after the validation a write of it would get ({@code validation}, which attaches its
 * findings; a no-op without profile validation). The module's own records (tagged, AuditEvents) are not measured,
 * as they are not counted when written.
 */
public class StoredResourceMeasurer {

	private final DaoRegistry daoRegistry;
	private final Function<Instant, CheckContext> contexts;
	private final Consumer<Resource> validation;
	private final QualityEventFactory events;

	/**
	 * @param contexts a fresh check context whose {@code now} is the given instant
	 * @param validation attaches the findings of profile validation to a resource, as a write's validation does
	 */
	public StoredResourceMeasurer(DaoRegistry daoRegistry, Function<Instant, CheckContext> contexts,
			Consumer<Resource> validation, QualityEventFactory events) {
		this.daoRegistry = daoRegistry;
		this.contexts = contexts;
		this.validation = validation;
		this.events = events;
	}

	/**
	 * The current version of a stored resource, validated, or empty when it is gone (deleted since its id was read)
	 * or is one of the module's own records.
	 */
	public Optional<Resource> read(String resourceType, String id) {
		if ("AuditEvent".equals(resourceType)) {
			return Optional.empty();
		}
		Resource resource;
		try {
			resource = (Resource) daoRegistry.getResourceDao(resourceType)
					.read(new IdType(resourceType, id), new SystemRequestDetails());
		} catch (BaseServerResponseException e) {
			return Optional.empty();
		}
		if (ModuleRecords.isModuleRecord(resource)) {
			return Optional.empty();
		}
		validation.accept(resource);
		return Optional.of(resource);
	}

	/** The resource's row of the {@code stored} population. */
	public QualityEvent measure(Resource resource) {
		Instant stored = lastUpdated(resource);
		return events.stored(resource, stored, contexts.apply(stored));
	}

	/** One check's outcome on the resource, judged as {@link #measure} judges it. */
	public CheckOutcome evaluate(QualityCheck check, Resource resource) {
		return check.evaluate(resource, contexts.apply(lastUpdated(resource)));
	}

	private static Instant lastUpdated(Resource resource) {
		return resource.getMeta().getLastUpdated().toInstant();
	}
}
