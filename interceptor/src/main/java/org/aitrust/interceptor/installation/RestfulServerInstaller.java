package org.aitrust.interceptor.installation;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Installs the module on every {@link RestfulServer} bean as it is created, before its servlet starts. The
 * installation is looked up lazily so this post-processor does not pull the module's beans (and HAPI's JPA
 * beans behind them) into existence too early.
 */
public class RestfulServerInstaller implements BeanPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(RestfulServerInstaller.class);

	private final ObjectProvider<AiTrustInstallation> installation;

	public RestfulServerInstaller(ObjectProvider<AiTrustInstallation> installation) {
		this.installation = installation;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestfulServer server) {
			AiTrustInstallation module = installation.getObject();
			module.installOn(server);
			log.info("FHIR AI Trust installed on RestfulServer bean '{}': interceptors {}", beanName,
					module.interceptorNames());
		}
		return bean;
	}
}
