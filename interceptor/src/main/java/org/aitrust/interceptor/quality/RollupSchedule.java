package org.aitrust.interceptor.quality;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.aitrust.interceptor.store.DailyRollup;
import org.aitrust.interceptor.store.RollupRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the daily rollup job on every node at a fixed interval ({@code aitrust.quality.rollup.interval}), the first run
 * a minute after start-up. The job itself makes sure one node works at a time; a failed run is logged and retried at
 * the next interval.
 */
public class RollupSchedule implements SmartLifecycle {

	private static final Logger LOG = LoggerFactory.getLogger(RollupSchedule.class);
	private static final Duration FIRST_RUN = Duration.ofMinutes(1);

	private final DailyRollup rollup;
	private final Duration interval;
	private ScheduledExecutorService executor;

	public RollupSchedule(DailyRollup rollup, Duration interval) {
		this.rollup = rollup;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "aitrust-rollup");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::runOnce, FIRST_RUN.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void runOnce() {
		try {
			RollupRun run = rollup.run();
			LOG.info("Quality rollup: {}", run);
		} catch (RuntimeException e) {
			LOG.warn("Quality rollup failed; retried in {}", interval, e);
		}
	}

	@Override
	public synchronized void stop() {
		if (executor != null) {
			executor.shutdownNow();
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}
}
