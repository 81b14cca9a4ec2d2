package org.aitrust.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.TestDatabase;

/**
 * The reports at hospital scale on PostgreSQL: starts a benchmark server ({@link BenchServer}, a JVM of its own) on the
 * database {@link ArrivalGenerator} filled, and times over HTTP {@code $data-quality} for the last 30 and 365 days,
 * of all sources and of the busiest source, and {@code $ai-oversight} for one model (its default recent week, and 30
 * days). Each request is sent {@code bench.runs} times (default 9), the requests taking turns so the machine's
 * drift falls on all alike: the first run of each, on a server that has answered nothing yet, is reported apart as
 * cold; of the others the median and the range from the second-smallest to the second-largest (for nine runs, about a
 * 96% interval of the median).
 *
 * <p>With {@code -Dbench.rollup=true} (for a build with daily rollups, issue 27), it then calls
 * {@code POST [base]/$aitrust-rollup}, prints what it did and how long it took, and times the same requests again
 * ("after rollups"); then measures the write path with the rollup job running and not: single creates in
 * interleaved rounds, in half the rounds a client calling {@code $aitrust-rollup} back to back. Without the flag it
 * times raw-row reports only. Prints its tables and writes them under {@code target/bench/}.
 *
 * <p>Options: {@code bench.database} (default {@value ArrivalGenerator#DEFAULT_DATABASE}), {@code bench.lastDay} (the
 * generator's last day, default yesterday), {@code bench.days} (the {@code $data-quality} periods, default
 * {@code 30,365}), {@code bench.runs}, {@code bench.rounds} (20), {@code bench.requests}
 * (creates per round, 300), {@code bench.clients} (2), and {@code -Daitrust.it.postgres.url} for the PostgreSQL server.
 */
public final class ArrivalReportBenchmark {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private ArrivalReportBenchmark() {}

	public static void main(String[] args) throws Exception {
		BenchReport.quietLogging();
		String database = System.getProperty("bench.database", ArrivalGenerator.DEFAULT_DATABASE);
		LocalDate lastDay = ArrivalGenerator.lastDay();
		int runs = Integer.getInteger("bench.runs", 9);
		boolean rollup = Boolean.getBoolean("bench.rollup");
		Map<String, Object> connection = TestDatabase.POSTGRES.connectionTo(database);
		List<String> properties = new ArrayList<>();
		connection.forEach((name, value) -> properties.add(name + "=" + value));
		properties.addAll(List.of("aitrust.quality.enabled=true", "aitrust.oversight.enabled=true",
				"aitrust.provenance.enabled=true"));
		if (rollup) {
			// The job runs only when the harness calls it: the scheduled run a minute after start-up would otherwise
			// roll days up while the "before" figures are timed.
			properties.add("aitrust.quality.rollup.enabled=false");
		}
		BenchReport report = new BenchReport("arrival-reports", String.format(Locale.ROOT,
				"$data-quality and $ai-oversight over HTTP on PostgreSQL database %s (%s arrivals), history ending %s",
				database, arrivalCount(database), lastDay));
		try (BenchServer server = BenchServer.start(properties)) {
			String base = "http://127.0.0.1:" + server.port() + "/fhir/";
			Map<String, String> requests = requests(base, lastDay);
			reportTable(report, "Before rollups: raw-row reports, ms", time(requests, runs)).print();
			if (rollup) {
				long started = System.nanoTime();
				HttpResponse<String> done = post(base + "$aitrust-rollup");
				double seconds = (System.nanoTime() - started) / 1e9;
				System.out.printf(Locale.ROOT, "$aitrust-rollup: HTTP %d in %.1f s%n%s%n", done.statusCode(), seconds,
						done.body());
				report.table("Rollup of every closed day", BenchReport.Column.text("request"),
						new BenchReport.Column("HTTP", "%d"), new BenchReport.Column("seconds", "%.1f"))
						.row("POST $aitrust-rollup", done.statusCode(), seconds).note(done.body()).print();
				reportTable(report, "After rollups, ms", time(requests, runs)).print();
				writesWithTheRollupJob(report, server.port(), base).print();
			}
		}
		report.write();
	}

	/** The requests timed: a dashboard's month and a quality team's year, all sources and one; one model's oversight. */
	private static Map<String, String> requests(String base, LocalDate lastDay) {
		String source = ArrivalGenerator.SOURCES.get(0);
		String model = URLEncoder.encode(ArrivalGenerator.MODELS.get(0), StandardCharsets.UTF_8);
		Map<String, String> requests = new LinkedHashMap<>();
		for (String given : System.getProperty("bench.days", "30,365").split(",")) {
			int days = Integer.parseInt(given.trim());
			String period = "start=" + lastDay.minusDays(days - 1L) + "&end=" + lastDay;
			requests.put("$data-quality, " + days + " days", base + "$data-quality?" + period);
			requests.put("$data-quality, " + days + " days, source " + source,
					base + "$data-quality?" + period + "&source=" + source);
		}
		requests.put("$ai-oversight, model " + ArrivalGenerator.MODELS.get(0) + ", default week",
				base + "$ai-oversight?model=" + model);
		requests.put("$ai-oversight, model " + ArrivalGenerator.MODELS.get(0) + ", 30 days",
				base + "$ai-oversight?model=" + model + "&start=" + lastDay.minusDays(29) + "&end=" + lastDay);
		return requests;
	}

	/** Milliseconds of each run of each request, the requests taking turns run by run. */
	private static Map<String, double[]> time(Map<String, String> requests, int runs) throws Exception {
		Map<String, double[]> times = new LinkedHashMap<>();
		requests.keySet().forEach(name -> times.put(name, new double[runs]));
		for (int run = 0; run < runs; run++) {
			for (Map.Entry<String, String> request : requests.entrySet()) {
				long started = System.nanoTime();
				HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(request.getValue()))
						.header("Accept", "application/fhir+json").timeout(Duration.ofMinutes(30)).build(),
						HttpResponse.BodyHandlers.ofString());
				times.get(request.getKey())[run] = (System.nanoTime() - started) / 1e6;
				if (response.statusCode() != 200) {
					throw new IllegalStateException(request.getKey() + ": HTTP " + response.statusCode() + " "
							+ response.body());
				}
			}
		}
		return times;
	}

	private static BenchReport.Table reportTable(BenchReport report, String title, Map<String, double[]> times) {
		BenchReport.Table table = report.table(title, BenchReport.Column.text("request"),
				new BenchReport.Column("cold (first)", "%.0f"), new BenchReport.Column("median", "%.0f"),
				new BenchReport.Column("interval low", "%.0f"), new BenchReport.Column("interval high", "%.0f"),
				new BenchReport.Column("warm runs", "%d"));
		times.forEach((name, ms) -> {
			double[] warm = Arrays.copyOfRange(ms, 1, ms.length);
			Arrays.sort(warm);
			int edge = warm.length >= 6 ? 1 : 0;
			table.row(name, ms[0], median(warm), warm[edge], warm[warm.length - 1 - edge], warm.length);
		});
		return table.note("Cold: the first request of its kind on a server that had answered nothing yet (JIT cold;"
				+ " PostgreSQL's and the OS's caches as the previous request left them). Interval: the second-smallest"
				+ " to the second-largest warm run (about 96% for the median of eight), or min to max below six runs."
				+ " Load average at the end " + BenchReport.loadAverage() + ".");
	}

	private static double median(double[] sorted) {
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/**
	 * Creates per second in interleaved rounds, the rollup job idle and running (a client calling
	 * {@code $aitrust-rollup} back to back through the round), each round starting with the other side.
	 */
	private static BenchReport.Table writesWithTheRollupJob(BenchReport report, int port, String base) throws Exception {
		int rounds = Integer.getInteger("bench.rounds", 20);
		int requests = Integer.getInteger("bench.requests", 300);
		int clients = Integer.getInteger("bench.clients", 2);
		String subject = WriteOverheadBenchmark.subjectOn(port);
		HttpLoad.warmUp("creates", clients, Integer.getInteger("bench.warmup", 2000),
				() -> i -> FhirTestClients.forPort(port).create()
						.resource(WriteOverheadBenchmark.heartRate(subject, 60 + i % 40)).execute().getResponseStatusCode());
		Map<String, List<HttpLoad.Tally>> sides = new LinkedHashMap<>();
		sides.put("rollup job idle", new ArrayList<>());
		sides.put("rollup job running", new ArrayList<>());
		AtomicInteger rollups = new AtomicInteger();
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < 2; i++) {
				boolean running = (round + i) % 2 == 1;
				AtomicBoolean stop = new AtomicBoolean();
				Thread job = new Thread(() -> {
					while (running && !stop.get()) {
						try {
							post(base + "$aitrust-rollup");
							rollups.incrementAndGet();
						} catch (Exception e) {
							throw new IllegalStateException("$aitrust-rollup failed", e);
						}
					}
				}, "bench-rollup-job");
				job.start();
				try {
					sides.get(running ? "rollup job running" : "rollup job idle").add(HttpLoad.drive(clients, requests,
							() -> {
								var client = FhirTestClients.forPort(port);
								return n -> client.create().resource(WriteOverheadBenchmark.heartRate(subject, 60 + n % 40))
										.execute().getResponseStatusCode();
							}));
				} finally {
					stop.set(true);
					job.join();
				}
			}
		}
		return HttpLoad.throughputTable(report, "Creates with the rollup job idle and running", sides)
				.note(String.format(Locale.ROOT, "%d rounds of %d heart-rate creates from %d clients per side;"
						+ " %d $aitrust-rollup calls ran during the 'running' rounds.", rounds, requests, clients,
						rollups.get()));
	}

	private static HttpResponse<String> post(String url) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json")
				.timeout(Duration.ofMinutes(60)).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** PostgreSQL's estimate of the arrival rows, for the title; reading it costs nothing. */
	private static String arrivalCount(String database) throws Exception {
		Map<String, Object> connection = TestDatabase.POSTGRES.connectionTo(database);
		try (var db = java.sql.DriverManager.getConnection((String) connection.get("spring.datasource.url"),
				(String) connection.get("spring.datasource.username"), (String) connection.get("spring.datasource.password"));
				var statement = db.createStatement();
				var rows = statement.executeQuery(
						"SELECT reltuples::bigint FROM pg_class WHERE relname = 'aitrust_quality_arrival'")) {
			return rows.next() ? String.format(Locale.ROOT, "%,d", rows.getLong(1)) : "no";
		}
	}
}
