package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.TestDatabase;
import org.aitrust.testsupport.TestDatabaseAvailableCondition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Data written before a restart is there after it. On H2 this runs the starter server's default: the
 * embedded file database in {@code aitrust.server.data-dir}.
 */
@ExtendWith(TestDatabaseAvailableCondition.class)
class RestartPersistenceIT {

	@Test
	void aPatientSurvivesAServerRestart(@TempDir Path dataDir) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		if (TestDatabase.current() == TestDatabase.H2) {
			properties.put("aitrust.server.data-dir", dataDir.toString());
		} else {
			properties.putAll(TestDatabase.current().prepare(TestDatabase.nameFor("RestartPersistenceIT")));
		}

		IdType id;
		try (ConfigurableApplicationContext first = start(properties)) {
			Patient patient = new Patient();
			patient.addName().setFamily("Okafor");
			id = (IdType) FhirTestClients.forPort(port(first)).create().resource(patient).execute().getId();
		}
		try (ConfigurableApplicationContext second = start(properties)) {
			Patient read = FhirTestClients.forPort(port(second)).read().resource(Patient.class)
					.withId(id.toUnqualifiedVersionless()).execute();
			assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Okafor");
		}
		if (TestDatabase.current() == TestDatabase.H2) {
			assertThat(dataDir.resolve("aitrust.mv.db")).exists();
		}
	}

	/** Properties go in as command-line arguments, which outrank the server's application.yaml. */
	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		String[] arguments = properties.entrySet().stream()
				.map(e -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new);
		return new SpringApplicationBuilder(StarterServerApplication.class).run(arguments);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}
}
