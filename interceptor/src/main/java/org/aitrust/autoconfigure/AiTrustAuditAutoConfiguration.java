package org.aitrust.autoconfigure;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.time.Clock;
import org.aitrust.interceptor.audit.AuditEventWriteGuard;
import org.aitrust.interceptor.audit.CallerAuditContextServices;
import org.aitrust.interceptor.audit.ModuleOperationAudit;
import org.aitrust.interceptor.audit.ServerAuditEventSink;
import org.aitrust.interceptor.core.RequestSourceResolver;
import org.aitrust.interceptor.identity.CallerResolver;
import org.aitrust.interceptor.provenance.AiAgentRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Audit through HAPI's IHE BALP interceptor ({@code aitrust.audit.enabled}): its context services from the module's
 * caller, its sink this server unless a host declares its own {@link IBalpAuditEventSink}, the module operations BALP
 * does not audit itself, and the refusal of clients' AuditEvent writes.
 */
@AutoConfiguration(after = {AiTrustCoreAutoConfiguration.class, AiTrustIdentityAutoConfiguration.class,
		AiTrustProvenanceAutoConfiguration.class})
@ConditionalOnAiTrust
@ConditionalOnProperty(prefix = "aitrust.audit", name = "enabled", havingValue = "true")
public class AiTrustAuditAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IBalpAuditContextServices aiTrustAuditContextServices(
			CallerResolver callers, RequestSourceResolver sources, ObjectProvider<AiAgentRegistry> agents) {
		return new CallerAuditContextServices(callers, sources, agents.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	IBalpAuditEventSink aiTrustAuditEventSink(DaoRegistry daoRegistry, PlatformTransactionManager transactionManager) {
		return new ServerAuditEventSink(daoRegistry, transactionManager);
	}

	@Bean
	BalpAuditCaptureInterceptor aiTrustBalpAuditCaptureInterceptor(
			IBalpAuditEventSink sink, IBalpAuditContextServices context) {
		return new BalpAuditCaptureInterceptor(sink, context);
	}

	@Bean
	ModuleOperationAudit aiTrustModuleOperationAudit(BalpAuditCaptureInterceptor balp, IBalpAuditContextServices context,
			IBalpAuditEventSink sink, Clock aiTrustClock) {
		return new ModuleOperationAudit(balp, context, sink, aiTrustClock);
	}

	@Bean
	AuditEventWriteGuard aiTrustAuditEventWriteGuard() {
		return new AuditEventWriteGuard();
	}
}
