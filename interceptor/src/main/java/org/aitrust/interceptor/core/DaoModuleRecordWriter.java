package org.aitrust.interceptor.core;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Stores the module's records in the server itself, through HAPI's DAOs, with the system's authority: the default
 * {@link ModuleRecordWriter}.
 *
 * <p>Every record is stored with a fresh {@link SystemRequestDetails}, never under the caller's request, so that no
 * client needs the right to create Provenance, Devices or model cards (which would be the right to forge them). What
 * that means for the interceptors of the server:
 * <ul>
 *   <li>Interceptors registered on the {@code RestfulServer} (where HAPI's {@code AuthorizationInterceptor} is
 *       documented to go, and where the module puts its own) are not called for these writes: a system request has
 *       no server interceptors. The caller's authorization rules are therefore neither asked nor needed; the caller
 *       was authorized for the write the record is about.
 *   <li>Interceptors registered with HAPI's own {@code IInterceptorService} see every write, these included, with a
 *       {@code SystemRequestDetails}, as they see HAPI's own system writes (package installation, subscriptions). An
 *       {@code AuthorizationInterceptor} registered there must allow system requests, as it must for HAPI's. The
 *       module's storage-level interceptors recognise these records by {@link WriteMarks#isModuleWritten}.
 *   <li>The module's validation and quality interceptors never judge these records as client input, and its
 *       provenance interceptor, which refuses client writes of module records, lets them through.
 *   <li>Partitioning: the record goes to the caller's tenant ({@link SystemRequests#beside}), beside the resource
 *       it is about, in the same transaction.
 * </ul>
 *
 * <p>{@link #create} passes the caller's {@link TransactionDetails} to the DAO, which joins the database transaction
 * that is open on this thread (HAPI's transaction service propagates {@code REQUIRED}): the record commits or rolls
 * back with the write it is about.
 */
public class DaoModuleRecordWriter implements ModuleRecordWriter {

	private final DaoRegistry daoRegistry;

	public DaoModuleRecordWriter(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	@Override
	public IIdType create(Resource record, RequestDetails request, TransactionDetails transaction) {
		TransactionDetails details = transaction == null ? new TransactionDetails() : transaction;
		return daoRegistry.getResourceDao(record.fhirType())
				.create(record, null, true, SystemRequests.beside(request), details)
				.getId();
	}

	@Override
	public void storeAtItsId(Resource record) {
		daoRegistry.getResourceDao(record.fhirType()).update(record, new SystemRequestDetails());
	}

	@Override
	public Optional<Resource> find(IIdType id) {
		try {
			return Optional.of((Resource) daoRegistry.getResourceDao(id.getResourceType())
					.read(id.toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}
}
