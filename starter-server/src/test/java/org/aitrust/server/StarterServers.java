package org.aitrust.server;

import java.util.Map;
import org.aitrust.testsupport.LoopbackGatewayContextCustomizerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts starter servers the way an administrator does, for tests that need more than one, or a restart. */
final class StarterServers {

	private static final String TRUSTED_PROXIES = "aitrust.identity.trusted-proxies";

	private StarterServers() {}

	/**
	 * Properties go in as command-line arguments, which outrank the server's application.yaml. The tests are the
	 * trusted gateway that sends the agent header, so loopback is trusted unless the properties say otherwise.
	 */
	static ConfigurableApplicationContext start(Map<String, ?> properties) {
		String[] arguments = asTestGateway(properties).entrySet().stream()
				.map(e -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new);
		return new SpringApplicationBuilder(StarterServerApplication.class).run(arguments);
	}

	/**
	 * The properties, with {@link TestGateway}'s client registered, loopback as the trusted proxy, and actuator on a
	 * free port, unless they say otherwise.
	 */
	static Map<String, Object> asTestGateway(Map<String, ?> properties) {
		Map<String, Object> withGateway = withLoopbackGateway(properties);
		TestGateway.properties().forEach(withGateway::putIfAbsent);
		withGateway.putIfAbsent("management.server.port", "0");
		return withGateway;
	}

	/** The properties, with loopback as the trusted proxy unless they name trusted proxies themselves. */
	private static Map<String, Object> withLoopbackGateway(Map<String, ?> properties) {
		Map<String, Object> withGateway = new java.util.LinkedHashMap<>(properties);
		withGateway.putIfAbsent(TRUSTED_PROXIES, LoopbackGatewayContextCustomizerFactory.LOOPBACK);
		return withGateway;
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}
}
