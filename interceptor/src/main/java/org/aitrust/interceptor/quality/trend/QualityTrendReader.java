package org.aitrust.interceptor.quality.trend;

import java.time.LocalDate;
import org.aitrust.interceptor.oversight.DriftPolicy;
import org.aitrust.interceptor.store.QualityQuery;
import org.aitrust.interceptor.store.QualityReportReader;

/**
 * Reads the trends of the recent window ending on a day: one grouped query for the daily counts of the window and its
 * baseline ({@link QualityReportReader#dailyCheckCounts}), the statistics in {@link QualityTrends}. Every node reads
 * the same rows, so every node gives the same trends.
 */
public class QualityTrendReader {

	private final QualityReportReader store;
	private final TrendWindows windows;
	private final DriftPolicy policy;

	public QualityTrendReader(QualityReportReader store, TrendWindows windows, DriftPolicy policy) {
		this.store = store;
		this.windows = windows;
		this.policy = policy;
	}

	/** The trends of every source and check whose recent window ends on {@code end}. */
	public QualityTrends read(LocalDate end) {
		return read(end, null, null, null);
	}

	/**
	 * The trends of the recent window ending on {@code end} over the arrivals of a source, resource type and profile
	 * ({@code null} for all), as {@code $data-quality} filters them.
	 */
	public QualityTrends read(LocalDate end, String source, String resourceType, String profile) {
		QualityQuery query = new QualityQuery(windows.baselineStart(end), end, source, resourceType, profile);
		return QualityTrends.of(end, windows, policy, store.dailyCheckCounts(query));
	}

	public TrendWindows windows() {
		return windows;
	}
}
