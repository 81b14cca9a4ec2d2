package org.aitrust.server.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The module's clock ({@code aiTrustClock}) in the demo, and only there ({@link DemoConfiguration} declares it when
 * {@code aitrust.server.demo.load} is true): real UTC time, except while the demo loader writes its history, when
 * the loader moves it back by whole days (and a few hours for reviews) so that every arrival, AI-Provenance and
 * review is dated on the day it stands for. The loader puts it back to real time when the history is written.
 * Everything else in the server (HAPI's {@code lastUpdated}, tokens) keeps real time, and so does anything a user
 * does meanwhile, apart from the module's own records: a write sent while the history loads is dated on the day the
 * loader stands at, which is why only the demo has this clock.
 */
public final class DemoClock extends Clock {

	/** Real UTC time, or it offset into the past while the loader writes a day of the history. */
	private volatile Clock current = Clock.systemUTC();

	/** Stands the clock {@code back} before real time, until moved again. */
	public void standBack(Duration back) {
		if (back.isNegative()) {
			throw new IllegalArgumentException("the demo clock moves into the past only, not " + back);
		}
		current = back.isZero() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), back.negated());
	}

	/** Real time again. */
	public void backToNow() {
		standBack(Duration.ZERO);
	}

	@Override
	public Instant instant() {
		return current.instant();
	}

	/** UTC, as the module's clock always is. */
	@Override
	public ZoneId getZone() {
		return current.getZone();
	}

	/** The module's days are UTC days; a clock of another zone would date them differently. */
	@Override
	public Clock withZone(ZoneId zone) {
		if (!ZoneOffset.UTC.equals(zone)) {
			throw new UnsupportedOperationException("the module's clock is UTC, not " + zone);
		}
		return this;
	}
}
