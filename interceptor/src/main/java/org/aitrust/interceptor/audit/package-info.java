/**
 * Audit through HAPI's IHE Basic Audit Log Patterns (BALP) interceptor: who the agents of each AuditEvent are
 * ({@link org.aitrust.interceptor.audit.CallerAuditContextServices}), where the events go (default
 * {@link org.aitrust.interceptor.audit.ServerAuditEventSink}, this server), the module operations BALP does not see
 * by itself ({@link org.aitrust.interceptor.audit.ModuleOperationAudit}), and the refusal of clients' AuditEvent
 * writes ({@link org.aitrust.interceptor.audit.AuditEventWriteGuard}). See docs/audit.md.
 */
package org.aitrust.interceptor.audit;
