package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class KahnCategoryTest {

	@Test
	void namesCategoriesAndSubcategoriesAsTheDataQualityDashboardDoes() {
		assertThat(KahnCategory.values())
				.extracting(KahnCategory::category, KahnCategory::subcategory)
				.containsExactly(
						tuple("Conformance", "Value"),
						tuple("Conformance", "Relational"),
						tuple("Conformance", "Computational"),
						tuple("Completeness", null),
						tuple("Plausibility", "Uniqueness"),
						tuple("Plausibility", "Atemporal"),
						tuple("Plausibility", "Temporal"));
	}

	@Test
	void everyCheckIsAVerification() {
		assertThat(KahnCategory.values()).extracting(KahnCategory::context).containsOnly("Verification");
		assertThat(KahnCategory.CONTEXT).isEqualTo("Verification");
	}
}
