package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.junit.jupiter.api.Test;

class PartialDateTimeTest {

	@Test
	void aDateBeginsInTheEarliestTimeZoneAndCountsFromUtcForLags() {
		PartialDateTime day = parse("2025-03-11");

		assertThat(day.hasTime()).isFalse();
		assertThat(day.earliestInstant()).isEqualTo(Instant.parse("2025-03-10T10:00:00Z"));
		assertThat(day.instant()).isEqualTo(Instant.parse("2025-03-11T00:00:00Z"));
	}

	@Test
	void aYearOrMonthBeginsOnItsFirstDay() {
		assertThat(parse("2020").instant()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
		assertThat(parse("2020-07").instant()).isEqualTo(Instant.parse("2020-07-01T00:00:00Z"));
	}

	@Test
	void aTimeIsTheInstantItNamesInItsOwnOffset() {
		PartialDateTime time = parse("2025-03-10T23:30:00-05:00");

		assertThat(time.hasTime()).isTrue();
		assertThat(time.instant()).isEqualTo(Instant.parse("2025-03-11T04:30:00Z"));
		assertThat(time.earliestInstant()).isEqualTo(time.instant());
	}

	@Test
	void valuesCompareAtTheCoarserPrecision() {
		assertThat(parse("2020").compareAtCommonPrecision(parse("2020-05-17"))).isZero();
		assertThat(parse("2020-05").compareAtCommonPrecision(parse("2020-05-31T23:59:59Z"))).isZero();
		assertThat(parse("2020-05-17").compareAtCommonPrecision(parse("2020-05-17T08:00:00+02:00"))).isZero();
		assertThat(parse("2020-05-17").isBefore(parse("2020-05-18T00:00:00Z"))).isTrue();
		assertThat(parse("2019").isBefore(parse("2020-01-01"))).isTrue();
		assertThat(parse("2021-01").isAfter(parse("2020"))).isTrue();
	}

	@Test
	void aTimeIsReducedToTheDateWrittenInItsOwnOffsetWhenComparedWithADate() {
		// 23:30 in New York on the 17th is the 18th in UTC, but the sender wrote the 17th.
		assertThat(parse("2020-05-17T23:30:00-04:00").isBefore(parse("2020-05-18"))).isTrue();
	}

	@Test
	void twoTimesCompareAsInstantsAtTheCoarserOfSecondsAndMilliseconds() {
		assertThat(parse("2020-05-17T10:00:00+02:00").compareAtCommonPrecision(parse("2020-05-17T08:00:00Z"))).isZero();
		assertThat(parse("2020-05-17T10:00:00Z").compareAtCommonPrecision(parse("2020-05-17T10:00:00.900Z"))).isZero();
		assertThat(parse("2020-05-17T10:00:00.100Z").isBefore(parse("2020-05-17T10:00:00.900Z"))).isTrue();
	}

	@Test
	void readsHapiDateTypesAsWritten() {
		assertThat(PartialDateTime.of(new DateType("1970")).orElseThrow()).hasToString("1970");
		assertThat(PartialDateTime.of(new DateTimeType("2020-05-17T10:00:00+02:00")).orElseThrow().instant())
				.isEqualTo(Instant.parse("2020-05-17T08:00:00Z"));
		assertThat(PartialDateTime.of(new InstantType("2020-05-17T10:00:00.123Z")).orElseThrow().instant())
				.isEqualTo(Instant.parse("2020-05-17T10:00:00.123Z"));
	}

	@Test
	void aTimeWithoutOffsetKeepsOnlyItsDate() {
		PartialDateTime time = parse("2020-05-17T10:00:00");

		assertThat(time.hasTime()).isFalse();
		assertThat(time.instant()).isEqualTo(Instant.parse("2020-05-17T00:00:00Z"));
	}

	@Test
	void emptyOrInvalidValuesAreNoDate() {
		assertThat(PartialDateTime.of(null)).isEmpty();
		assertThat(PartialDateTime.of(new DateTimeType())).isEmpty();
		assertThat(PartialDateTime.parse("2020-02-31")).isEmpty();
		assertThat(PartialDateTime.parse("yesterday")).isEmpty();
		for (String invalid : List.of("2020-13", "2020-5-17", "20200517", "2020-05-17T24:00:00Z",
				"2020-05-17T10:60:00Z", "2020-05-17T10:00:61Z", "2020-05-17T10:00:00+19:00", "2020-05-17T10:00:00+0200",
				"2020-05-17T10:00:00.Z", "2020-05-17T10:00:00.1234567891Z", "2020-05-17T10:00:00Zulu",
				"2020-05-17 10:00:00Z", "\uFF12\uFF10\uFF12\uFF10", "2020-05-17T10:00:00Z[Europe/Paris]")) {
			assertThat(PartialDateTime.parse(invalid)).as(invalid).isEmpty();
		}
	}

	@Test
	void timesKeepTheirWrittenOffsetAndFraction() {
		assertThat(parse("2020-05-17T10:00Z").instant()).isEqualTo(Instant.parse("2020-05-17T10:00:00Z"));
		assertThat(parse("2020-05-17T10:00:00+14:00").instant()).isEqualTo(Instant.parse("2020-05-16T20:00:00Z"));
		assertThat(parse("2020-05-17T10:00:00-03:30").instant()).isEqualTo(Instant.parse("2020-05-17T13:30:00Z"));
		assertThat(parse("2020-05-17T10:00:00.5Z").instant()).isEqualTo(Instant.parse("2020-05-17T10:00:00.500Z"));
		assertThat(parse("2020-05-17T10:00:00.123456789Z").instant())
				.isEqualTo(Instant.parse("2020-05-17T10:00:00.123456789Z"));
		assertThat(parse("2024-02-29").instant()).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
		assertThat(PartialDateTime.parse("2023-02-29")).isEmpty();
	}

	@Test
	void aTimeMovesByTheExactAmountInItsOwnOffset() {
		PartialDateTime moved = parse("2025-03-10T08:00:00+02:00").plus(Duration.ofHours(-30));

		assertThat(moved.hasTime()).isTrue();
		assertThat(moved.instant()).isEqualTo(Instant.parse("2025-03-09T00:00:00Z"));
	}

	@Test
	void aDateMovesByWholeDaysRoundedAwayFromZero() {
		assertThat(parse("2025-03-10").plus(Duration.ofHours(1)).compareAtCommonPrecision(parse("2025-03-11")))
				.isZero();
		assertThat(parse("2025-03-10").plus(Duration.ofHours(-25))
				.compareAtCommonPrecision(parse("2025-03-08"))).isZero();
		assertThat(parse("2025-03-10").plus(Duration.ZERO).compareAtCommonPrecision(parse("2025-03-10")))
				.isZero();
	}

	@Test
	void aMonthOrYearMovesFromItsLastDayForwardAndItsFirstDayBack() {
		assertThat(parse("2020-02").plus(Duration.ofDays(1)).compareAtCommonPrecision(parse("2020-03-01")))
				.isZero();
		assertThat(parse("2020").plus(Duration.ofDays(-1)).compareAtCommonPrecision(parse("2019-12-31")))
				.isZero();
		assertThat(parse("2020").plus(Duration.ofDays(1)).compareAtCommonPrecision(parse("2021-06-30")))
				.as("a year keeps its precision").isZero();
	}

	private static PartialDateTime parse(String text) {
		return PartialDateTime.parse(text).orElseThrow();
	}
}
