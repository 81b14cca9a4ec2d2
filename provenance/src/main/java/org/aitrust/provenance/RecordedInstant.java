package org.aitrust.provenance;

import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.InstantType;

/**
 * {@code Provenance.recorded} from a {@link java.time.Instant}, written in UTC with millisecond
 * precision, so the stored value does not depend on the server's default time zone.
 */
final class RecordedInstant {

	private RecordedInstant() {}

	static InstantType of(Instant instant) {
		InstantType value = new InstantType(Date.from(instant));
		value.setTimeZoneZulu(true);
		return value;
	}
}
