package org.aitrust.server;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Registers {@link TestGateway}'s client with every starter server a {@code @SpringBootTest} starts. */
public class TestGatewayContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(
			Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
		return new GatewayClient();
	}

	private record GatewayClient() implements ContextCustomizer {
		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			// first: the server's application.yaml must not put the issuer's generated secrets in ./data
			context.getEnvironment().getPropertySources()
					.addFirst(new MapPropertySource("aitrust-test-gateway", TestGateway.properties()));
		}
	}
}
