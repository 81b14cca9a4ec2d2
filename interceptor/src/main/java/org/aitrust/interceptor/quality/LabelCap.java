package org.aitrust.interceptor.quality;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds how many distinct values a metrics dimension (source, profile) may take: the first {@code limit}
 * values seen are kept, every later new value is folded into {@value #OTHER}. A client that sends ten thousand
 * random profile URLs therefore adds one label, not ten thousand, to storage and to Prometheus.
 */
public class LabelCap {

	public static final String OTHER = "other";

	private final int limit;
	private final Set<String> admitted = ConcurrentHashMap.newKeySet();

	public LabelCap(int limit, Collection<String> alreadyStored) {
		this.limit = limit;
		alreadyStored.stream().filter(v -> !OTHER.equals(v)).limit(limit).forEach(admitted::add);
	}

	/** The value itself while it is, or can become, one of the admitted values; {@value #OTHER} after that. */
	public String fold(String value) {
		if (admitted.contains(value)) {
			return value;
		}
		synchronized (admitted) {
			if (admitted.contains(value)) {
				return value;
			}
			if (admitted.size() < limit) {
				admitted.add(value);
				return value;
			}
		}
		return OTHER;
	}

	public int size() {
		return admitted.size();
	}
}
