package org.aitrust.interceptor.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.aitrust.interceptor.core.WriteMarks;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The default {@link IBalpAuditEventSink}: stores each AuditEvent in this server, through HAPI's DAO, with the
 * system's authority.
 *
 * <p>Stored with a {@link SystemRequestDetails}, so no interceptor on the {@code RestfulServer} sees it: not the BALP
 * interceptor (no AuditEvent of an AuditEvent, no recursion), not the client's authorization, not the module's
 * validation and quality measuring; it is marked module-written, so the measuring of system writes does not count it
 * as an arrival either.
 *
 * <p>An AuditEvent captured inside a transaction is stored in a transaction of its own once that transaction has
 * committed: a write rolled back leaves no AuditEvent saying it happened, and the event's own insert never runs inside
 * the flush of the write it describes (a nested create there broke HAPI's batched index inserts under concurrent
 * writes: foreign-key violations on the index tables). An event captured outside any transaction is stored at once.
 * The price: a process that dies between the write's commit and its event's loses that event.
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
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					storeInItsOwnTransaction(auditEvent);
				}
			});
		} else {
			storeInItsOwnTransaction(auditEvent);
		}
	}

	private void storeInItsOwnTransaction(AuditEvent auditEvent) {
		ownTransaction.executeWithoutResult(status -> store(auditEvent));
	}

	private DaoMethodOutcome store(AuditEvent auditEvent) {
		return daoRegistry.getResourceDao("AuditEvent").create(auditEvent, new SystemRequestDetails());
	}
}
