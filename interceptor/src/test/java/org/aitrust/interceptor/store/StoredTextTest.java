package org.aitrust.interceptor.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredTextTest {

	@Test
	void aValueThatFitsIsStoredAsItIs() {
		assertThat(StoredText.fit("lab-system", 128)).isEqualTo("lab-system");
		assertThat(StoredText.fit("x".repeat(128), 128)).isEqualTo("x".repeat(128));
		assertThat(StoredText.fit(null, 128)).isNull();
	}

	@Test
	void aLongValueIsItsReadablePrefixAndAHashAsWideAsTheColumn() {
		String clientId = "https://idp.example.org/clients/" + "a".repeat(300);

		String stored = StoredText.fit(clientId, 128);

		assertThat(stored).hasSize(128).startsWith("https://idp.example.org/clients/aaa").matches(".*#[0-9a-f]{16}");
		assertThat(StoredText.fit(clientId, 128)).as("the same value, the same stored value").isEqualTo(stored);
	}

	@Test
	void longValuesThatShareTheirPrefixStayApart() {
		String prefix = "x".repeat(200);

		assertThat(StoredText.fit(prefix + "-one", 128)).isNotEqualTo(StoredText.fit(prefix + "-two", 128));
	}
}
