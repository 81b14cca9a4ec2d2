package org.aitrust.interceptor.core;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Where the records the module writes itself go: the AI-Provenance of a write, the review Provenance, the Devices and
 * model cards of AI models and the data-quality Measure. A site decision, as HAPI's BALP interceptor takes its sink:
 * the default stores them through HAPI's DAOs with the system's authority ({@link DaoModuleRecordWriter}); a host
 * replaces the bean to write them elsewhere. They are the module's evidence, written with the system's authority and
 * not the caller's: a replacement must not require clients to hold the right to create them, which would be the
 * right to forge them. Every record passed here is already marked with {@link WriteMarks#markModuleWritten} and
 * tagged as module-written.
 */
public interface ModuleRecordWriter {

	/**
	 * Stores a new record inside the transaction of the write it is about, so both commit or roll back together.
	 *
	 * @param request the request being served (for its tenant, not its authority), or {@code null} for work the
	 *     module does on its own
	 * @param transaction the write's transaction details, or {@code null} for a transaction of the caller's own
	 * @return the stored record's id with its version
	 */
	IIdType create(Resource record, RequestDetails request, TransactionDetails transaction);

	/**
	 * Stores a record the module keeps at a fixed id (a Device, a model card, the Measure) with the system's
	 * authority: created if absent, a new version if its content changed, nothing if it did not.
	 */
	void storeAtItsId(Resource record);

	/** The record stored at a fixed id, unless it is missing or deleted; read with the system's authority. */
	Optional<Resource> find(IIdType id);
}
