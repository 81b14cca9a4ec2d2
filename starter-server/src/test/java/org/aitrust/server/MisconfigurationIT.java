package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import java.util.LinkedHashMap;
import java.util.Map;

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

	@Test
	void aBundleEntryLimitBelowOneStopsStartUpNamingTheProperty() {
		Throwable failure = start("aitrust.server.max-bundle-entries=0");

		assertThat(failure).isNotNull();
		assertThat(messages(failure)).contains("aitrust.server.max-bundle-entries");
	}

	private static Throwable start(String... properties) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("server.port", "0");
		settings.put("spring.datasource.url", "jdbc:h2:mem:misconfiguration");
		for (String property : properties) {
			String[] nameValue = property.split("=", 2);
			settings.put(nameValue[0], nameValue[1]);
		}
		return catchThrowable(() -> StarterServers.start(settings).close());
	}

	private static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append('\n');
		}
		return all.toString();
	}
}
