package org.aitrust.interceptor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LabelCapTest {

	@Test
	void tenThousandRandomProfilesAddAtMostTheCapPlusOther() {
		LabelCap cap = new LabelCap(200, List.of());
		Set<String> labels = new HashSet<>();

		IntStream.range(0, 10_000).forEach(i -> labels.add(cap.fold("http://example.org/random/" + i)));

		assertThat(labels).hasSize(201).contains(LabelCap.OTHER);
		assertThat(cap.size()).isEqualTo(200);
	}

	@Test
	void admittedValuesStayThemselvesAndStoredValuesAreAdmittedFirst() {
		LabelCap cap = new LabelCap(2, List.of("lab-system", LabelCap.OTHER));

		assertThat(cap.fold("lab-system")).isEqualTo("lab-system");
		assertThat(cap.fold("ehr")).isEqualTo("ehr");
		assertThat(cap.fold("radiology")).isEqualTo(LabelCap.OTHER);
		assertThat(cap.fold("ehr")).isEqualTo("ehr");
	}
}
