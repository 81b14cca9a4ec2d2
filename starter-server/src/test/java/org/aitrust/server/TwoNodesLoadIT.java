package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.aitrust.testsupport.PostgresOnly;
import org.aitrust.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two starter servers on one PostgreSQL database under the reliability suite's mixed load ({@link MixedWriteLoad}),
 * behind no balancer: the eight clients alternate between the nodes request by request. Afterwards the invariants of
 * one server under load hold for the pair (no 5xx, one AI-Provenance per AI version and none for anything else, one
 * Device for the agent's model although both nodes met it first at once, counts equal to the writes sent), and the
 * two nodes answer {@code $data-quality} identically.
 */
@PostgresOnly("two nodes under load test the database server's concurrency, as a deployment has it; in the H2 pass"
		+ " both nodes would share one in-memory engine inside this JVM, which TwoNodesIT already covers")
class TwoNodesLoadIT {

	/** Writes per client; 400 (3,200 requests over the two nodes) unless told otherwise. */
	private static final int WRITES_PER_CLIENT = Integer.getInteger("aitrust.it.two-nodes.writes-per-client", 400);
	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

	@Test
	void twoNodesUnderMixedLoadKeepEveryInvariantAndAnswerDataQualityIdentically() throws Exception {
		Map<String, Object> properties = MixedWriteLoad.serverProperties(
				TestDatabase.current().prepare(TestDatabase.nameFor("TwoNodesLoadIT")), 0);
		try (ConfigurableApplicationContext nodeA = StarterServers.start(properties);
				ConfigurableApplicationContext nodeB = StarterServers.start(properties)) {
			List<Integer> ports = List.of(StarterServers.port(nodeA), StarterServers.port(nodeB));
			MixedWriteLoad load = new MixedWriteLoad(ports, CLIENT_TIMEOUT);

			load.run(WRITES_PER_CLIENT);
			System.out.println("[two nodes] " + MixedWriteLoad.CLIENTS + " clients x " + WRITES_PER_CLIENT
					+ " alternating between ports " + ports + ": " + load.throughput() + "; statuses "
					+ load.statusCounts());

			MixedWriteLoad.Stored stored = load.assertAllAcceptedAndConsistent(WRITES_PER_CLIENT);

			IGenericClient onA = TestGateway.client(ports.get(0));
			IGenericClient onB = TestGateway.client(ports.get(1));
			Map<String, List<Long>> totals = DataQualityReports.totals(onA);
			assertThat(DataQualityReports.totals(onB)).as("every measure, on node B").isEqualTo(totals);
			for (String source : MixedWriteLoad.SOURCES) {
				assertThat(DataQualityReports.totals(onB, "source", source)).as(source + ", on node B")
						.isEqualTo(DataQualityReports.totals(onA, "source", source));
			}
			long sent = load.acknowledgedBySource.values().stream().mapToLong(LongAdder::sum).sum();
			assertThat(totals.get("received")).containsExactly(sent, sent);
			assertThat(totals.get("rejected")).containsExactly(sent, 0L);
			assertThat(totals.get("ai-labelled")).containsExactly(sent, (long) stored.aiVersions().size());
			assertThat(totals.get("ai-without-provenance").get(1)).isZero();
			long takenByA = arrivalsTaken(nodeA);
			long takenByB = arrivalsTaken(nodeB);
			System.out.println("[two nodes] resources taken by node A " + takenByA + ", by node B " + takenByB);
			assertThat(takenByA).as("resources node A took").isPositive();
			assertThat(takenByB).as("resources node B took").isPositive();
			assertThat(takenByA + takenByB).isEqualTo(sent);
		}
	}

	/** A node's own count of the arrivals it took, from its meters (node-local, unlike {@code $data-quality}). */
	private static long arrivalsTaken(ConfigurableApplicationContext node) {
		return (long) node.getBean(MeterRegistry.class).find("aitrust.quality.arrivals").counters().stream()
				.mapToDouble(Counter::count).sum();
	}
}
