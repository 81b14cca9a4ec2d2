package org.aitrust.interceptor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

class TerminologyCoverageTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private final PrePopulatedValidationSupport local = new PrePopulatedValidationSupport(FHIR);
	private final ValidationSupportChain chain = new ValidationSupportChain(local, new DefaultProfileValidationSupport(FHIR));
	private final TerminologyCoverage coverage = new TerminologyCoverage(chain);

	@Test
	void aBaseValueSetOverACompleteCodeSystemCanBeChecked() {
		assertThat(coverage.canCheckValueSet("http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1")).isTrue();
	}

	@Test
	void aValueSetTheServerDoesNotHaveCannot() {
		assertThat(coverage.canCheckValueSet("http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.1021.103")).isFalse();
	}

	@Test
	void importingAMissingValueSetOrFilteringAnAbsentSystemCannot() {
		ValueSet birthSex = new ValueSet().setUrl("http://x/vs/birthsex");
		birthSex.getCompose().addInclude().addValueSet("http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.1");
		local.addValueSet(birthSex);
		ValueSet documentTypes = new ValueSet().setUrl("http://x/vs/doc-types");
		documentTypes.getCompose().addInclude().setSystem("http://loinc.org").addFilter()
				.setProperty("SCALE_TYP").setOp(ValueSet.FilterOperator.EQUAL).setValue("DOC");
		local.addValueSet(documentTypes);
		assertThat(coverage.canCheckValueSet("http://x/vs/birthsex")).isFalse();
		assertThat(coverage.canCheckValueSet("http://x/vs/doc-types")).isFalse();
	}

	@Test
	void explicitCodesNeedNoSystemButWholeSystemsNeedACompleteOne() {
		CodeSystem fragment = new CodeSystem().setUrl("http://x/cs/fragment").setContent(CodeSystem.CodeSystemContentMode.FRAGMENT);
		fragment.addConcept().setCode("a");
		local.addCodeSystem(fragment);
		ValueSet listed = new ValueSet().setUrl("http://x/vs/listed");
		listed.getCompose().addInclude().setSystem("http://x/cs/fragment").addConcept().setCode("a");
		ValueSet whole = new ValueSet().setUrl("http://x/vs/whole");
		whole.getCompose().addInclude().setSystem("http://x/cs/fragment");
		local.addValueSet(listed);
		local.addValueSet(whole);
		assertThat(coverage.canCheckValueSet("http://x/vs/listed")).isTrue();
		assertThat(coverage.canCheckValueSet("http://x/vs/whole")).isFalse();
	}

	@Test
	void aListedCodeOfAnAbsentSystemIsAGapAndAnUnlistedOneIsAnError() {
		ValueSet race = new ValueSet().setUrl("http://x/vs/race");
		race.getCompose().addInclude().setSystem("urn:oid:2.16.840.1.113883.6.238").addConcept().setCode("2106-3");
		local.addValueSet(race);
		assertThat(coverage.canCheckValueSet("http://x/vs/race")).as("an explicit list decides membership").isTrue();
		assertThat(coverage.isGap("http://x/vs/race|6.1.0", java.util.List.<String[]>of(new String[] {"urn:oid:2.16.840.1.113883.6.238", "2106-3"})))
				.as("HAPI says 'not found' for a listed code whose system it lacks").isTrue();
		assertThat(coverage.isGap("http://x/vs/race", java.util.List.<String[]>of(new String[] {"urn:oid:2.16.840.1.113883.6.238", "9999-9"})))
				.isFalse();
	}

	@Test
	void answersAreForgottenWhenTheValidationCachesAreCleared() {
		assertThat(coverage.canCheckValueSet("http://x/vs/late")).isFalse();
		ValueSet late = new ValueSet().setUrl("http://x/vs/late");
		late.getCompose().addInclude().setSystem("http://hl7.org/fhir/administrative-gender");
		local.addValueSet(late);
		assertThat(coverage.canCheckValueSet("http://x/vs/late")).as("remembered").isFalse();
		chain.invalidateCaches();
		coverage.clear();
		assertThat(coverage.canCheckValueSet("http://x/vs/late")).isTrue();
	}
}
