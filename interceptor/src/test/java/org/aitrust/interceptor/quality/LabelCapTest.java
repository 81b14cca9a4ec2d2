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
	void firstComeCapsAdmitStoredValuesFirst() {
		LabelCap cap = LabelCap.firstCome(2, List.of("error|invariant|obs-6", LabelCap.OTHER));

		assertThat(cap.fold("error|invariant|obs-6")).isEqualTo("error|invariant|obs-6");
		assertThat(cap.fold("warning|code-invalid|x")).isEqualTo("warning|code-invalid|x");
		assertThat(cap.fold("error|structure|y")).isEqualTo(LabelCap.OTHER);
		assertThat(cap.fold("warning|code-invalid|x")).isEqualTo("warning|code-invalid|x");
	}

	@Test
	void namedValuesKeepTheirLabelAfterTheCapIsFull() {
		LabelCap cap = new LabelCap(3, List.of("scribe", "lab"));

		assertThat(cap.fold("junk-1")).isEqualTo("junk-1");
		assertThat(cap.fold("junk-2")).isEqualTo(LabelCap.OTHER);
		assertThat(cap.fold("scribe")).isEqualTo("scribe");
		assertThat(cap.labelOf("lab")).isEqualTo("lab");
		assertThat(cap.size()).isEqualTo(3);
	}

	@Test
	void aValueIsAdmittedOnlyWhenItsCallerSaysItMayBe() {
		LabelCap cap = new LabelCap(10, List.of());

		assertThat(cap.fold("free-text", v -> false)).isEqualTo(LabelCap.OTHER);
		assertThat(cap.labelOf("free-text")).isEqualTo(LabelCap.OTHER);
		assertThat(cap.fold("ehr", v -> true)).isEqualTo("ehr");
		assertThat(cap.labelOf("ehr")).as("once admitted, kept without asking again").isEqualTo("ehr");
		assertThat(cap.fold(LabelCap.OTHER, v -> true)).isEqualTo(LabelCap.OTHER);
		assertThat(cap.size()).isEqualTo(1);
	}

	@Test
	void aResetForgetsTheAdmittedValuesAndNeverTheNamedOnes() {
		LabelCap cap = new LabelCap(2, List.of("scribe"));
		cap.fold("junk-1");

		assertThat(cap.fold("ehr")).as("the cap is full").isEqualTo(LabelCap.OTHER);
		assertThat(cap.reset()).containsExactly("junk-1");
		assertThat(cap.fold("ehr")).isEqualTo("ehr");
		assertThat(cap.fold("scribe")).isEqualTo("scribe");
		assertThat(cap.labelOf("junk-1")).isEqualTo(LabelCap.OTHER);
		assertThat(cap.reset()).containsExactly("ehr");
	}
}
