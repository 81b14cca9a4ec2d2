package org.aitrust.interceptor.quality.check;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * A FHIR date, dateTime or instant at the precision it was written with. FHIR lets a birth date be {@code 1970}
 * and an onset be {@code 2020-03}; HAPI hands such values out as a {@link java.util.Date} at their first
 * millisecond in the JVM's time zone, which invents precision the sender never gave and moves with the server's
 * zone. Here only what was written counts: the calendar fields to the written precision, and the UTC offset when
 * a time was given.
 *
 * <p>A time without an offset, which FHIR forbids but a lenient parser may let through, is kept as its date only,
 * since the instant it names is unknown.
 */
final class PartialDateTime {

	/**
	 * The earliest UTC offset in civil use (Line Islands, Kiribati): a calendar day has begun somewhere on Earth
	 * once it has begun there.
	 */
	static final ZoneOffset EARLIEST_OFFSET = ZoneOffset.ofHours(14);

	private final String text;
	/** The first moment of the written value on its own clock. */
	private final LocalDateTime start;
	/** YEARS, MONTHS or DAYS for a date; SECONDS or MILLIS for a time. */
	private final ChronoUnit precision;
	/** The written offset of a time; {@code null} for a date. */
	private final ZoneOffset offset;

	private PartialDateTime(String text, LocalDateTime start, ChronoUnit precision, ZoneOffset offset) {
		this.text = text;
		this.start = start;
		this.precision = precision;
		this.offset = offset;
	}

	/** The value as written; empty when there is none or it is not a valid FHIR date, dateTime or instant. */
	static Optional<PartialDateTime> of(BaseDateTimeType value) {
		if (value == null || !value.hasValue()) {
			return Optional.empty();
		}
		// Several checks read the same element of one arriving resource; the element keeps what it parsed to.
		String text = value.getValueAsString();
		if (value.getUserData(PARSED_KEY) instanceof Parsed parsed && parsed.text().equals(text)) {
			return parsed.value();
		}
		Optional<PartialDateTime> parsed = parse(text);
		value.setUserData(PARSED_KEY, new Parsed(text, parsed));
		return parsed;
	}

	private static final String PARSED_KEY = PartialDateTime.class.getName();

	private record Parsed(String text, Optional<PartialDateTime> value) {}

	/**
	 * Parses a FHIR date, dateTime or instant string; empty when it is not one. Read by hand rather than with a
	 * {@code DateTimeFormatter}: every arriving resource passes here, and the formatter's general machinery cost more
	 * than all the other checks on a date together.
	 */
	static Optional<PartialDateTime> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(parseOrNull(text));
		} catch (DateTimeException e) {
			return Optional.empty();
		}
	}

	/**
	 * {@code YYYY}, {@code YYYY-MM}, {@code YYYY-MM-DD}, or a date with {@code Thh:mm[:ss[.fraction]]} and then
	 * {@code Z} or {@code ±hh:mm}; {@code null} for anything else. Calendar checks (a 31 February, an hour 24) are
	 * left to {@code java.time}, which throws.
	 */
	private static PartialDateTime parseOrNull(String text) {
		int length = text.length();
		if (length < 4 || !digits(text, 0, 4)) {
			return null;
		}
		int year = number(text, 0, 4);
		if (length == 4) {
			return new PartialDateTime(text, LocalDate.of(year, 1, 1).atStartOfDay(), ChronoUnit.YEARS, null);
		}
		if (length < 7 || text.charAt(4) != '-' || !digits(text, 5, 7)) {
			return null;
		}
		int month = number(text, 5, 7);
		if (length == 7) {
			return new PartialDateTime(text, LocalDate.of(year, month, 1).atStartOfDay(), ChronoUnit.MONTHS, null);
		}
		if (length < 10 || text.charAt(7) != '-' || !digits(text, 8, 10)) {
			return null;
		}
		LocalDate date = LocalDate.of(year, month, number(text, 8, 10));
		if (length == 10) {
			return new PartialDateTime(text, date.atStartOfDay(), ChronoUnit.DAYS, null);
		}
		// Thh:mm, then optionally :ss and a fraction
		if (length < 16 || text.charAt(10) != 'T' || !digits(text, 11, 13) || text.charAt(13) != ':'
				|| !digits(text, 14, 16)) {
			return null;
		}
		int position = 16;
		int second = 0;
		int nanos = 0;
		ChronoUnit precision = ChronoUnit.SECONDS;
		if (position < length && text.charAt(position) == ':') {
			if (!digits(text, position + 1, position + 3)) {
				return null;
			}
			second = number(text, position + 1, position + 3);
			position += 3;
			if (position < length && text.charAt(position) == '.') {
				int fractionEnd = position + 1;
				while (fractionEnd < length && digits(text, fractionEnd, fractionEnd + 1)) {
					fractionEnd++;
				}
				int fractionDigits = fractionEnd - position - 1;
				if (fractionDigits < 1 || fractionDigits > 9) {
					return null;
				}
				nanos = number(text, position + 1, fractionEnd) * POWERS_OF_TEN[9 - fractionDigits];
				precision = ChronoUnit.MILLIS;
				position = fractionEnd;
			}
		}
		LocalDateTime start = date.atTime(number(text, 11, 13), number(text, 14, 16), second, nanos);
		if (position == length) {
			// a time without an offset names no instant: only its date counts
			return new PartialDateTime(text, date.atStartOfDay(), ChronoUnit.DAYS, null);
		}
		ZoneOffset offset;
		if (text.charAt(position) == 'Z' && position + 1 == length) {
			offset = ZoneOffset.UTC;
		} else if ((text.charAt(position) == '+' || text.charAt(position) == '-') && position + 6 == length
				&& digits(text, position + 1, position + 3) && text.charAt(position + 3) == ':'
				&& digits(text, position + 4, position + 6)) {
			int sign = text.charAt(position) == '-' ? -1 : 1;
			offset = ZoneOffset.ofHoursMinutes(sign * number(text, position + 1, position + 3),
					sign * number(text, position + 4, position + 6));
		} else {
			return null;
		}
		return new PartialDateTime(text, start, precision, offset);
	}

	private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

	private static boolean digits(String text, int from, int to) {
		if (to > text.length()) {
			return false;
		}
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static int number(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			value = value * 10 + (text.charAt(i) - '0');
		}
		return value;
	}

	/** Whether a time with its offset was given, so the value names an instant rather than a calendar period. */
	boolean hasTime() {
		return offset != null;
	}

	/**
	 * The first instant at which the value could be true anywhere: the instant itself for a time; for a date,
	 * the start of the written year, month or day in the earliest time zone, when that date has begun somewhere.
	 */
	Instant earliestInstant() {
		return start.toInstant(hasTime() ? offset : EARLIEST_OFFSET);
	}

	/**
	 * The instant of a time; for a date, the start of the written year, month or day in UTC, a neutral point for
	 * measuring lags in hours and days.
	 */
	Instant instant() {
		return start.toInstant(hasTime() ? offset : ZoneOffset.UTC);
	}

	/**
	 * Compares at the coarser precision of the two values, where FHIRPath would give no answer, the way a person
	 * reading them would: {@code 2020} and {@code 2020-05-17} are equal, and so are {@code 2020-05-17} and
	 * {@code 2020-05-17T23:00:00+02:00}. Two times compare as instants. When either is a date, each value is
	 * reduced to the calendar date it was written with, in its own offset, because a date carries no time zone.
	 */
	int compareAtCommonPrecision(PartialDateTime other) {
		ChronoUnit common = precision.compareTo(other.precision) >= 0 ? precision : other.precision;
		if (hasTime() && other.hasTime()) {
			return instant().truncatedTo(common).compareTo(other.instant().truncatedTo(common));
		}
		return truncate(start.toLocalDate(), common).compareTo(truncate(other.start.toLocalDate(), common));
	}

	boolean isBefore(PartialDateTime other) {
		return compareAtCommonPrecision(other) < 0;
	}

	boolean isAfter(PartialDateTime other) {
		return compareAtCommonPrecision(other) > 0;
	}

	/**
	 * The value moved by {@code amount} (negative to move back) at its own precision and offset, to widen a bound by
	 * a margin. A date moves by whole days, rounded away from zero, so a margin of hours still widens a date by a day
	 * rather than not at all; a month or a year moves from its last day forward and from its first day back, so the
	 * bound widens to the whole month or year the moved day falls in.
	 */
	PartialDateTime plus(Duration amount) {
		String moved = text + (amount.isNegative() ? " - " + amount.negated() : " + " + amount);
		if (hasTime()) {
			return new PartialDateTime(moved, start.plus(amount), precision, offset);
		}
		Duration length = amount.abs();
		long days = length.toDays() + (length.equals(Duration.ofDays(length.toDays())) ? 0 : 1);
		if (amount.isNegative()) {
			return new PartialDateTime(moved, start.minusDays(days), precision, null);
		}
		LocalDateTime lastDay = start.plus(1, precision).minusDays(1);
		return new PartialDateTime(moved, lastDay.plusDays(days), precision, null);
	}

	private static LocalDate truncate(LocalDate date, ChronoUnit unit) {
		return switch (unit) {
			case YEARS -> date.withDayOfYear(1);
			case MONTHS -> date.withDayOfMonth(1);
			default -> date;
		};
	}

	@Override
	public String toString() {
		return text;
	}
}
