package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BuiltInCheckTest {

	@Test
	void eachEntryBuildsTheCheckItDescribes() {
		for (BuiltInCheck builtIn : BuiltInCheck.values()) {
			QualityCheck check = builtIn.create(FhirContext.forR4Cached());
			assertThat(check.id()).as(builtIn.name()).isEqualTo(builtIn.id());
			assertThat(check.category()).as(builtIn.name()).isEqualTo(builtIn.category());
			assertThat(check.checkClass()).as(builtIn.name()).isEqualTo(builtIn.checkClass());
			assertThat(check.level()).as(builtIn.name()).isEqualTo(builtIn.level());
		}
	}

	@Test
	void bitsAreUniqueAndFitTheRow() {
		// a gap is allowed: bits are handed out to checks before they are in this build
		assertThat(Arrays.stream(BuiltInCheck.values()).map(BuiltInCheck::bit))
				.doesNotHaveDuplicates()
				.allMatch(bit -> bit >= 0 && bit < BuiltInCheck.MAX_BITS);
	}

	@Test
	void theDefaultsAreTheRegistryInItsOrder() {
		assertThat(QualityChecks.defaults()).extracting(QualityCheck::id)
				.containsExactlyElementsOf(Arrays.stream(BuiltInCheck.values()).map(BuiltInCheck::id).toList());
	}

	@Test
	void figuresAboutTheSenderOrTheServerAreNotJudgedAsTheDataFailing() {
		assertThat(BuiltInCheck.NO_PROFILE_CLAIMED.checkClass()).isEqualTo(CheckClass.CHARACTERIZATION);
		assertThat(BuiltInCheck.TERMINOLOGY_NOT_CHECKABLE.checkClass()).isEqualTo(CheckClass.SERVER_CAPABILITY);
		assertThat(BuiltInCheck.definitionOf("completeness-must-support:Encounter.hospitalization"))
				.hasValue(MustSupportCompleteness.DEFINITION);
		assertThat(MustSupportCompleteness.DEFINITION.checkClass()).isEqualTo(CheckClass.CHARACTERIZATION);
		assertThat(BuiltInCheck.definitionOf("plausibility-period-start-after-end").orElseThrow().checkClass())
				.as("FHIR's invariant per-1 is a SHALL").isEqualTo(CheckClass.FATAL);
		assertThat(BuiltInCheck.definitionOf("no-such-check")).isEmpty();
	}
}
