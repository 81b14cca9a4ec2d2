package org.aitrust.bench;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aitrust.interceptor.validation.ConformanceCacheInvalidator;
import org.aitrust.server.StarterServerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The main class of a {@link BenchServer}'s JVM: starts one starter server with the Spring arguments it is given
 * (and the extra configuration classes named in {@code bench.server.sources}), reports its port on standard output,
 * then answers the parent on standard input: {@code heap} collects garbage and reports the heap still in use;
 * {@code cpu} reports the CPU time the JVM has used, all of it and its request threads'; {@code quality off} and
 * {@code quality on} unregister and register again the interceptors of the data-quality configuration, so that its
 * cost can be measured in one JVM with everything else alike; {@code stop}, or the parent going away, stops the
 * server.
 */
public final class BenchServerProcess {

	/** What every line meant for the parent starts with; anything else is the server's log. */
	static final String ANSWER = "aitrust-bench-";
	static final String PORT = ANSWER + "port=";
	static final String HEAP = ANSWER + "heap=";
	static final String CPU = ANSWER + "cpu=";
	static final String DONE = ANSWER + "done=";
	static final String REQUEST_THREAD_PREFIX = "http-nio-";

	private BenchServerProcess() {}

	public static void main(String[] args) throws Exception {
		List<Class<?>> sources = new ArrayList<>(List.of(StarterServerApplication.class));
		for (String name : System.getProperty("bench.server.sources", "").split(",")) {
			if (!name.isBlank()) {
				sources.add(Class.forName(name.trim()));
			}
		}
		ConfigurableApplicationContext server =
				new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(args);
		int port = ((WebServerApplicationContext) server).getWebServer().getPort();
		System.out.println("benchmark server on port " + port);
		// the FHIR port, then actuator's (the starter's management port, or the same one)
		System.out.println(PORT + port + "," + server.getEnvironment().getProperty("local.management.port", String.valueOf(port)));
		System.out.flush();
		QualitySwitch qualitySwitch = new QualitySwitch(server);
		try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			String command;
			while ((command = commands.readLine()) != null && !command.equals("stop")) {
				if (command.equals("heap")) {
					// twice: the first collection can leave finalizable and soft garbage for the second
					System.gc();
					System.gc();
					System.out.println(HEAP + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
					System.out.flush();
				} else if (command.startsWith("quality ")) {
					qualitySwitch.set(command.equals("quality on"));
					System.out.println(DONE + command);
					System.out.flush();
				} else if (command.equals("cpu")) {
					System.out.println(CPU + processCpuNanos() + "," + requestThreadCpuNanos());
					System.out.flush();
				}
			}
		} finally {
			server.close();
			System.exit(0);
		}
	}

	/**
	 * The interceptors the data-quality configuration registers, on the REST server (measuring each write, the DQD
	 * export) and on the storage layer (forgetting cached profile answers when a profile is stored).
	 */
	private static final class QualitySwitch {

		private final List<IInterceptorService> services;
		private final Map<IInterceptorService, List<Object>> unregistered = new HashMap<>();

		QualitySwitch(ConfigurableApplicationContext server) {
			this.services = List.of(server.getBean(RestfulServer.class).getInterceptorService(),
					server.getBean(IInterceptorService.class));
		}

		void set(boolean on) {
			for (IInterceptorService service : services) {
				if (on) {
					unregistered.getOrDefault(service, List.of()).forEach(service::registerInterceptor);
					unregistered.remove(service);
				} else if (!unregistered.containsKey(service)) {
					List<Object> quality = service.getAllRegisteredInterceptors().stream()
							.filter(interceptor -> interceptor.getClass().getPackageName().startsWith("org.aitrust.interceptor.quality")
									|| interceptor instanceof ConformanceCacheInvalidator)
							.toList();
					quality.forEach(service::unregisterInterceptor);
					unregistered.put(service, quality);
				}
			}
		}
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	/**
	 * CPU time of Tomcat's connector threads that are alive now. Its pool keeps at least ten threads, more than the
	 * benchmarks' clients, so the threads that served the measured requests are still there to be asked.
	 */
	private static long requestThreadCpuNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long nanos = 0;
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith(REQUEST_THREAD_PREFIX)) {
				nanos += Math.max(0, threads.getThreadCpuTime(thread.getId()));
			}
		}
		return nanos;
	}
}
