package org.aitrust.interceptor.quality;

import java.util.Map;
import java.util.OptionalDouble;
import org.aitrust.interceptor.quality.check.CheckClass;

/**
 * How much violation each check tolerates, in percent of the resources it applied to, as DQD thresholds do:
 * a check passes while its violating share is at or below its threshold. Which threshold applies, first found:
 * the administrator's for the check and the report's resource type, the administrator's for the check, then the
 * class default — 0 for a fatal check, {@code defaultPercent} for a convention, none for a characterization (not
 * judged). A server-capability figure is never judged, whatever is configured: it says nothing about the data.
 *
 * @param defaultPercent threshold of convention checks without their own
 * @param percentByCheck thresholds by check id
 * @param percentByTypeAndCheck thresholds by resource type, then check id, for reports of one resource type
 */
public record Thresholds(
		double defaultPercent, Map<String, Double> percentByCheck, Map<String, Map<String, Double>> percentByTypeAndCheck) {

	/** A fatal check tolerates no violation by default, as DQD's fatal checks do. */
	public static final double FATAL_PERCENT = 0;

	public Thresholds {
		percentByCheck = Map.copyOf(percentByCheck);
		percentByTypeAndCheck = percentByTypeAndCheck.entrySet().stream()
				.collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
	}

	/** Thresholds without any per-type ones. */
	public Thresholds(double defaultPercent, Map<String, Double> percentByCheck) {
		this(defaultPercent, percentByCheck, Map.of());
	}

	/**
	 * The threshold a check is judged by in a report over {@code resourceType} (or over every type when
	 * {@code null}), or empty when the check is not judged and its figure is only shown.
	 */
	public OptionalDouble percentFor(String checkId, CheckClass checkClass, String resourceType) {
		if (checkClass == CheckClass.SERVER_CAPABILITY) {
			return OptionalDouble.empty();
		}
		Double byType = resourceType == null ? null
				: percentByTypeAndCheck.getOrDefault(resourceType, Map.of()).get(checkId);
		if (byType != null) {
			return OptionalDouble.of(byType);
		}
		Double byCheck = percentByCheck.get(checkId);
		if (byCheck != null) {
			return OptionalDouble.of(byCheck);
		}
		return switch (checkClass) {
			case FATAL -> OptionalDouble.of(FATAL_PERCENT);
			case CONVENTION -> OptionalDouble.of(defaultPercent);
			case CHARACTERIZATION, SERVER_CAPABILITY -> OptionalDouble.empty();
		};
	}
}
