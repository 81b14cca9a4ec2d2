package org.aitrust.server.demo;

import org.aitrust.server.StarterServerProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo load, only when {@code aitrust.server.demo.load} is true (the {@code demo} profile sets it). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "aitrust.server.demo", name = "load", havingValue = "true")
class DemoConfiguration {

	@Bean
	DemoLoadStarter aiTrustDemoLoadStarter(StarterServerProperties properties) {
		return new DemoLoadStarter(properties.demo());
	}
}
