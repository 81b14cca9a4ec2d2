package org.aitrust.interceptor.quality;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.interceptor.store.Breakdown;
import org.aitrust.interceptor.store.QualityEvent;
import org.aitrust.interceptor.store.QualityReview;

/**
 * Prometheus-facing counters of this node's arrivals and check outcomes, and a histogram of write latency,
 * labelled only by bounded dimensions. The database holds the cluster-wide, exact totals; these are for alerting and dashboards.
 */
public class QualityMeters {

	private final MeterRegistry registry;
	/**
	 * Meters already registered, by name and tags. Each write moves a dozen or more counters, and finding one through
	 * the registry's builder costs more than the increment; there are as few of them as their tags allow.
	 */
	private final Map<List<String>, Meter> registered = new ConcurrentHashMap<>();
	/*
	 * The meters that move on every write, by the tags that vary: found without building a key of name and all tags
	 * each time. Bounded as the registered meters are, by the folded dimensions.
	 */
	private final Map<WriteTags, Timer> writeTimers = new ConcurrentHashMap<>();
	private final Map<String, Timer> measurementTimers = new ConcurrentHashMap<>();
	private final Map<String, Counter> passedChecks = new ConcurrentHashMap<>();
	private final Map<String, Counter> failedChecks = new ConcurrentHashMap<>();
	private final Map<ArrivalTags, Counter> arrivals = new ConcurrentHashMap<>();
	private final Map<ModelTags, Counter> aiWrites = new ConcurrentHashMap<>();

	public QualityMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Duration of one write request, from before its body is read until its response is written, by operation,
	 * resource type and whether it was accepted.
	 */
	void timeWrite(RestOperationTypeEnum operation, String resourceType, boolean accepted, long nanos) {
		if (registry == null) {
			return;
		}
		WriteTags tags = new WriteTags(operation, resourceType, accepted);
		Timer timer = writeTimers.get(tags);
		if (timer == null) {
			timer = writeTimers.computeIfAbsent(tags, key -> timer("aitrust.write.duration", "Time to process a write"
							+ " request, from before its body is read until its response is written, including the module's own work",
					true,
					"operation", operation.getCode() == null ? operation.name() : operation.getCode(),
					"resource_type", resourceType == null ? "none" : resourceType,
					"accepted", Boolean.toString(accepted)));
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Time the module spent measuring one accepted arrival (its checks and its rows), so the cost of metrics can be
	 * read against {@code aitrust.write.duration} on a live server.
	 */
	void timeMeasurement(String resourceType, long nanos) {
		if (registry == null) {
			return;
		}
		measurementTimers.computeIfAbsent(resourceType, type -> timer("aitrust.quality.measure.duration",
						"Time spent measuring one arriving resource: its quality checks and its stored counts", false,
						"resource_type", type))
				.record(nanos, TimeUnit.NANOSECONDS);
	}

	void count(List<QualityEvent> events) {
		if (registry == null) {
			return;
		}
		for (QualityEvent event : events) {
			arrivals.computeIfAbsent(new ArrivalTags(event.source(), event.resourceType(), event.accepted(),
							event.aiLabelled()), tags -> counter("aitrust.quality.arrivals", "Resources that arrived in writes",
							"source", tags.source(), "resource_type", tags.resourceType(),
							"accepted", Boolean.toString(tags.accepted()), "ai", Boolean.toString(tags.ai())))
					.increment();
			event.outcomes().forEach((check, outcome) -> {
				if (outcome == CheckOutcome.PASS) {
					passedChecks.computeIfAbsent(check, id -> checkCounter(id, "pass")).increment();
				} else if (outcome == CheckOutcome.FAIL) {
					failedChecks.computeIfAbsent(check, id -> checkCounter(id, "fail")).increment();
				}
			});
			// Element paths, units, codes and code systems stay in the database: as labels they would multiply the
			// series by up to max-breakdown-items each, for figures the report and the DQD export already give.
			event.breakdowns().forEach((breakdown, counts) -> {
				if (!breakdown.countsResources()) {
					counts.forEach((item, occurrences) -> finding(breakdown, item).increment(occurrences));
				}
			});
			if (event.aiModel() != null) {
				// per model, never per patient stratum: strata are only reported with small-cell suppression
				aiWrites.computeIfAbsent(new ModelTags(event.aiModel(), event.accepted()), tags -> counter(
						"aitrust.oversight.writes", "AI-labelled resources that arrived in writes, by model version",
						"model", tags.model(), "accepted", Boolean.toString(tags.accepted())))
						.increment();
			}
		}
	}

	void count(QualityReview review) {
		if (registry != null) {
			finding(Breakdown.REVIEW_OUTCOME, review.outcome()).increment();
			counter("aitrust.oversight.reviews", "First reviews of AI-written versions, by model version and outcome",
					"model", review.aiModel(), "outcome", review.outcome())
					.increment();
		}
	}

	/** The tags of a write timer as the request gives them: one key per registered timer. */
	private record WriteTags(RestOperationTypeEnum operation, String resourceType, boolean accepted) {}

	/** The tags of an AI writes counter. */
	private record ModelTags(String model, boolean accepted) {}

	/** The tags of an arrivals counter. */
	private record ArrivalTags(String source, String resourceType, boolean accepted, boolean ai) {}

	private Counter checkCounter(String check, String outcome) {
		return counter("aitrust.quality.checks", "Quality check outcomes of arriving resources",
				"check", check, "outcome", outcome);
	}

	private Counter finding(Breakdown breakdown, String item) {
		return counter("aitrust.quality.findings", "What the checks found, item by item: validation issues,"
						+ " invariants, unresolved reference targets, review outcomes",
				"breakdown", breakdown.id(), "item", item);
	}

	private Counter counter(String name, String description, String... tagKeysAndValues) {
		return (Counter) registered.computeIfAbsent(key(name, tagKeysAndValues), key ->
				Counter.builder(name).description(description).tags(tagKeysAndValues).register(registry));
	}

	private Timer timer(String name, String description, boolean histogram, String... tagKeysAndValues) {
		return (Timer) registered.computeIfAbsent(key(name, tagKeysAndValues), key -> {
			Timer.Builder builder = Timer.builder(name).description(description).tags(tagKeysAndValues);
			return (histogram ? builder.publishPercentileHistogram() : builder).register(registry);
		});
	}

	private static List<String> key(String name, String... tagKeysAndValues) {
		String[] key = new String[tagKeysAndValues.length + 1];
		key[0] = name;
		System.arraycopy(tagKeysAndValues, 0, key, 1, tagKeysAndValues.length);
		return Arrays.asList(key);
	}
}
