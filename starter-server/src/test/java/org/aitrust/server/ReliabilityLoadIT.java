package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.aitrust.testsupport.PostgresOnly;
import org.aitrust.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reliability suite: a starter server under a sustained mixed load ({@link MixedWriteLoad}), then under that
 * load with its database connections terminated (the requests that meet a dead connection get 503 and
 * {@code Retry-After}), then killed with SIGKILL and restarted. After each, what a user would check through the FHIR
 * API holds: every acknowledged write is stored, every AI version has exactly one AI-Provenance, and the
 * data-quality counts match the stored resources exactly.
 */
@PostgresOnly("it terminates PostgreSQL server processes and restarts a server on a database that outlives it;"
		+ " the in-memory H2 of the other pass has neither")
class ReliabilityLoadIT {

	/** Writes per client in the sustained load; 1,000 (8,000 requests) unless told otherwise. */
	private static final int WRITES_PER_CLIENT = Integer.getInteger("aitrust.it.reliability.writes-per-client", 1000);
	private static final int FAULT_WRITES_PER_CLIENT = 250;
	private static final int TERMINATIONS = 5;
	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
	/** Not the default (5 s), so the answers show the setting is applied. */
	private static final int RETRY_AFTER_SECONDS = 3;

	@Test
	void eightClientsOfMixedWritesLeaveOneProvenancePerAiVersionAndExactCounts() throws Exception {
		Map<String, Object> database = TestDatabase.current().prepare(TestDatabase.nameFor("ReliabilityLoadIT_load"));
		try (ConfigurableApplicationContext server = StarterServers.start(MixedWriteLoad.serverProperties(database, 0))) {
			MixedWriteLoad load = new MixedWriteLoad(StarterServers.port(server), CLIENT_TIMEOUT);

			load.run(WRITES_PER_CLIENT);
			System.out.println("[reliability] sustained load, " + MixedWriteLoad.CLIENTS + " clients x "
					+ WRITES_PER_CLIENT + ": " + load.throughput() + "; statuses " + load.statusCounts());

			load.assertAllAcceptedAndConsistent(WRITES_PER_CLIENT);
		}
	}

	@Test
	void terminatedDatabaseConnectionsAreAnswered503WithRetryAfterAndLeaveNoAiWriteWithoutItsProvenance() throws Exception {
		Map<String, Object> database = TestDatabase.current().prepare(TestDatabase.nameFor("ReliabilityLoadIT_faults"));
		Map<String, Object> properties = new java.util.HashMap<>(MixedWriteLoad.serverProperties(database, 0));
		properties.put("aitrust.database-unavailable.retry-after", RETRY_AFTER_SECONDS + "s");
		try (ConfigurableApplicationContext server = StarterServers.start(properties)) {
			MixedWriteLoad load = new MixedWriteLoad(StarterServers.port(server), CLIENT_TIMEOUT);
			int total = MixedWriteLoad.CLIENTS * FAULT_WRITES_PER_CLIENT;

			CompletableFuture<List<Integer>> faults = CompletableFuture.supplyAsync(() -> {
				List<Integer> terminated = new ArrayList<>();
				for (int k = 1; k <= TERMINATIONS; k++) {
					awaitCompleted(load, k * total / (TERMINATIONS + 1));
					terminated.add(terminateServerConnections(database));
				}
				return terminated;
			});
			load.run(FAULT_WRITES_PER_CLIENT);
			List<Integer> terminated = faults.get();
			System.out.println("[reliability] connection faults: terminated backends " + terminated + "; "
					+ load.throughput() + "; statuses " + load.statusCounts());

			assertThat(terminated.stream().mapToInt(Integer::intValue).sum()).as("connections terminated").isPositive();
			assertThat(load.noAnswer).as("requests without an HTTP answer").isEmpty();
			assertThat(load.unclean).as("failures without an OperationOutcome").isEmpty();
			assertThat(load.failures).as("requests that met a terminated connection").isNotEmpty()
					.allSatisfy(ReliabilityLoadIT::isDatabaseUnavailable);
			assertThat(load.statusCounts().keySet()).as("accepted, or told the database is unavailable")
					.isSubsetOf(200, 201, 503);
			load.assertConsistent();
			load.assertAcceptsAnAgentWrite();
		}
	}

	@Test
	void aServerKilledWithSigkillKeepsEveryAcknowledgedWriteWithItsProvenanceAndCount(
			@org.junit.jupiter.api.io.TempDir Path logs) throws Exception {
		Map<String, Object> database = TestDatabase.current().prepare(TestDatabase.nameFor("ReliabilityLoadIT_kill"));
		int port = freePort();
		Map<String, Object> properties = new java.util.HashMap<>(MixedWriteLoad.serverProperties(database, port));
		properties.put("aitrust.server.data-dir", logs.toString());
		MixedWriteLoad load = new MixedWriteLoad(port, CLIENT_TIMEOUT);
		Process first = startProcess(properties, logs.resolve("first.log"));
		Process second = null;
		try {
			awaitReady(first, port, logs.resolve("first.log"));
			CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
				awaitCompleted(load, MixedWriteLoad.CLIENTS * FAULT_WRITES_PER_CLIENT / 2);
				// Mid-load, with requests in flight: the JVM gets no chance to finish or roll anything back.
				first.destroyForcibly();
				load.stop.set(true);
			});
			load.run(FAULT_WRITES_PER_CLIENT);
			killer.get();
			first.waitFor();
			System.out.println("[reliability] SIGKILL at " + load.completed.get() + " requests: " + load.acknowledged.size()
					+ " resources acknowledged, " + load.noAnswer.size() + " requests cut off; statuses "
					+ load.statusCounts());
			assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
			assertThat(load.unclean).isEmpty();
			assertThat(load.statusCounts().keySet()).containsOnly(200, 201);

			second = startProcess(properties, logs.resolve("second.log"));
			awaitReady(second, port, logs.resolve("second.log"));
			MixedWriteLoad.Stored stored = load.assertConsistent();
			System.out.println("[reliability] after restart: " + stored.observations().size() + " stored, "
					+ (stored.observations().size() - load.acknowledged.size()) + " of them unacknowledged");
			load.assertAcceptsAnAgentWrite();
		} finally {
			first.destroyForcibly().waitFor();
			if (second != null) {
				second.destroyForcibly().waitFor();
			}
		}
	}

	/** 503, when to retry, and an OperationOutcome that says why in words, not in SQL or a stack trace. */
	private static void isDatabaseUnavailable(MixedWriteLoad.Failure failure) {
		assertThat(failure.status()).isEqualTo(503);
		assertThat(failure.retryAfter()).isEqualTo(String.valueOf(RETRY_AFTER_SECONDS));
		assertThat(failure.outcome().getIssue()).singleElement().satisfies(issue -> {
			assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
			assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
			assertThat(issue.getDiagnostics()).contains("database is unavailable", "Retry")
					.doesNotContain("Exception", "SQL", "select", "insert", "\tat ");
		});
	}

	/** Waits until the load has completed that many requests or has ended; the load's own timeouts bound it. */
	private static void awaitCompleted(MixedWriteLoad load, int requests) {
		Awaitility.await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(20))
				.until(() -> load.completed.get() >= requests || load.stop.get());
	}

	/** The statement from the brief, from a connection of its own: every other session on the test database ends. */
	private static int terminateServerConnections(Map<String, Object> database) {
		try (Connection connection = DriverManager.getConnection((String) database.get("spring.datasource.url"),
						(String) database.get("spring.datasource.username"), (String) database.get("spring.datasource.password"));
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
						+ " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
			int terminated = 0;
			while (result.next()) {
				terminated += result.getBoolean(1) ? 1 : 0;
			}
			return terminated;
		} catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The packaged server, as an administrator runs it, in a JVM of its own that can be killed. */
	private static Process startProcess(Map<String, Object> properties, Path log) throws IOException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx1g", "-jar", Path.of("target", "aitrust-starter-server.jar").toAbsolutePath().toString()));
		// the load clients name themselves with the agent header from loopback: they are the trusted gateway
		StarterServers.asTestGateway(properties).forEach((key, value) -> command.add("--" + key + "=" + value));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static void awaitReady(Process server, int port, Path log) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest metadata = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/metadata"))
				.timeout(Duration.ofSeconds(30)).build();
		Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
				.until(() -> {
					if (!server.isAlive()) {
						throw new AssertionError("server exited:\n" + tail(log));
					}
					try {
						return http.send(metadata, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
					} catch (IOException notYet) {
						return false; // not listening yet
					}
				});
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		} catch (IOException e) {
			return "(no log: " + e + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
