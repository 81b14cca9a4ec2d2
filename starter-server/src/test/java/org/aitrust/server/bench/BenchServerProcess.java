package org.aitrust.server.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.aitrust.server.StarterServerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The main class of a {@link BenchServer}'s JVM: starts one starter server with the Spring arguments it is given
 * (and the extra configuration classes named in {@code bench.server.sources}), reports its port on standard output,
 * then answers the parent on standard input: {@code heap} collects garbage and reports the heap still in use;
 * {@code stop}, or the parent going away, stops the server.
 */
public final class BenchServerProcess {

	static final String PORT = "aitrust-bench-port=";
	static final String HEAP = "aitrust-bench-heap=";

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
		System.out.println(PORT + port);
		System.out.flush();
		try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			String command;
			while ((command = commands.readLine()) != null && !command.equals("stop")) {
				if (command.equals("heap")) {
					// twice: the first collection can leave finalizable and soft garbage for the second
					System.gc();
					System.gc();
					System.out.println(HEAP + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
					System.out.flush();
				}
			}
		} finally {
			server.close();
			System.exit(0);
		}
	}
}
