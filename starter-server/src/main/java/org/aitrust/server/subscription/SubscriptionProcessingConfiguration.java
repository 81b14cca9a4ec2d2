package org.aitrust.server.subscription;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * HAPI 8.8's subscription processing, with {@code aitrust.server.subscriptions.enabled}: the submitter (validates
 * Subscriptions as they are written, and after each commit puts the changed resource on the matching channel) and the
 * processor (keeps the active Subscriptions, matches, delivers by REST hook). The channels themselves
 * ({@code SubscriptionChannelConfig}) are part of the JPA server's configuration; which channel types are accepted
 * and where a REST hook may point are the {@code SubscriptionSettings} bean's ({@code FhirJpaServerConfig}); a
 * Subscription of another channel type is refused ({@link RestHookOnlyGuard}).
 */
@Configuration
@ConditionalOnProperty(name = "aitrust.server.subscriptions.enabled", havingValue = "true")
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class})
public class SubscriptionProcessingConfiguration {

	@Bean
	RestHookOnlyGuard restHookOnlyGuard() {
		return new RestHookOnlyGuard();
	}

	/** Puts the guard on HAPI's interceptor service once every bean exists. */
	@Bean
	SmartInitializingSingleton restHookOnlyGuardRegistration(IInterceptorService interceptors, RestHookOnlyGuard guard) {
		return () -> interceptors.registerInterceptor(guard);
	}

	/** HAPI's processor wants a mail sender even when e-mail is no accepted channel type. */
	@Bean
	@ConditionalOnMissingBean
	IEmailSender emailSender() {
		return new NoEmailSender();
	}
}
