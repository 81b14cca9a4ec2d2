package org.aitrust.interceptor.quality;

import java.util.Map;
import org.aitrust.interceptor.store.ArrivalLags;
import org.aitrust.interceptor.store.Breakdown;
import org.aitrust.interceptor.store.CheckTotals;
import org.aitrust.interceptor.store.QualityQuery;
import org.aitrust.interceptor.store.QualityReportReader;

/**
 * Everything a {@code $data-quality} report shows about the arrivals one query covers, read from the store.
 *
 * @param totals denominator and numerator by measure id
 * @param breakdowns occurrences of each item, by breakdown
 * @param receivedBySource arrivals by source, most first
 * @param receivedByType arrivals by resource type, most first
 * @param lags median and 95th percentile of the arrival lag, in all and by source
 */
public record QualityFigures(
		Map<String, CheckTotals> totals,
		Map<Breakdown, Map<String, Long>> breakdowns,
		Map<String, Long> receivedBySource,
		Map<String, Long> receivedByType,
		ArrivalLags lags) {

	/** Reads every figure of a report over the query from the store. */
	public static QualityFigures read(QualityReportReader store, QualityQuery query) {
		return new QualityFigures(store.totals(query), store.breakdowns(query), store.receivedBy("SOURCE", query),
				store.receivedBy("RESOURCE_TYPE", query), store.lags(query));
	}
}
