package org.aitrust.interceptor.store;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How late arrivals came, as the database computed it: median and 95th percentile of the seconds from clinical time to
 * arrival, over all arrivals a query covers that have a clinical time and by source.
 *
 * @param all over every such arrival
 * @param bySource by source, in source order
 */
public record ArrivalLags(Percentiles all, Map<String, Percentiles> bySource) {

	public ArrivalLags {
		bySource = Collections.unmodifiableMap(new TreeMap<>(bySource));
	}

	/**
	 * Nearest-rank percentiles: the smallest lag that at least that share of the arrivals do not exceed.
	 *
	 * @param count arrivals with a lag
	 * @param median 50th percentile, seconds
	 * @param p95 95th percentile, seconds
	 */
	public record Percentiles(long count, long median, long p95) {}
}
