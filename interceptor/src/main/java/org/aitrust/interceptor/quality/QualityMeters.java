package org.aitrust.interceptor.quality;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.aitrust.interceptor.quality.check.CheckOutcome;

/**
 * Prometheus-facing counters of this node's arrivals and check outcomes, labelled only by bounded
 * dimensions. The database holds the cluster-wide, exact totals; these are for alerting and dashboards.
 */
public class QualityMeters {

	private final MeterRegistry registry;

	public QualityMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	void count(List<QualityEvent> events) {
		if (registry == null) {
			return;
		}
		for (QualityEvent event : events) {
			Counter.builder("aitrust.quality.arrivals")
					.description("Resources that arrived in writes")
					.tag("source", event.source())
					.tag("resource_type", event.resourceType())
					.tag("accepted", Boolean.toString(event.accepted()))
					.tag("ai", Boolean.toString(event.aiLabelled()))
					.register(registry)
					.increment();
			event.outcomes().forEach((check, outcome) -> {
				if (outcome != CheckOutcome.NOT_APPLICABLE) {
					Counter.builder("aitrust.quality.checks")
							.description("Quality check outcomes of arriving resources")
							.tag("check", check)
							.tag("outcome", outcome == CheckOutcome.FAIL ? "fail" : "pass")
							.register(registry)
							.increment();
				}
			});
		}
	}
}
