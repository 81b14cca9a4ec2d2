package org.aitrust.interceptor.quality.trend;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gauge {@code aitrust.quality.check.trend} (Prometheus: {@code aitrust_quality_check_trend}): for each check and
 * status, how many sources are in that status. Labels are bounded by the checks and the four statuses; the sources are
 * counted, not named, and {@code $data-quality}'s {@code trend-by-source} stratifier names them. Every status of every
 * check is published, most at 0, so an alert rule sees a series go from 0 to 1 rather than appear.
 */
public class TrendGauges {

	public static final String NAME = "aitrust.quality.check.trend";

	private final MultiGauge gauge;
	private final List<String> checkIds;

	/**
	 * @param registry where the gauge goes, or {@code null} where the host has no Micrometer registry (nothing is
	 *     published then)
	 * @param checkIds the checks to publish, in the order they are listed
	 */
	public TrendGauges(MeterRegistry registry, List<String> checkIds) {
		this.gauge = registry == null ? null : MultiGauge.builder(NAME)
				.description("Sources whose violation rate of a check is, recent window against baseline, in a trend"
						+ " status (worse, better, stable, no-baseline), computed from the database for the whole cluster")
				.register(registry);
		this.checkIds = List.copyOf(checkIds);
	}

	/** Whether there is a registry to publish to. */
	public boolean active() {
		return gauge != null;
	}

	/** Publishes the trends just read, replacing the previous figures. */
	public void publish(QualityTrends trends) {
		if (gauge == null) {
			return;
		}
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		for (String check : checkIds) {
			for (Map.Entry<TrendStatus, Integer> count : trends.sourcesByStatus(check).entrySet()) {
				rows.add(MultiGauge.Row.of(Tags.of("check", check, "status", count.getKey().code()), count.getValue()));
			}
		}
		gauge.register(rows, true);
	}
}
