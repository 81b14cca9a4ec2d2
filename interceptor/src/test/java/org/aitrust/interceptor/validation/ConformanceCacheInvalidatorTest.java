package org.aitrust.interceptor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
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

	private final CountingSupport chain = new CountingSupport();
	private final CountingSupport validatorSupport = new CountingSupport();
	private final ConformanceCacheInvalidator invalidator =
			new ConformanceCacheInvalidator(() -> {
				chain.invalidateCaches();
				validatorSupport.invalidateCaches();
			});

	@AfterEach
	void endTransaction() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void everyConformanceTypeEmptiesTheChainAndTheValidator() {
		IBaseResource[] conformance = {new StructureDefinition(), new ValueSet(), new CodeSystem(), new Questionnaire(),
				new ConceptMap(), new NamingSystem(), new SearchParameter(), new ImplementationGuide(), new Library(),
				new OperationDefinition(), new CapabilityStatement()};
		for (IBaseResource resource : conformance) {
			int before = chain.invalidations;
			invalidator.created(resource);
			assertThat(chain.invalidations).as(FHIR.getResourceType(resource)).isEqualTo(before + 1);
		}
		assertThat(validatorSupport.invalidations).isEqualTo(conformance.length);
	}

	@Test
	void updatesAndDeletesCountAsChanges() {
		invalidator.updated(new StructureDefinition(), new StructureDefinition());
		invalidator.deleted(new ValueSet());

		assertThat(chain.invalidations).isEqualTo(2);
	}

	@Test
	void otherResourcesLeaveTheCachesAlone() {
		invalidator.created(new Patient());
		invalidator.updated(new Observation(), new Observation());
		invalidator.deleted(new Patient());

		assertThat(chain.invalidations).isZero();
		assertThat(validatorSupport.invalidations).isZero();
	}

	@Test
	void inATransactionTheCachesAreEmptiedOnceAfterCommit() {
		TransactionSynchronizationManager.initSynchronization();
		invalidator.created(new StructureDefinition());
		invalidator.updated(new ValueSet(), new ValueSet());
		invalidator.deleted(new Questionnaire());
		invalidator.created(new Patient());

		assertThat(chain.invalidations).as("nothing before the commit").isZero();
		TransactionSynchronizationUtils.triggerAfterCommit();
		assertThat(chain.invalidations).isEqualTo(1);
		assertThat(validatorSupport.invalidations).isEqualTo(1);
	}

	@Test
	void aRolledBackTransactionInvalidatesNothing() {
		TransactionSynchronizationManager.initSynchronization();
		invalidator.created(new StructureDefinition());
		TransactionSynchronizationUtils.triggerAfterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);

		assertThat(chain.invalidations).isZero();
	}

	@Test
	void twoInvalidatorsInOneTransactionEachEmptyTheirOwnChain() {
		CountingSupport otherChain = new CountingSupport();
		ConformanceCacheInvalidator other = new ConformanceCacheInvalidator(otherChain::invalidateCaches);
		TransactionSynchronizationManager.initSynchronization();
		invalidator.created(new CodeSystem());
		other.created(new CodeSystem());
		TransactionSynchronizationUtils.triggerAfterCommit();

		assertThat(chain.invalidations).isEqualTo(1);
		assertThat(otherChain.invalidations).isEqualTo(1);
	}

	private static final class CountingSupport implements IValidationSupport {
		int invalidations;

		@Override
		public FhirContext getFhirContext() {
			return FHIR;
		}

		@Override
		public void invalidateCaches() {
			invalidations++;
		}
	}
}
