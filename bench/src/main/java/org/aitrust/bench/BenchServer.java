package org.aitrust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aitrust.testsupport.LoopbackGatewayContextCustomizerFactory;
import org.aitrust.testsupport.TestDatabase;

/**
 * A starter server for the benchmarks, in a JVM of its own ({@link BenchServerProcess}): its heap can be read
 * without the other servers' in it, and its code is compiled by the JIT for its own work alone, as it would be in
 * production, where no other configuration's requests warm it up. The database is a fresh in-memory H2, or with
 * {@code -Dbench.db=postgres} a fresh PostgreSQL database ({@code aitrust_bench_<n>}, on the server the integration
 * tests use, {@code -Daitrust.it.postgres.url}), or the database a {@code spring.datasource.url} property given to
 * {@link #start} names, as it is. Each server's heap limit is {@code -Dbench.server.heap} (default
 * {@code 2g}); its log goes to {@code target/bench/server-<n>.log}, with
 * its port, and its garbage collections to {@code server-<n>-gc.log}.
 */
final class BenchServer implements AutoCloseable {

	private static final AtomicInteger STARTED = new AtomicInteger();
	private static final String TRUSTED_PROXIES = "aitrust.identity.trusted-proxies";
	static final String DATASOURCE_URL = "spring.datasource.url=";
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final Process process;
	private final PrintWriter commands;
	private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
	private final int port;
	private final int managementPort;

	private BenchServer(Process process, Path log) throws Exception {
		this.process = process;
		this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		Writer logFile = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
		Thread reader = new Thread(() -> copyOutput(logFile), "bench-server-output-" + log.getFileName());
		reader.setDaemon(true);
		reader.start();
		String first = answers.poll(10, TimeUnit.MINUTES);
		if (first == null || !first.startsWith(BenchServerProcess.PORT)) {
			process.destroyForcibly();
			throw new IllegalStateException("The benchmark server did not start; see " + log);
		}
		String[] ports = first.substring(BenchServerProcess.PORT.length()).split(",");
		this.port = Integer.parseInt(ports[0]);
		this.managementPort = Integer.parseInt(ports[1]);
	}

	/**
	 * Starts a server with these Spring properties ({@code name=value}) and extra configuration classes, and waits
	 * until it answers.
	 */
	static BenchServer start(List<String> properties, Class<?>... extraSources) throws Exception {
		int index = STARTED.incrementAndGet();
		Path folder = Path.of(System.getProperty("bench.out", "target/bench"));
		Files.createDirectories(folder);
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + System.getProperty("bench.server.heap", "2g"), "-XX:+UseParallelGC",
				"-Xlog:gc:file=" + folder.resolve("server-" + index + "-gc.log")));
		// For profiling one run, e.g. -Dbench.server.jvmArgs=-XX:StartFlightRecording=filename=server-{n}.jfr
		for (String argument : System.getProperty("bench.server.jvmArgs", "").split(" ")) {
			if (!argument.isBlank()) {
				command.add(argument.replace("{n}", String.valueOf(index)));
			}
		}
		command.addAll(List.of(
				"-Daitrust.shared.dir=" + System.getProperty("aitrust.shared.dir", "../shared"),
				"-Dbench.server.sources=" + String.join(",", Arrays.stream(extraSources).map(Class::getName).toList()),
				"-cp", System.getProperty("java.class.path"), BenchServerProcess.class.getName()));
		List<String> arguments = new ArrayList<>(List.of(
				"server.port=0",
				"logging.level.root=WARN",
				// HAPI logs every refused request (validation 422s included) with its stack trace at ERROR; the
				// benchmarks count refusals themselves.
				"logging.level.ca.uhn.fhir.interceptor.executor.BaseInterceptorService=OFF"));
		// a fresh database, unless the benchmark brings its own (ArrivalReportBenchmark: millions of generated rows)
		if (properties.stream().noneMatch(property -> property.startsWith(DATASOURCE_URL))) {
			engine().prepare("aitrust_bench_" + index).forEach((name, value) -> arguments.add(name + "=" + value));
		}
		arguments.addAll(properties);
		// The starter switches security and every capability on by default; the benchmarks start from the library's
		// defaults (all off, open) and switch on what they measure (SecurityOverheadBenchmark: security). Actuator
		// is on a management port of its own (a free one, on loopback), where the timers are read.
		for (String capability : List.of("security", "provenance", "quality", "oversight", "validation")) {
			String property = "aitrust." + capability + ".enabled=";
			if (properties.stream().noneMatch(given -> given.startsWith(property))) {
				arguments.add(property + "false");
			}
		}
		arguments.add("management.server.port=0");
		// The load harness is the trusted gateway: it names its clients in the agent header, from loopback.
		if (properties.stream().noneMatch(property -> property.startsWith(TRUSTED_PROXIES))) {
			arguments.add(TRUSTED_PROXIES + "=" + LoopbackGatewayContextCustomizerFactory.LOOPBACK);
		}
		arguments.forEach(argument -> command.add("--" + argument));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		return new BenchServer(process, folder.resolve("server-" + index + ".log"));
	}

	/** The database engine the benchmark servers use: {@code -Dbench.db=h2} (default) or {@code postgres}. */
	static TestDatabase engine() {
		return TestDatabase.fromProperty("bench.db");
	}

	int port() {
		return port;
	}

	/** MiB of heap the server still uses after a full collection. */
	double heapAfterCollectionMiB() throws InterruptedException {
		return Long.parseLong(ask("heap", BenchServerProcess.HEAP)) / 1048576.0;
	}

	/**
	 * CPU seconds the server's JVM has used so far: all its threads (the JIT compilers and the garbage collector
	 * among them), and its request threads alone. On H2 the request threads also run the database; PostgreSQL's work
	 * is in processes of its own and in neither figure.
	 */
	CpuTime cpuTime() throws InterruptedException {
		String[] nanos = ask("cpu", BenchServerProcess.CPU).split(",");
		return new CpuTime(Long.parseLong(nanos[0]) / 1e9, Long.parseLong(nanos[1]) / 1e9);
	}

	/** Unregisters the data-quality interceptors ({@code false}) or registers them again ({@code true}). */
	void measureQuality(boolean on) throws InterruptedException {
		ask("quality " + (on ? "on" : "off"), BenchServerProcess.DONE);
	}

	record CpuTime(double processSeconds, double requestThreadSeconds) {

		CpuTime plus(CpuTime other) {
			return new CpuTime(processSeconds + other.processSeconds, requestThreadSeconds + other.requestThreadSeconds);
		}

		CpuTime minus(CpuTime earlier) {
			return new CpuTime(processSeconds - earlier.processSeconds, requestThreadSeconds - earlier.requestThreadSeconds);
		}
	}

	private String ask(String command, String answerPrefix) throws InterruptedException {
		commands.println(command);
		String answer = answers.poll(2, TimeUnit.MINUTES);
		if (answer == null || !answer.startsWith(answerPrefix)) {
			throw new IllegalStateException("The benchmark server did not answer " + command + ": " + answer);
		}
		return answer.substring(answerPrefix.length());
	}

	/**
	 * {count, total milliseconds} of the server's timers of that name, those with the given {@code tag:value}s only if
	 * any are given, from its actuator; zeros when the server has no such timer.
	 */
	double[] timer(String name, String... tags) throws IOException, InterruptedException {
		double[] sums = new double[2];
		for (JsonNode measurement : metric(name, tags).path("measurements")) {
			switch (measurement.path("statistic").asText()) {
				case "COUNT" -> sums[0] = measurement.path("value").asDouble();
				case "TOTAL_TIME" -> sums[1] = measurement.path("value").asDouble() * 1000;
				default -> {
					// MAX is not a sum
				}
			}
		}
		return sums;
	}

	/** The values a tag of that meter has on the server. */
	List<String> tagValues(String name, String tag) throws IOException, InterruptedException {
		List<String> values = new ArrayList<>();
		for (JsonNode available : metric(name).path("availableTags")) {
			if (available.path("tag").asText().equals(tag)) {
				available.path("values").forEach(value -> values.add(value.asText()));
			}
		}
		return values;
	}

	private JsonNode metric(String name, String... tags) throws IOException, InterruptedException {
		StringBuilder query = new StringBuilder();
		for (String tag : tags) {
			query.append(query.isEmpty() ? "?" : "&").append("tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8));
		}
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + managementPort + "/actuator/metrics/" + name + query)).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.statusCode() == 404 ? JSON.createObjectNode() : JSON.readTree(response.body());
	}

	@Override
	public void close() throws InterruptedException {
		commands.println("stop");
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
	}

	private void copyOutput(Writer log) {
		try (log; BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith(BenchServerProcess.ANSWER)) {
					answers.add(line);
				} else {
					log.write(line);
					log.write(System.lineSeparator());
					log.flush();
				}
			}
		} catch (IOException e) {
			answers.add("output lost: " + e);
		}
		answers.add("exited");
	}
}
