package org.aitrust.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Drives starter servers ({@link BenchServer}) over HTTP for the load benchmarks: sends requests from concurrent
 * clients, measures in interleaved rounds (so JIT warm-up, garbage collection and whatever else the
 * machine does fall on every configuration alike), and keeps latencies and HTTP statuses.
 */
final class HttpLoad {

	private HttpLoad() {}

	/** One client's connection to a server; not shared between threads. */
	interface Client {

		/** Sends this client's {@code i}-th request and returns the HTTP status. */
		int send(int i) throws Exception;

		/** What the {@code i}-th request is, for latencies by kind; one kind by default. */
		default String kind(int i) {
			return "";
		}
	}

	/** Latencies (ns), statuses and wall time of requests, overall and by kind. */
	static final class Tally {
		private final List<Long> latencies = new ArrayList<>();
		private final Map<Integer, Integer> statuses = new TreeMap<>();
		private final Map<String, Tally> byKind = new TreeMap<>();
		private long nanos;

		private synchronized void record(String kind, long latency, int status) {
			latencies.add(latency);
			statuses.merge(status, 1, Integer::sum);
			if (!kind.isEmpty()) {
				byKind.computeIfAbsent(kind, k -> new Tally()).record("", latency, status);
			}
		}

		private void add(Tally other) {
			latencies.addAll(other.latencies);
			other.statuses.forEach((status, n) -> statuses.merge(status, n, Integer::sum));
			other.byKind.forEach((kind, tally) -> byKind.computeIfAbsent(kind, k -> new Tally()).add(tally));
			nanos += other.nanos;
		}

		int requests() {
			return latencies.size();
		}

		/** Requests per second of wall time (all clients together); only meaningful overall, not by kind. */
		double perSecond() {
			return latencies.size() / (nanos / 1e9);
		}

		double medianMs() {
			return percentileMs(0.50);
		}

		double p95Ms() {
			return percentileMs(0.95);
		}

		/** Nearest-rank percentile of the latencies, in milliseconds. */
		double percentileMs(double fraction) {
			List<Long> sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * fraction) - 1)) / 1e6;
		}

		/** Requests answered with anything but 2xx. */
		int failures() {
			return statuses.entrySet().stream().filter(e -> e.getKey() < 200 || e.getKey() > 299)
					.mapToInt(Map.Entry::getValue).sum();
		}

		Map<Integer, Integer> statuses() {
			return statuses;
		}

		Tally kind(String kind) {
			return byKind.get(kind);
		}
	}

	/** Drives a server before it is measured, printing how long that took; a failure names the configuration. */
	static void warmUp(String configuration, int clients, int requests, Supplier<Client> connect) throws Exception {
		try {
			Tally tally = drive(clients, requests, connect);
			System.out.printf(Locale.ROOT, "warmed up %s: %d requests at %.1f/s%n", configuration, tally.requests(),
					tally.perSecond());
		} catch (Exception e) {
			throw new IllegalStateException("Warming up " + configuration + " failed", e);
		}
	}

	/** Sends {@code requests} requests from {@code clients} concurrent clients, each with its own connection. */
	static Tally drive(int clients, int requests, Supplier<Client> connect) throws Exception {
		return driveWhile(clients, connect, c -> {
			int share = requests / clients + (c < requests % clients ? 1 : 0);
			return i -> i < share;
		});
	}

	/**
	 * Sends requests from {@code clients} concurrent clients, each with its own connection, until {@code duration} has
	 * passed: for a load that runs beside something else of fixed length.
	 */
	static Tally driveFor(int clients, Duration duration, Supplier<Client> connect) throws Exception {
		long deadline = System.nanoTime() + duration.toNanos();
		return driveWhile(clients, connect, c -> i -> System.nanoTime() < deadline);
	}

	/** Each client {@code c} sends its {@code i}-th request while {@code more.apply(c).test(i)}. */
	private static Tally driveWhile(int clients, Supplier<Client> connect, IntFunction<IntPredicate> more)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		Tally tally = new Tally();
		try {
			List<Callable<Void>> work = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				IntPredicate keepGoing = more.apply(c);
				work.add(() -> {
					Client client = connect.get();
					for (int i = 0; keepGoing.test(i); i++) {
						long start = System.nanoTime();
						int status = client.send(i);
						tally.record(client.kind(i), System.nanoTime() - start, status);
					}
					return null;
				});
			}
			long started = System.nanoTime();
			for (Future<Void> done : pool.invokeAll(work)) {
				done.get();
			}
			tally.nanos = System.nanoTime() - started;
			return tally;
		} finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Measures every target in {@code rounds} rounds, each round driving the targets one after another with an
	 * equal share of {@code requests}, starting one target later each round so that no target always follows the
	 * same one (whose garbage collection or background work would otherwise fall on it); returns each target's
	 * rounds, in the targets' order, so drift between rounds can be seen beside the totals ({@link #merge}).
	 */
	static Map<String, List<Tally>> interleave(Map<String, Supplier<Client>> targets, int clients, int requests, int rounds)
			throws Exception {
		Map<String, List<Tally>> tallies = new LinkedHashMap<>();
		targets.keySet().forEach(name -> tallies.put(name, new ArrayList<>()));
		List<Map.Entry<String, Supplier<Client>>> order = new ArrayList<>(targets.entrySet());
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < order.size(); i++) {
				Map.Entry<String, Supplier<Client>> target = order.get((round + i) % order.size());
				tallies.get(target.getKey()).add(drive(clients, requests / rounds, target.getValue()));
			}
		}
		return tallies;
	}

	/** The rounds' requests together; requests per second over the rounds' summed wall time. */
	static Tally merge(List<Tally> rounds) {
		Tally all = new Tally();
		rounds.forEach(all::add);
		return all;
	}

	/**
	 * The throughput table both load benchmarks print: per configuration requests per second, median and p95 latency,
	 * throughput relative to the first configuration, requests per second round by round, and answers other than 2xx.
	 */
	static BenchReport.Table throughputTable(BenchReport report, String title, Map<String, List<Tally>> rounds) {
		BenchReport.Table table = report.table(title, BenchReport.Column.text("configuration"),
				new BenchReport.Column("req/s", "%.1f"), new BenchReport.Column("median ms", "%.2f"),
				new BenchReport.Column("p95 ms", "%.2f"), new BenchReport.Column("ratio", "%.3f"),
				BenchReport.Column.text("req/s by round"), new BenchReport.Column("non-2xx", "%d"));
		double baseline = merge(rounds.values().iterator().next()).perSecond();
		rounds.forEach((name, list) -> {
			Tally all = merge(list);
			String byRound = String.join(" ", list.stream()
					.map(r -> String.format(Locale.ROOT, "%.1f", r.perSecond())).toList());
			table.row(name, all.perSecond(), all.medianMs(), all.p95Ms(), all.perSecond() / baseline, byRound, all.failures());
		});
		return table;
	}

	/** Each server's CPU time so far ({@link BenchServer#cpuTime}), to be subtracted from what it has after a run. */
	static Map<String, BenchServer.CpuTime> cpuTimes(Map<String, BenchServer> servers) throws InterruptedException {
		Map<String, BenchServer.CpuTime> times = new LinkedHashMap<>();
		for (Map.Entry<String, BenchServer> server : servers.entrySet()) {
			times.put(server.getKey(), server.getValue().cpuTime());
		}
		return times;
	}

	/**
	 * CPU each server spent per request since {@code before}, relative to the first server: the work a request cost,
	 * which moves less than throughput with what else the machine runs, but still differs between JVMs with how far
	 * the JIT has come in each (see the README's write-overhead figures).
	 */
	static BenchReport.Table cpuTable(BenchReport report, Map<String, BenchServer> servers,
			Map<String, BenchServer.CpuTime> before, int requestsEach) throws InterruptedException {
		BenchReport.Table table = report.table("Server CPU per request during those runs",
				BenchReport.Column.text("configuration"), new BenchReport.Column("request threads ms", "%.3f"),
				new BenchReport.Column("ratio", "%.3f"), new BenchReport.Column("whole JVM ms", "%.3f"),
				new BenchReport.Column("ratio", "%.3f"));
		BenchServer.CpuTime baseline = null;
		for (Map.Entry<String, BenchServer> server : servers.entrySet()) {
			BenchServer.CpuTime used = server.getValue().cpuTime().minus(before.get(server.getKey()));
			baseline = baseline == null ? used : baseline;
			table.row(server.getKey(), 1000 * used.requestThreadSeconds() / requestsEach,
					used.requestThreadSeconds() / baseline.requestThreadSeconds(), 1000 * used.processSeconds() / requestsEach,
					used.processSeconds() / baseline.processSeconds());
		}
		return table.note("Request threads are Tomcat's, which read, store and answer each request (on H2 they also run"
				+ " the database); the whole JVM adds the JIT compilers, the garbage collector, and background work while"
				+ " the other servers were measured.");
	}

	/** Each server's heap after a full collection at the end of the run, in its own JVM. */
	static BenchReport.Table heapTable(BenchReport report, Map<String, BenchServer> servers) throws InterruptedException {
		BenchReport.Table table = report.table("Heap of each server after the run and a full collection",
				BenchReport.Column.text("configuration"), new BenchReport.Column("MiB", "%.0f"));
		for (Map.Entry<String, BenchServer> server : servers.entrySet()) {
			table.row(server.getKey(), server.getValue().heapAfterCollectionMiB());
		}
		return table.note("Each server runs in a JVM of its own (-Dbench.server.heap, default 2g), so the figure is"
				+ " that configuration's alone: the data it stored, its caches and HAPI's.");
	}
}
