package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aitrust.testsupport.TestDatabase;
import org.aitrust.testsupport.TestDatabaseAvailableCondition;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two server nodes on one database, clients alternating between them: racing first writes of a new AI model
 * leave one Device, and both nodes report identical data-quality totals.
 */
@ExtendWith(TestDatabaseAvailableCondition.class)
class TwoNodesIT {

	@Test
	void twoNodesShareOneDevicePerModelAndReportIdenticalTotals() throws Exception {
		// A named in-memory H2 database is shared by the two contexts of this JVM; PostgreSQL by construction.
		Map<String, Object> properties = new HashMap<>(TestDatabase.current().prepare(TestDatabase.nameFor("TwoNodesIT")));
		properties.put("server.port", "0");
		properties.put("aitrust.quality.enabled", "true");
		properties.put("aitrust.provenance.enabled", "true");
		properties.put("aitrust.provenance.agents[0].id", "scribe");
		properties.put("aitrust.provenance.agents[0].model-name", "TwoNodeScribe");
		properties.put("aitrust.provenance.agents[0].model-version", "1.0");
		properties.put("aitrust.provenance.agents[0].manufacturer", "Example AI Labs");

		try (ConfigurableApplicationContext nodeA = StarterServers.start(properties);
				ConfigurableApplicationContext nodeB = StarterServers.start(properties)) {
			List<IGenericClient> nodes = List.of(TestGateway.client(StarterServers.port(nodeA)), TestGateway.client(StarterServers.port(nodeB)));
			ExecutorService clients = Executors.newFixedThreadPool(8);
			try {
				List<Callable<Void>> writes = new ArrayList<>();
				for (int i = 0; i < 40; i++) {
					IGenericClient node = nodes.get(i % 2);
					boolean ai = i % 4 < 2;
					int value = i % 5 == 0 ? 400 : 70;
					writes.add(() -> {
						var create = node.create().resource(heartRate(value));
						create.withAdditionalHeader("X-AI-Agent", ai ? "scribe" : "bedside-monitor").execute();
						return null;
					});
				}
				for (Future<Void> write : clients.invokeAll(writes)) {
					write.get();
				}
			} finally {
				clients.shutdownNow();
			}

			Bundle devices = nodes.get(0).search().forResource(Device.class)
					.where(Device.DEVICE_NAME.matchesExactly().value("TwoNodeScribe"))
					.returnBundle(Bundle.class).cacheControl(ca.uhn.fhir.rest.api.CacheControlDirective.noCache()).execute();
			assertThat(devices.getEntry()).hasSize(1);
			Map<String, List<Long>> onA = DataQualityReports.totals(nodes.get(0), "resourceType", "Observation");
			Map<String, List<Long>> onB = DataQualityReports.totals(nodes.get(1), "resourceType", "Observation");
			assertThat(onA).isEqualTo(onB);
			assertThat(onA.get("received")).containsExactly(40L, 40L);
			assertThat(onA.get("ai-labelled")).containsExactly(40L, 20L);
			assertThat(onA.get("ai-without-provenance")).containsExactly(20L, 0L);
			assertThat(onA.get("plausibility-vital-sign-out-of-range")).containsExactly(40L, 8L);
		}
	}

	private static Observation heartRate(int value) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		observation.setEffective(new DateTimeType("2026-11-01T10:00:00Z"));
		observation.setValue(new Quantity().setValue(value).setUnit("/min").setSystem("http://unitsofmeasure.org").setCode("/min"));
		return observation;
	}
}
