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

	private volatile Duration back = Duration.ZERO;

	/** Stands the clock {@code back} before real time, until moved again. */
	public void standBack(Duration back) {
		if (back.isNegative()) {
			throw new IllegalArgumentException("the demo clock moves into the past only, not " + back);
		}
		this.back = back;
	}

	/** Real time again. */
	public void backToNow() {
		standBack(Duration.ZERO);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the module's clock is UTC");
	}

	@Override
	public Instant instant() {
		return Instant.now().minus(back);
	}
}
