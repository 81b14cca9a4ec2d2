package org.aitrust.server.demo;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

import org.aitrust.server.StarterServerProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo load, only when {@code aitrust.server.demo.load} is true (the {@code demo} profile sets it). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "aitrust.server.demo", name = "load", havingValue = "true")
class DemoConfiguration {

	/**
	 * With security on, the loader needs a token: the embedded issuer's key signs one. With a hospital's issuer
	 * instead there is none to sign with, and the demo says so rather than loading nothing silently.
	 */
	@Bean
	DemoLoadStarter aiTrustDemoLoadStarter(StarterServerProperties properties, Environment environment,
			ObjectProvider<JWKSource<SecurityContext>> issuerKeys, DemoClock aiTrustClock) {
		if (!environment.getProperty("aitrust.security.enabled", Boolean.class, false)) {
			return new DemoLoadStarter(properties.demo(), aiTrustClock, null);
		}
		JWKSource<SecurityContext> keys = issuerKeys.getIfAvailable();
		if (keys == null) {
			throw new IllegalStateException("aitrust.server.demo.load needs the embedded issuer"
					+ " (aitrust.server.issuer.enabled=true) to sign the loader's token while aitrust.security.enabled=true");
		}
		return new DemoLoadStarter(properties.demo(), aiTrustClock, new DemoLoaderToken(keys));
	}

	/**
	 * The module's clock, which the loader moves back day by day while it writes the demo's history; it replaces the
	 * module's own (a real UTC clock) in the demo only.
	 */
	@Bean
	DemoClock aiTrustClock() {
		return new DemoClock();
	}
}
