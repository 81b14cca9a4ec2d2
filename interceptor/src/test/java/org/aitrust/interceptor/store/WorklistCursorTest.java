package org.aitrust.interceptor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorklistCursorTest {

	@Test
	void aTokenNamesTheSamePositionToTheNanosecondWhateverTheKeyHolds() {
		WorklistCursor cursor = new WorklistCursor(Instant.parse("2026-11-20T12:00:00.123456789Z"), "Observation/a.b-1");

		assertThat(cursor.token()).matches("[A-Za-z0-9_-]+");
		assertThat(WorklistCursor.parse(cursor.token())).isEqualTo(cursor);
	}

	@Test
	void aTokenNoLinkGaveIsRefused() {
		for (String token : new String[] {"", "not base64!", "bm8tZG90cw", "YS5iLk9ic2VydmF0aW9uLzE", "MS4tMS5PYnNlcnZhdGlvbi8x"}) {
			assertThatThrownBy(() -> WorklistCursor.parse(token)).as(token).isInstanceOf(IllegalArgumentException.class);
		}
	}
}
