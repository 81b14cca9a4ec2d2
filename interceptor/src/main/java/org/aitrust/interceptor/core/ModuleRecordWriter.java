package org.aitrust.interceptor.core;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Where the records the module writes itself go: the AI-Provenance of a write, the review Provenance, the Devices and
 * model cards of AI models and the data-quality Measure. A site decision, as HAPI's BALP interceptor takes its sink:
 * the default stores them through HAPI's DAOs; a host replaces the bean to write them with another authority or
 * elsewhere. Every record passed here is already marked with {@link WriteMarks#markModuleWritten}.
 */
public interface ModuleRecordWriter {

	/**
	 * Stores a new record inside the transaction of the write it is about, so both commit or roll back together.
	 *
	 * @param request the request being served, or {@code null} for work the module does on its own
	 * @param transaction the write's transaction details, or {@code null} for a transaction of the caller's own
	 * @return the stored record's id with its version
	 */
	IIdType create(Resource record, RequestDetails request, TransactionDetails transaction);

	/**
	 * Stores a record the module keeps at a fixed id (a Device, a model card, the Measure) with the system's
	 * authority: created if absent, a new version if its content changed, nothing if it did not.
	 */
	void storeAtItsId(Resource record);

	/** Whether a record the module keeps at a fixed id exists (neither missing nor deleted). */
	boolean exists(IIdType id);
}
