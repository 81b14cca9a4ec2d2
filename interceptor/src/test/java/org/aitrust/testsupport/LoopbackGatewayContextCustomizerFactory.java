package org.aitrust.testsupport;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The tests are the trusted gateway: they send the agent header from loopback, so every Spring test context trusts
 * loopback ({@code aitrust.identity.trusted-proxies}). Added last, below the server's own configuration and the test's
 * properties, so a test that sets the property (as {@code CallerIdentityIT} does) decides for itself.
 */
public class LoopbackGatewayContextCustomizerFactory implements ContextCustomizerFactory {

	/** Loopback in both families: the test clients reach {@code localhost} over either. */
	public static final String LOOPBACK = "127.0.0.1/32,::1/128";

	@Override
	public ContextCustomizer createContextCustomizer(
			Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
		return new LoopbackGateway();
	}

	private record LoopbackGateway() implements ContextCustomizer {
		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			context.getEnvironment().getPropertySources().addLast(new MapPropertySource("aitrust-test-loopback-gateway",
					Map.of("aitrust.identity.trusted-proxies", LOOPBACK)));
		}
	}
}
