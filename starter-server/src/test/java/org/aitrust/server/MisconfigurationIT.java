package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A wrong aitrust.* setting stops the real server at start-up, and the message names the setting. */
class MisconfigurationIT {

	@Test
	void anIncompleteAgentRegistrationStopsStartUpNamingTheProperty() {
		Throwable failure = start(
				"aitrust.provenance.enabled=true",
				"aitrust.provenance.agents[0].id=scribe-gateway",
				"aitrust.provenance.agents[0].model-name=Scribe",
				"aitrust.provenance.agents[0].manufacturer=Acme");

		assertThat(failure).isNotNull();
		assertThat(messages(failure)).contains("aitrust.provenance.agents[0].model-version");
	}

	@Test
	void aValueOfTheWrongTypeStopsStartUpNamingTheProperty() {
		Throwable failure = start("aitrust.provenance.enabled=sometimes");

		assertThat(failure).isNotNull();
		assertThat(messages(failure)).contains("aitrust.provenance.enabled");
	}

	private static Throwable start(String... properties) {
		String[] arguments = java.util.stream.Stream.concat(
						java.util.stream.Stream.of("server.port=0", "spring.datasource.url=jdbc:h2:mem:misconfiguration"),
						java.util.Arrays.stream(properties))
				.map(p -> "--" + p)
				.toArray(String[]::new);
		return catchThrowable(() -> new SpringApplicationBuilder(StarterServerApplication.class).run(arguments).close());
	}

	private static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append('\n');
		}
		return all.toString();
	}
}
