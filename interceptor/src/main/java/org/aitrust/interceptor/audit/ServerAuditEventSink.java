package org.aitrust.interceptor.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.aitrust.interceptor.core.WriteMarks;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The default {@link IBalpAuditEventSink}: stores each AuditEvent in this server, through HAPI's DAO, with the
 * system's authority.
 *
 * <p>Stored with a {@link SystemRequestDetails}, so no interceptor on the {@code RestfulServer} sees it: not the BALP
 * interceptor (no AuditEvent of an AuditEvent, no recursion), not the client's authorization, not the module's
 * validation and quality measuring; it is marked module-written, so the measuring of system writes does not count it
 * as an arrival either. An AuditEvent of a write joins that write's transaction: it commits with the write, and a
 * write rolled back leaves no AuditEvent saying it happened. An AuditEvent of a read, or of anything outside a
 * writable transaction, is stored in a transaction of its own.
 */
public class ServerAuditEventSink implements IBalpAuditEventSink {

	private final DaoRegistry daoRegistry;
	private final TransactionTemplate ownTransaction;

	public ServerAuditEventSink(DaoRegistry daoRegistry, PlatformTransactionManager transactionManager) {
		this.daoRegistry = daoRegistry;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public void recordAuditEvent(AuditEvent auditEvent) {
		WriteMarks.markModuleWritten(auditEvent);
		if (TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			store(auditEvent);
		} else {
			ownTransaction.executeWithoutResult(status -> store(auditEvent));
		}
	}

	private DaoMethodOutcome store(AuditEvent auditEvent) {
		return daoRegistry.getResourceDao("AuditEvent").create(auditEvent, new SystemRequestDetails());
	}
}
