package org.aitrust.interceptor.quality;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Measures the writes made with the system's authority, which no interceptor on a {@code RestfulServer} sees: a
 * bulk {@code $import} and other batch jobs, a host's own DAO calls, anything stored with a {@link
 * SystemRequestDetails} or without a request. They are arrivals like any other, attributed to the source {@code
 * system}, in the same transaction as the write ({@link QualityInterceptor#measureSystemWrite}).
 *
 * <p>Registered with HAPI's own interceptor service, which sees every write, so it leaves the writes of client
 * requests to the {@link QualityInterceptor} on the {@code RestfulServer}: each write is measured once. The module's
 * own records are system writes too and are never counted (marked {@code WriteMarks.isModuleWritten}); nor is a
 * meta operation, which stores no new version. A system write that fails rolls back with nothing measured: there is
 * no request to count a rejection against.
 */
@Interceptor
public class SystemWriteQualityInterceptor {

	private final QualityInterceptor arrivals;

	public SystemWriteQualityInterceptor(QualityInterceptor arrivals) {
		this.arrivals = arrivals;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void storagePrecommitResourceCreated(IBaseResource resource, RequestDetails request) {
		if (isSystemWrite(request)) {
			arrivals.measureSystemWrite(resource, request);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void storagePrecommitResourceUpdated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		if (isSystemWrite(request) && QualityInterceptor.storesNewVersion(oldResource, newResource)) {
			arrivals.measureSystemWrite(newResource, request);
		}
	}

	/** A write no {@code RestfulServer} interceptor is called for. */
	static boolean isSystemWrite(RequestDetails request) {
		return request == null || request instanceof SystemRequestDetails;
	}
}
