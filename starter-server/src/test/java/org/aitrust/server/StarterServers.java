package org.aitrust.server;

import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts starter servers the way an administrator does, for tests that need more than one, or a restart. */
final class StarterServers {

	private StarterServers() {}

	/** Properties go in as command-line arguments, which outrank the server's application.yaml. */
	static ConfigurableApplicationContext start(Map<String, ?> properties) {
		String[] arguments = properties.entrySet().stream()
				.map(e -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new);
		return new SpringApplicationBuilder(StarterServerApplication.class).run(arguments);
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}
}
