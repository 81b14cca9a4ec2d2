package org.aitrust.server;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock standing at the instant last set: the module's clock ({@code aiTrustClock}) in tests that move it over
 * baselines and recent windows; every other clock (HAPI's, the token issuer's) stays the real one.
 */
final class SettableClock extends Clock {
	private volatile Instant now;

	SettableClock(Instant now) {
		this.now = now;
	}

	void set(String instant) {
		now = Instant.parse(instant);
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
		return now;
	}
}
