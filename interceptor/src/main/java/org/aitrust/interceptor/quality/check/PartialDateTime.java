package org.aitrust.interceptor.quality.check;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
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

	/** Parses a FHIR date, dateTime or instant string; empty when it is not one. */
	static Optional<PartialDateTime> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(parseOrThrow(text));
		} catch (DateTimeParseException e) {
			return Optional.empty();
		}
	}

	private static PartialDateTime parseOrThrow(String text) {
		int timeSeparator = text.indexOf('T');
		if (timeSeparator < 0) {
			return switch (text.length()) {
				case 4 -> new PartialDateTime(text, Year.parse(text).atDay(1).atStartOfDay(), ChronoUnit.YEARS, null);
				case 7 -> new PartialDateTime(text, YearMonth.parse(text).atDay(1).atStartOfDay(), ChronoUnit.MONTHS,
						null);
				default -> new PartialDateTime(text, LocalDate.parse(text).atStartOfDay(), ChronoUnit.DAYS, null);
			};
		}
		TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(
				text, OffsetDateTime::from, LocalDateTime::from);
		if (parsed instanceof OffsetDateTime time) {
			ChronoUnit precision = text.indexOf('.', timeSeparator) > 0 ? ChronoUnit.MILLIS : ChronoUnit.SECONDS;
			return new PartialDateTime(text, time.toLocalDateTime(), precision, time.getOffset());
		}
		LocalDate date = ((LocalDateTime) parsed).toLocalDate();
		return new PartialDateTime(text, date.atStartOfDay(), ChronoUnit.DAYS, null);
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
