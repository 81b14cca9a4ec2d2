package org.aitrust.interceptor.validation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus view of validation: {@code aitrust.validation.duration}, a latency histogram per resource type,
 * mode and outcome (passed / failed). Resource types are FHIR's own, so the label set is bounded.
 */
public class ValidationMeters {

	private final MeterRegistry registry;

	/** @param registry where to publish; {@code null} publishes nothing */
	public ValidationMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String resourceType, ValidationVerdict verdict, long nanos) {
		if (registry == null) {
			return;
		}
		Timer.builder("aitrust.validation.duration")
				.description("Time to validate one arriving resource")
				.tag("resource_type", resourceType)
				.tag("mode", verdict.rule().mode().name())
				.tag("outcome", verdict.failed() ? "failed" : "passed")
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(1))
				.maximumExpectedValue(Duration.ofSeconds(10))
				.register(registry)
				.record(nanos, TimeUnit.NANOSECONDS);
	}
}
