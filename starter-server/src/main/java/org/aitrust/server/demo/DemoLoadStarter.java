package org.aitrust.server.demo;

import ca.uhn.fhir.context.FhirContext;
import org.aitrust.server.StarterServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts the demo load ({@code aitrust.server.demo.load}) once the server takes requests, on a thread of its own
 * so that the server is usable, and the dashboard fills, while it runs.
 */
public class DemoLoadStarter implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(DemoLoadStarter.class);

	private final StarterServerProperties.Demo settings;
	private final DemoClock clock;
	private final java.util.function.Supplier<String> accessToken;

	/**
	 * @param clock the module's clock, which the loader moves while it writes the history
	 * @param accessToken the loader's bearer token, or {@code null} when the server authenticates no one
	 */
	public DemoLoadStarter(StarterServerProperties.Demo settings, DemoClock clock,
			java.util.function.Supplier<String> accessToken) {
		this.settings = settings;
		this.clock = clock;
		this.accessToken = accessToken;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
		String dashboard = "http://127.0.0.1:" + port
				+ event.getApplicationContext().getEnvironment().getProperty("aitrust.dashboard.path", "/quality") + "/";
		// a client context of its own: the server's context must not take on client settings
		DemoLoader loader = new DemoLoader(FhirContext.forR4(), "http://localhost:" + port + "/fhir", dashboard, settings,
				clock, accessToken);
		Thread thread = new Thread(() -> {
			try {
				loader.load();
			} catch (Exception e) {
				log.error("Demo load failed: {}", e.toString(), e);
			}
		}, "aitrust-demo-load");
		thread.setDaemon(true);
		thread.start();
	}
}
