package org.aitrust.interceptor.quality;

import java.util.Map;

/**
 * How much violation each check tolerates, in percent of the resources it applied to, as DQD thresholds do:
 * a check passes while its violating share is at or below its threshold.
 *
 * @param defaultPercent threshold of checks without their own
 * @param percentByCheck thresholds by check id
 */
public record Thresholds(double defaultPercent, Map<String, Double> percentByCheck) {

	public Thresholds {
		percentByCheck = Map.copyOf(percentByCheck);
	}

	public double percentFor(String checkId) {
		return percentByCheck.getOrDefault(checkId, defaultPercent);
	}
}
