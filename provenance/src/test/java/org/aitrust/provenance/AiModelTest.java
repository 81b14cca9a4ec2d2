package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AiModelTest {

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = {"  ", "\t"})
	void blankNameIsRejectedByName(String name) {
		assertThatThrownBy(() -> new AiModel(name, "1", "Acme"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("name");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = {"  "})
	void blankVersionIsRejectedByName(String version) {
		assertThatThrownBy(() -> new AiModel("gpt-4o", version, "Acme"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("version");
	}

	@Test
	void identifierValueIsNameBarVersion() {
		assertThat(new AiModel("gpt-4o", "2024-08-06", "OpenAI").identifierValue())
				.isEqualTo("gpt-4o|2024-08-06");
	}

	@Test
	void barsInsidePartsAreEscapedSoKeysCannotCollide() {
		AiModel barInName = new AiModel("a|b", "c", null);
		AiModel barInVersion = new AiModel("a", "b|c", null);

		assertThat(barInName.identifierValue()).isEqualTo("a\\|b|c");
		assertThat(barInVersion.identifierValue()).isEqualTo("a|b\\|c");
		assertThat(barInName.identifierValue()).isNotEqualTo(barInVersion.identifierValue());
	}

	@Test
	void backslashesAreEscapedSoAnEscapeCannotBeForged() {
		// Escaping only the bar would give both models the key  a\|b\|c
		AiModel first = new AiModel("a\\", "b|c", null);
		AiModel second = new AiModel("a|b\\", "c", null);

		assertThat(first.identifierValue()).isEqualTo("a\\\\|b\\|c");
		assertThat(second.identifierValue()).isEqualTo("a\\|b\\\\|c");
		assertThat(first.identifierValue()).isNotEqualTo(second.identifierValue());
	}

	@Test
	void manufacturerIsNotPartOfTheKey() {
		assertThat(new AiModel("m", "1", "Acme").identifierValue())
				.isEqualTo(new AiModel("m", "1", "Acme Corp.").identifierValue());
	}

	@Test
	void modelCardContentTypeDefaultsToMarkdownWhenAUrlIsGiven() {
		AiModel model = new AiModel("m", "1", "Acme", "https://example.org/card.md", null);

		assertThat(model.modelCardContentType()).isEqualTo("text/markdown");
		assertThat(model.hasModelCard()).isTrue();
	}

	@Test
	void explicitModelCardContentTypeIsKept() {
		assertThat(new AiModel("m", "1", null, "https://example.org/card.xml", "application/xml")
						.modelCardContentType())
				.isEqualTo("application/xml");
	}

	@Test
	void withoutAModelCardBothCardFieldsAreNull() {
		AiModel model = new AiModel("m", "1", "Acme");

		assertThat(model.hasModelCard()).isFalse();
		assertThat(model.modelCardUrl()).isNull();
		assertThat(model.modelCardContentType()).isNull();
	}

	@Test
	void blankOptionalFieldsBecomeNull() {
		AiModel model = new AiModel("m", "1", " ", "", " ");

		assertThat(model.manufacturer()).isNull();
		assertThat(model.modelCardUrl()).isNull();
		assertThat(model.modelCardContentType()).isNull();
	}

	@Test
	void contentTypeWithoutUrlIsRejected() {
		assertThatThrownBy(() -> new AiModel("m", "1", null, null, "text/markdown"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("modelCardUrl");
	}

	@Test
	void unidentifiedIsOneFixedModel() {
		AiModel unidentified = AiModel.unidentified();

		assertThat(unidentified).isSameAs(AiModel.unidentified());
		assertThat(unidentified.name()).isEqualTo("Unidentified AI system");
		assertThat(unidentified.version()).isEqualTo("unknown");
		assertThat(unidentified.manufacturer()).isEqualTo("unknown");
		assertThat(unidentified.hasModelCard()).isFalse();
		assertThat(unidentified.identifierValue()).isEqualTo("Unidentified AI system|unknown");
		assertThat(unidentified.isUnidentified()).isTrue();
	}

	@Test
	void ordinaryModelsAreNotUnidentified() {
		assertThat(new AiModel("gpt-4o", "2024-08-06", "OpenAI").isUnidentified()).isFalse();
		assertThat(new AiModel("Unidentified AI system", "2", "unknown").isUnidentified()).isFalse();
	}
}
