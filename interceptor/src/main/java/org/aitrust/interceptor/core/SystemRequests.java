package org.aitrust.interceptor.core;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;

/**
 * The request the module reads and writes its own records with: HAPI's system request, with the system's authority
 * and none of the caller's interceptors or identity, in the caller's tenant and partition.
 *
 * <p>A system request's tenant names its partition, so in a partitioned server the module's records land beside the
 * resources they are about, and HAPI keeps one transaction rather than opening one for another partition. Without
 * partitioning both are the default partition.
 */
public final class SystemRequests {

	private SystemRequests() {}

	/** A system request in the caller's tenant (and explicit partition, if the caller is a system request with one). */
	public static SystemRequestDetails beside(RequestDetails caller) {
		SystemRequestDetails system = new SystemRequestDetails();
		if (caller instanceof SystemRequestDetails callerSystem && callerSystem.getRequestPartitionId() != null) {
			system.setRequestPartitionId(callerSystem.getRequestPartitionId());
		}
		if (caller != null) {
			system.setTenantId(caller.getTenantId());
		}
		return system;
	}
}
