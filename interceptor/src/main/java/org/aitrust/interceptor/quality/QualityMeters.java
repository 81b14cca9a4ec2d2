package org.aitrust.interceptor.quality;

import io.micrometer.core.instrument.Counter;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.aitrust.interceptor.quality.check.CheckOutcome;

/**
 * Prometheus-facing counters of this node's arrivals and check outcomes, and a histogram of write latency,
 * labelled only by bounded dimensions. The database holds the cluster-wide, exact totals; these are for alerting and dashboards.
 */
public class QualityMeters {

	private final MeterRegistry registry;

	public QualityMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Duration of one write request, by operation, resource type and whether it was accepted. */
	void timeWrite(RestOperationTypeEnum operation, String resourceType, boolean accepted, long nanos) {
		if (registry == null) {
			return;
		}
		Timer.builder("aitrust.write.duration")
				.description("Time to process a write request, including the module's own work")
				.tag("operation", operation.getCode() == null ? operation.name() : operation.getCode())
				.tag("resource_type", resourceType == null ? "none" : resourceType)
				.tag("accepted", Boolean.toString(accepted))
				.publishPercentileHistogram()
				.register(registry)
				.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Time the module spent measuring one accepted arrival (its checks and its rows), so the cost of metrics can be
	 * read against {@code aitrust.write.duration} on a live server.
	 */
	void timeMeasurement(String resourceType, long nanos) {
		if (registry == null) {
			return;
		}
		Timer.builder("aitrust.quality.measure.duration")
				.description("Time spent measuring one arriving resource: its quality checks and its stored counts")
				.tag("resource_type", resourceType)
				.register(registry)
				.record(nanos, TimeUnit.NANOSECONDS);
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
			event.breakdowns().forEach((breakdown, counts) -> counts.forEach((item, occurrences) ->
					finding(breakdown, item).increment(occurrences)));
			if (event.aiModel() != null) {
				// per model, never per patient stratum: strata are only reported with small-cell suppression
				Counter.builder("aitrust.oversight.writes")
						.description("AI-labelled resources that arrived in writes, by model version")
						.tag("model", event.aiModel())
						.tag("accepted", Boolean.toString(event.accepted()))
						.register(registry)
						.increment();
			}
		}
	}

	void count(QualityReview review) {
		if (registry != null) {
			finding(Breakdown.REVIEW_OUTCOME, review.outcome()).increment();
			Counter.builder("aitrust.oversight.reviews")
					.description("First reviews of AI-written versions, by model version and outcome")
					.tag("model", review.aiModel())
					.tag("outcome", review.outcome())
					.register(registry)
					.increment();
		}
	}

	private Counter finding(Breakdown breakdown, String item) {
		return Counter.builder("aitrust.quality.findings")
				.description("What the checks found, item by item: validation issues, invariants, unresolved"
						+ " reference targets, review outcomes")
				.tag("breakdown", breakdown.id())
				.tag("item", item)
				.register(registry);
	}
}
