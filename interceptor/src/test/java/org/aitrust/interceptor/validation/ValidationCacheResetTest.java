package org.aitrust.interceptor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** With HAPI's own caching chain: what each scope empties, and that a stored value set is seen after its reset. */
class ValidationCacheResetTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String PROFILE = "http://hospital.example/StructureDefinition/ward-observation";
	private static final String WARDS = "http://hospital.example/ValueSet/wards";
	private static final String WARD_SYSTEM = "http://hospital.example/CodeSystem/wards";

	private final AtomicInteger profileFetches = new AtomicInteger();
	/** The conformance resources stored on the server, as the JPA support would serve them. */
	private final PrePopulatedValidationSupport stored = new PrePopulatedValidationSupport(FHIR) {
		@Override
		public IBaseResource fetchStructureDefinition(String url) {
			if (PROFILE.equals(url)) {
				profileFetches.incrementAndGet();
			}
			return super.fetchStructureDefinition(url);
		}
	};
	private final ValidationSupportChain chain = new ValidationSupportChain(stored,
			new DefaultProfileValidationSupport(FHIR), new InMemoryTerminologyServerValidationSupport(FHIR));
	private final TerminologyCoverage coverage = new TerminologyCoverage(chain);
	private final ValidationCacheReset reset =
			new ValidationCacheReset(chain, coverage, new FhirInstanceValidator(chain));

	@Test
	void aValueSetStoredAfterAMissIsSeenAfterATerminologyReset() {
		assertThat(wardCodeValid()).as("the value set is not there yet").isFalse();
		assertThat(coverage.canCheckValueSet(WARDS)).isFalse();
		ValueSet wards = new ValueSet().setUrl(WARDS);
		wards.getCompose().addInclude().setSystem(WARD_SYSTEM).addConcept().setCode("icu");
		stored.addValueSet(wards);
		assertThat(wardCodeValid()).as("the miss is cached until the reset").isFalse();

		reset.invalidate(ConformanceCacheScope.TERMINOLOGY);

		assertThat(wardCodeValid()).isTrue();
		assertThat(coverage.canCheckValueSet(WARDS)).isTrue();
	}

	@Test
	void aTerminologyResetKeepsTheProfilesAndAFullResetDropsThem() {
		StructureDefinition profile = new StructureDefinition();
		profile.setUrl(PROFILE);
		profile.getSnapshot().addElement().setPath("Observation");
		stored.addStructureDefinition(profile);
		assertThat(chain.fetchStructureDefinition(PROFILE)).isNotNull();
		int fetched = profileFetches.get();

		reset.invalidate(ConformanceCacheScope.TERMINOLOGY);
		assertThat(chain.fetchStructureDefinition(PROFILE)).isNotNull();
		assertThat(profileFetches).as("kept by the chain").hasValue(fetched);

		reset.invalidate(ConformanceCacheScope.EVERYTHING);
		assertThat(chain.fetchStructureDefinition(PROFILE)).isNotNull();
		assertThat(profileFetches).as("fetched again").hasValueGreaterThan(fetched);
	}

	private boolean wardCodeValid() {
		IValidationSupport.CodeValidationResult result = chain.validateCode(new ValidationSupportContext(chain),
				new ConceptValidationOptions(), WARD_SYSTEM, "icu", null, WARDS);
		return result != null && result.isOk();
	}
}
