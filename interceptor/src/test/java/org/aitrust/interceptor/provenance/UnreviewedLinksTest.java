package org.aitrust.interceptor.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.aitrust.interceptor.store.WorklistCursor;
import org.junit.jupiter.api.Test;

class UnreviewedLinksTest {

	private static final WorklistCursor AFTER = new WorklistCursor(Instant.parse("2026-11-20T10:00:00Z"), "Observation/1");

	@Test
	void theNextLinkKeepsTheFiltersAndPageSize() {
		assertThat(UnreviewedLinks.query("Observation", "Patient/p 1", 10, AFTER))
				.isEqualTo("type=Observation&patient=Patient%2Fp+1&_count=10&cursor=" + AFTER.token());
	}

	@Test
	void filtersNotAskedForAreLeftOut() {
		assertThat(UnreviewedLinks.query(null, null, 50, AFTER)).isEqualTo("_count=50&cursor=" + AFTER.token());
	}
}
