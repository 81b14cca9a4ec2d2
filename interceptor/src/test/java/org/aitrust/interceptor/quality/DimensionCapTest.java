package org.aitrust.interceptor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DimensionCapTest {

	@Test
	void tenThousandRandomProfilesAddAtMostTheCapPlusOther() {
		DimensionCap cap = new DimensionCap(200, List.of());
		Set<String> labels = new HashSet<>();

		IntStream.range(0, 10_000).forEach(i -> labels.add(cap.fold("http://example.org/random/" + i)));

		assertThat(labels).hasSize(201).contains(DimensionCap.OTHER);
		assertThat(cap.size()).isEqualTo(200);
	}

	@Test
	void admittedValuesStayThemselvesAndStoredValuesAreAdmittedFirst() {
		DimensionCap cap = new DimensionCap(2, List.of("lab-system", DimensionCap.OTHER));

		assertThat(cap.fold("lab-system")).isEqualTo("lab-system");
		assertThat(cap.fold("ehr")).isEqualTo("ehr");
		assertThat(cap.fold("radiology")).isEqualTo(DimensionCap.OTHER);
		assertThat(cap.fold("ehr")).isEqualTo("ehr");
	}
}
