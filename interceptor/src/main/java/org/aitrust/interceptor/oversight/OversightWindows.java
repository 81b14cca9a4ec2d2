package org.aitrust.interceptor.oversight;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The periods a model version's rates are counted over. A report covers whole calendar weeks (ISO, Monday to
 * Sunday): the period a caller asks for is widened to the weeks it touches, so every report, whatever its dates, is
 * a union of the same fixed weeks, and two reports never differ by a day or a caller-chosen stretch. Widened
 * rather than narrowed, because a narrowed one-day or few-day request would cover no week at all. The baseline is
 * the whole weeks covering {@code baselineDays} just before the report's first week, or the period an administrator
 * pinned for that version when it was approved.
 *
 * @param baselineDays length of the default baseline, rounded up to whole weeks
 * @param pinned pinned baselines by model key: {start, end}
 */
public record OversightWindows(int baselineDays, Map<String, LocalDate[]> pinned) {

	public OversightWindows {
		if (baselineDays < 1) {
			throw new IllegalArgumentException("baseline days must be at least 1, was " + baselineDays);
		}
		pinned = Map.copyOf(pinned);
	}

	/** {first Monday, last Sunday}: [start, end] widened to the calendar weeks it touches. */
	public static LocalDate[] wholeWeeks(LocalDate start, LocalDate end) {
		return new LocalDate[] {
			start.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
			end.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY))
		};
	}

	/** The Monday of each calendar week [start, end] touches, in order. */
	public static List<LocalDate> weekStarts(LocalDate start, LocalDate end) {
		LocalDate[] weeks = wholeWeeks(start, end);
		List<LocalDate> starts = new ArrayList<>();
		for (LocalDate monday = weeks[0]; !monday.isAfter(weeks[1]); monday = monday.plusWeeks(1)) {
			starts.add(monday);
		}
		return starts;
	}

	/** {start, end} of the baseline of a model's report whose first week starts on {@code firstMonday}. */
	public LocalDate[] baseline(String model, LocalDate firstMonday) {
		LocalDate[] fixed = pinned.get(model);
		if (fixed != null) {
			return fixed.clone();
		}
		long weeks = (baselineDays + 6L) / 7;
		return new LocalDate[] {firstMonday.minusWeeks(weeks), firstMonday.minusDays(1)};
	}
}
