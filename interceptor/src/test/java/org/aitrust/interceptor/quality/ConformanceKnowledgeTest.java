package org.aitrust.interceptor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.aitrust.interceptor.validation.ConformanceCacheScope;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

class ConformanceKnowledgeTest {

	private static final String SYSTEM = "http://hospital.example/CodeSystem/wards";

	private final FhirContext fhirContext = FhirContext.forR4Cached();
	private final AtomicInteger questions = new AtomicInteger();
	/** The chain the server would ask: code systems can be added to it while the test runs. */
	private final PrePopulatedValidationSupport chain = new PrePopulatedValidationSupport(fhirContext) {
		@Override
		public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
			questions.incrementAndGet();
			return super.isCodeSystemSupported(context, system);
		}
	};
	private final AtomicLong nanos = new AtomicLong();
	/** The cache's background tasks, refreshes among them, run only when the test says. */
	private final Queue<Runnable> refreshes = new ArrayDeque<>();
	private final ConformanceKnowledge knowledge = new ConformanceKnowledge(chain, nanos::get, refreshes::add);

	@Test
	void asksTheChainOnceAboutACodeSystemWhileItsAnswerIsFresh() {
		assertThat(knowledge.codeSystemKnown(SYSTEM)).isFalse();
		addCodeSystem();
		nanos.addAndGet(ConformanceKnowledge.FRESHNESS.toNanos() - 1);

		assertThat(knowledge.codeSystemKnown(SYSTEM + "|2.0")).isFalse();
		runBackgroundTasks();
		assertThat(questions).hasValue(1);
	}

	@Test
	void aStaleAnswerIsGivenAtOnceAndRefreshedInTheBackground() {
		assertThat(knowledge.codeSystemKnown(SYSTEM)).isFalse();
		addCodeSystem();
		nanos.addAndGet(ConformanceKnowledge.FRESHNESS.toNanos() + 1);

		// the write that finds the answer stale gets it without waiting for the chain
		assertThat(knowledge.codeSystemKnown(SYSTEM)).isFalse();
		assertThat(questions).hasValue(1);

		runBackgroundTasks();
		assertThat(questions).hasValue(2);
		assertThat(knowledge.codeSystemKnown(SYSTEM)).isTrue();
	}

	@Test
	void forgettingMakesTheNextWriteAskAgain() {
		assertThat(knowledge.codeSystemKnown(SYSTEM)).isFalse();
		addCodeSystem();

		knowledge.forget(ConformanceCacheScope.TERMINOLOGY);

		assertThat(knowledge.codeSystemKnown(SYSTEM)).isTrue();
		assertThat(questions).hasValue(2);
	}

	@Test
	void aTerminologyChangeKeepsWhatIsKnownOfProfilesAndAProfileChangeForgetsIt() {
		String url = "http://hospital.example/StructureDefinition/ward-observation";
		assertThat(knowledge.profileKnown(url)).isFalse();
		StructureDefinition profile = new StructureDefinition();
		profile.setUrl(url);
		profile.getSnapshot().addElement().setPath("Observation");
		chain.addStructureDefinition(profile);

		knowledge.forget(ConformanceCacheScope.TERMINOLOGY);
		assertThat(knowledge.profileKnown(url)).as("a value set or code system cannot change what is known of profiles")
				.isFalse();

		knowledge.forget(ConformanceCacheScope.EVERYTHING);
		assertThat(knowledge.profileKnown(url)).isTrue();
	}

	private void runBackgroundTasks() {
		while (!refreshes.isEmpty()) {
			refreshes.remove().run();
		}
	}

	private void addCodeSystem() {
		CodeSystem codeSystem = new CodeSystem();
		codeSystem.setUrl(SYSTEM);
		codeSystem.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		codeSystem.addConcept().setCode("icu");
		chain.addCodeSystem(codeSystem);
	}
}
