package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.aitrust.testsupport.TestDatabase;
import org.aitrust.testsupport.TestDatabaseAvailableCondition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Data written before a restart is there after it, and so are its data-quality counts. On H2 this runs the starter server's default: the
 * embedded file database in {@code aitrust.server.data-dir}.
 */
@ExtendWith(TestDatabaseAvailableCondition.class)
class RestartPersistenceIT {

	@Test
	void aPatientSurvivesAServerRestart(@TempDir Path dataDir) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("aitrust.quality.enabled", "true");
		if (TestDatabase.current() == TestDatabase.H2) {
			properties.put("aitrust.server.data-dir", dataDir.toString());
		} else {
			properties.putAll(TestDatabase.current().prepare(TestDatabase.nameFor("RestartPersistenceIT")));
		}

		IdType id;
		try (ConfigurableApplicationContext first = StarterServers.start(properties)) {
			Patient patient = new Patient();
			patient.addName().setFamily("Okafor");
			id = (IdType) TestGateway.client(StarterServers.port(first)).create().resource(patient)
					.withAdditionalHeader("X-AI-Agent", "restart-check").execute().getId();
			assertThat(receivedFrom(first, "restart-check")).isEqualTo(1L);
		}
		try (ConfigurableApplicationContext second = StarterServers.start(properties)) {
			Patient read = TestGateway.client(StarterServers.port(second)).read().resource(Patient.class)
					.withId(id.toUnqualifiedVersionless()).execute();
			assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Okafor");
			assertThat(receivedFrom(second, "restart-check")).isEqualTo(1L);
		}
		if (TestDatabase.current() == TestDatabase.H2) {
			assertThat(dataDir.resolve("aitrust.mv.db")).exists();
		}
	}

	/** How many arrivals from this source the data-quality counts hold. */
	private static long receivedFrom(ConfigurableApplicationContext context, String source) {
		return DataQualityReports.counts(DataQualityReports.report(
				TestGateway.client(StarterServers.port(context)), "source", source)).get("received")[1];
	}
}
