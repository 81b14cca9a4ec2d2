package org.aitrust.interceptor.core;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Resource;

/** Stores the module's records in the server itself, through HAPI's DAOs: the default {@link ModuleRecordWriter}. */
public class DaoModuleRecordWriter implements ModuleRecordWriter {

	private final DaoRegistry daoRegistry;

	public DaoModuleRecordWriter(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	@Override
	public IIdType create(Resource record, RequestDetails request, TransactionDetails transaction) {
		TransactionDetails details = transaction == null ? new TransactionDetails() : transaction;
		return daoRegistry.getResourceDao(record.fhirType()).create(record, null, true, request, details).getId();
	}

	@Override
	public void storeAtItsId(Resource record) {
		daoRegistry.getResourceDao(record.fhirType()).update(record, new SystemRequestDetails());
	}

	@Override
	public boolean exists(IIdType id) {
		try {
			daoRegistry.getResourceDao(id.getResourceType()).read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}
}
