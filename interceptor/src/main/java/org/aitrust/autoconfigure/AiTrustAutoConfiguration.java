package org.aitrust.autoconfigure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.ArrayList;
import java.util.List;
import org.aitrust.interceptor.provenance.AiProvenanceInterceptor;
import org.aitrust.interceptor.status.AiTrustStatusProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Installs FHIR AI Trust on a HAPI FHIR server when the jar is on its classpath. Nothing beyond the
 * {@code $aitrust-status} operation is registered unless its {@code aitrust.*.enabled} property says so;
 * {@code aitrust.enabled=false} turns the whole module off.
 */
@AutoConfiguration
@ConditionalOnClass(RestfulServer.class)
@ConditionalOnProperty(prefix = AiTrustProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(AiTrustProperties.class)
public class AiTrustAutoConfiguration {

	@Bean
	static RestfulServerInstaller aiTrustRestfulServerInstaller(ObjectProvider<AiTrustInstallation> installation) {
		return new RestfulServerInstaller(installation);
	}

	@Bean
	static AiTrustPropertiesCheck aiTrustPropertiesCheck() {
		return new AiTrustPropertiesCheck();
	}

	@Bean
	AiTrustStatusProvider aiTrustStatusProvider(AiTrustProperties properties) {
		return new AiTrustStatusProvider(properties);
	}

	@Bean
	@ConditionalOnProperty(prefix = "aitrust.provenance", name = "enabled", havingValue = "true")
	AiProvenanceInterceptor aiProvenanceInterceptor() {
		return new AiProvenanceInterceptor();
	}

	@Bean
	AiTrustInstallation aiTrustInstallation(
			AiTrustStatusProvider statusProvider, ObjectProvider<AiProvenanceInterceptor> provenance) {
		List<Object> interceptors = new ArrayList<>();
		provenance.ifAvailable(interceptors::add);
		AiTrustInstallation installation = new AiTrustInstallation(interceptors, List.of(statusProvider));
		statusProvider.describe(installation);
		return installation;
	}
}
