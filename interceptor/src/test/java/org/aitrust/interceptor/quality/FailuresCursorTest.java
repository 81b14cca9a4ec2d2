package org.aitrust.interceptor.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailuresCursorTest {

	private static final List<String> TYPES = List.of("Condition", "Observation");

	@Test
	void aNewRequestStartsAtTheFirstTypeAndACursorGoesOnWhereItsPageEnded() {
		assertThat(FailuresCursor.parse("$op", null, TYPES)).isEqualTo(new FailuresCursor("Condition", 0));
		FailuresCursor cursor = new FailuresCursor("Observation", 1234);
		assertThat(FailuresCursor.parse("$op", cursor.format(), TYPES)).isEqualTo(cursor);
	}

	@Test
	void aCursorNoPageOfThisRequestGaveIsRefused() {
		for (String bad : List.of("Patient:5", "Observation", "Observation:x", "Observation:-1", ":3")) {
			assertThatThrownBy(() -> FailuresCursor.parse("$op", bad, TYPES)).as(bad)
					.isInstanceOf(InvalidRequestException.class).hasMessageContaining("'cursor'");
		}
	}
}
