package org.aitrust.interceptor.quality.trend;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.aitrust.interceptor.core.UtcDays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the trends of every source and check from the database at a fixed interval and publishes them as gauges
 * ({@link TrendGauges}). Read from the shared tables rather than from this node's counters, so every node of a
 * cluster publishes the same cluster-wide figures (alert rules take the {@code max} over nodes). A failed read (the
 * database away) keeps the last figures and is logged; the next interval tries again. Without a Micrometer registry
 * it does not run.
 */
public class TrendRefresher implements SmartLifecycle {

	private static final Logger LOG = LoggerFactory.getLogger(TrendRefresher.class);

	private final QualityTrendReader reader;
	private final TrendGauges gauges;
	private final Clock clock;
	private final Duration interval;
	private ScheduledExecutorService executor;

	public TrendRefresher(QualityTrendReader reader, TrendGauges gauges, Clock clock, Duration interval) {
		this.reader = reader;
		this.gauges = gauges;
		this.clock = clock;
		this.interval = interval;
	}

	/** Reads and publishes the trends of the recent window ending today, by the module's clock. */
	public QualityTrends refresh() {
		QualityTrends trends = reader.read(UtcDays.of(clock.instant()));
		gauges.publish(trends);
		return trends;
	}

	@Override
	public synchronized void start() {
		if (executor != null || !gauges.active()) {
			return;
		}
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "aitrust-quality-trends");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::refreshLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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

	private void refreshLogged() {
		try {
			refresh();
		} catch (RuntimeException e) {
			LOG.warn("Could not refresh the quality trend gauges; keeping the last figures: {}", e.toString());
		}
	}
}
