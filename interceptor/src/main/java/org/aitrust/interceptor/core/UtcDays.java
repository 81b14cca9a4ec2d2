package org.aitrust.interceptor.core;

import java.time.Instant;
import java.time.LocalDate;

/** The one definition of a day the module counts under: the UTC day, for stored rows and for "today" in reports. */
public final class UtcDays {

	private static final long SECONDS_PER_DAY = 86_400;

	private UtcDays() {}

	/**
	 * The UTC day of an instant. Counted from the epoch rather than with {@code LocalDate.ofInstant}, which builds the
	 * offset's zone rules anew on every call: this runs for every arrival.
	 */
	public static LocalDate of(Instant instant) {
		return LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY));
	}
}
