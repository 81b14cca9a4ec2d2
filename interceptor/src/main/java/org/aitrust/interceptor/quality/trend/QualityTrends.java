package org.aitrust.interceptor.quality.trend;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.aitrust.interceptor.oversight.DriftPolicy;
import org.aitrust.interceptor.oversight.RateComparison;
import org.aitrust.interceptor.store.DailyCheckCounts;

/**
 * The trends of every check, for all sources together and for each source, from the daily counts of a recent window
 * and its baseline: sums per window, then AI oversight's two-proportion test and minimum effect ({@link DriftPolicy}),
 * so "worse" means for a source's data what "drifted" means for a model's writes.
 *
 * @param end last day of the recent window
 * @param windows the recent window and baseline
 * @param byCheck each check's trend over all sources the counts cover, by check id
 * @param bySource each check's trend per source, by check id, then source
 */
public record QualityTrends(
		LocalDate end,
		TrendWindows windows,
		Map<String, CheckTrend> byCheck,
		Map<String, Map<String, CheckTrend>> bySource) {

	/**
	 * The trends of the recent window ending on {@code end} from daily counts covering at least that window and its
	 * baseline; counts outside them are ignored. Each check and each source is judged on its own, without dividing the
	 * significance among them: every source × check is its own question with its own alert, as every model version's
	 * rate is in oversight.
	 */
	public static QualityTrends of(
			LocalDate end, TrendWindows windows, DriftPolicy policy, Collection<DailyCheckCounts> counts) {
		LocalDate recentStart = windows.recentStart(end);
		LocalDate baselineStart = windows.baselineStart(end);
		Map<String, long[]> all = new TreeMap<>();
		Map<String, Map<String, long[]>> perSource = new TreeMap<>();
		for (DailyCheckCounts day : counts) {
			if (day.day().isBefore(baselineStart) || day.day().isAfter(end)) {
				continue;
			}
			int offset = day.day().isBefore(recentStart) ? 2 : 0;
			add(all.computeIfAbsent(day.checkId(), id -> new long[4]), offset, day);
			add(perSource.computeIfAbsent(day.checkId(), id -> new TreeMap<>())
					.computeIfAbsent(day.source(), source -> new long[4]), offset, day);
		}
		Map<String, CheckTrend> byCheck = new TreeMap<>();
		all.forEach((check, sums) -> byCheck.put(check, trend(check, sums, policy)));
		Map<String, Map<String, CheckTrend>> bySource = new TreeMap<>();
		perSource.forEach((check, sources) -> {
			Map<String, CheckTrend> trends = new TreeMap<>();
			sources.forEach((source, sums) -> trends.put(source, trend(check, sums, policy)));
			bySource.put(check, trends);
		});
		return new QualityTrends(end, windows, byCheck, bySource);
	}

	/** How many sources each status has for a check; every status is present, most with 0. */
	public Map<TrendStatus, Integer> sourcesByStatus(String checkId) {
		Map<TrendStatus, Integer> counts = new EnumMap<>(TrendStatus.class);
		for (TrendStatus status : TrendStatus.values()) {
			counts.put(status, 0);
		}
		bySource.getOrDefault(checkId, Map.of()).values().forEach(trend -> counts.merge(trend.status(), 1, Integer::sum));
		return counts;
	}

	/** {recent failed, recent applied, baseline failed, baseline applied} */
	private static void add(long[] sums, int offset, DailyCheckCounts day) {
		sums[offset] += day.failed();
		sums[offset + 1] += day.applied();
	}

	private static CheckTrend trend(String check, long[] sums, DriftPolicy policy) {
		RateComparison comparison = policy.compare(sums[0], sums[1], sums[2], sums[3]);
		return new CheckTrend(check, comparison, TrendStatus.of(comparison));
	}
}
