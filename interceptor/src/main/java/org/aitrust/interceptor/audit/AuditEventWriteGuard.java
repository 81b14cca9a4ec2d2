package org.aitrust.interceptor.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Refuses (403) every client write of an AuditEvent: create, update, patch, delete, in a Bundle or alone, and the
 * meta operations, whatever the client's scopes allow. AuditEvents are the server's record of what clients did; only
 * the audit sink writes them, with the system's authority, which this interceptor on the {@code RestfulServer} does
 * not see.
 */
@Interceptor
public class AuditEventWriteGuard {

	private static final String AUDIT_EVENT = "AuditEvent";

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void refuseMetaChanges(RequestDetails request, RestOperationTypeEnum operation) {
		if ((operation == RestOperationTypeEnum.META_ADD || operation == RestOperationTypeEnum.META_DELETE)
				&& AUDIT_EVENT.equals(request.getResourceName())) {
			throw refused();
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void refuseCreate(IBaseResource resource) {
		refuseIfAuditEvent(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void refuseUpdate(IBaseResource oldResource, IBaseResource newResource) {
		refuseIfAuditEvent(oldResource);
		refuseIfAuditEvent(newResource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void refuseDelete(IBaseResource resource) {
		refuseIfAuditEvent(resource);
	}

	private static void refuseIfAuditEvent(IBaseResource resource) {
		if (resource != null && AUDIT_EVENT.equals(resource.fhirType())) {
			throw refused();
		}
	}

	private static ForbiddenOperationException refused() {
		return new ForbiddenOperationException(
				"AuditEvents are written by this server's audit only (IHE BALP); a client may not create, change or delete them");
	}
}
