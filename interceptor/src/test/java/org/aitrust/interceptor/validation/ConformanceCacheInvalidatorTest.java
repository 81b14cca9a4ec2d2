package org.aitrust.interceptor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

class ConformanceCacheInvalidatorTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	/** The scope of every invalidation, in order. */
	private final List<ConformanceCacheScope> invalidations = new ArrayList<>();
	private final ConformanceCacheInvalidator invalidator = new ConformanceCacheInvalidator(invalidations::add);

	@AfterEach
	void endTransaction() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void terminologyResourcesEmptyTheTerminologyCachesOnly() {
		IBaseResource[] terminology = {new ValueSet(), new CodeSystem(), new ConceptMap(), new NamingSystem()};
		for (IBaseResource resource : terminology) {
			invalidator.created(resource);
		}
		assertThat(invalidations).containsOnly(ConformanceCacheScope.TERMINOLOGY).hasSize(terminology.length);
	}

	@Test
	void everyOtherConformanceTypeEmptiesEverything() {
		IBaseResource[] others = {new StructureDefinition(), new Questionnaire(), new SearchParameter(),
				new ImplementationGuide(), new Library(), new OperationDefinition(), new CapabilityStatement()};
		for (IBaseResource resource : others) {
			int before = invalidations.size();
			invalidator.created(resource);
			assertThat(invalidations).as(FHIR.getResourceType(resource)).hasSize(before + 1)
					.last().isEqualTo(ConformanceCacheScope.EVERYTHING);
		}
	}

	@Test
	void updatesAndDeletesCountAsChanges() {
		invalidator.updated(new StructureDefinition(), new StructureDefinition());
		invalidator.deleted(new ValueSet());

		assertThat(invalidations).containsExactly(ConformanceCacheScope.EVERYTHING, ConformanceCacheScope.TERMINOLOGY);
	}

	@Test
	void otherResourcesLeaveTheCachesAlone() {
		invalidator.created(new Patient());
		invalidator.updated(new Observation(), new Observation());
		invalidator.deleted(new Patient());

		assertThat(invalidations).isEmpty();
	}

	@Test
	void inATransactionTheCachesAreEmptiedOnceAfterCommitWithTheWidestScope() {
		TransactionSynchronizationManager.initSynchronization();
		invalidator.created(new ValueSet());
		invalidator.updated(new StructureDefinition(), new StructureDefinition());
		invalidator.deleted(new CodeSystem());
		invalidator.created(new Patient());

		assertThat(invalidations).as("nothing before the commit").isEmpty();
		TransactionSynchronizationUtils.triggerAfterCommit();
		assertThat(invalidations).containsExactly(ConformanceCacheScope.EVERYTHING);
	}

	@Test
	void aTransactionOfTerminologyOnlyEmptiesTheTerminologyCachesOnce() {
		TransactionSynchronizationManager.initSynchronization();
		for (int i = 0; i < 100; i++) {
			invalidator.created(new ValueSet());
		}
		TransactionSynchronizationUtils.triggerAfterCommit();

		assertThat(invalidations).containsExactly(ConformanceCacheScope.TERMINOLOGY);
	}

	@Test
	void aRolledBackTransactionInvalidatesNothing() {
		TransactionSynchronizationManager.initSynchronization();
		invalidator.created(new StructureDefinition());
		TransactionSynchronizationUtils.triggerAfterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);

		assertThat(invalidations).isEmpty();
	}

	@Test
	void twoInvalidatorsInOneTransactionEachEmptyTheirOwnCaches() {
		List<ConformanceCacheScope> other = new ArrayList<>();
		ConformanceCacheInvalidator otherInvalidator = new ConformanceCacheInvalidator(other::add);
		TransactionSynchronizationManager.initSynchronization();
		invalidator.created(new CodeSystem());
		otherInvalidator.created(new CodeSystem());
		TransactionSynchronizationUtils.triggerAfterCommit();

		assertThat(invalidations).containsExactly(ConformanceCacheScope.TERMINOLOGY);
		assertThat(other).containsExactly(ConformanceCacheScope.TERMINOLOGY);
	}
}
