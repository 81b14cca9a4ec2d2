package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class UnresolvedReferenceCheckTest {

	private final InMemoryCheckContext context = new InMemoryCheckContext()
			.withResource("Patient/1")
			.withResource("Practitioner/7");
	private final UnresolvedReferenceCheck check = new UnresolvedReferenceCheck(FhirContext.forR4Cached());

	@Test
	void describesItselfAsRelationalConformance() {
		assertThat(check.id()).isEqualTo("conformance-unresolved-reference");
		assertThat(check.category()).isEqualTo(KahnCategory.CONFORMANCE_RELATIONAL);
	}

	@Test
	void referencesToStoredResourcesPass() {
		Observation observation = observation("Patient/1");
		observation.addPerformer(new Reference("Practitioner/7"));

		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.PASS);
		assertThat(check.unresolvedTargetTypes(observation, context)).isEmpty();
	}

	@Test
	void aSubjectThatWasNeverSentFails() {
		Observation observation = observation("Patient/404");

		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.FAIL);
		assertThat(check.unresolvedTargetTypes(observation, context)).containsExactly("Patient");
	}

	@Test
	void eachUnresolvedReferenceIsCountedByTargetTypeAndEachDistinctOneAskedOnce() {
		Observation observation = observation("Patient/404");
		observation.addPerformer(new Reference("Practitioner/404"));
		observation.addPerformer(new Reference("Patient/404"));
		observation.addPerformer(new Reference("Practitioner/7"));

		assertThat(check.unresolvedTargetTypes(observation, context))
				.containsExactly("Patient", "Practitioner", "Patient");
		assertThat(context.referencesAsked)
				.containsExactlyInAnyOrder("Patient/404", "Practitioner/404", "Practitioner/7");
	}

	@Test
	void versionedReferencesAreAskedAsWritten() {
		Observation observation = observation("Patient/1/_history/3");

		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.PASS);
		assertThat(context.referencesAsked).containsExactly("Patient/1/_history/3");
	}

	@Test
	void referencesInExtensionsAndContainedResourcesCount() {
		Observation withExtension = observation("Patient/1");
		withExtension.addExtension("http://example.org/fhir/StructureDefinition/ordered-by",
				new Reference("Practitioner/404"));
		Observation withContained = observation("Patient/1");
		Organization lab = new Organization().setName("Lab");
		lab.setId("lab");
		lab.setPartOf(new Reference("Organization/404"));
		withContained.addContained(lab);
		withContained.addPerformer(new Reference("#lab"));

		assertThat(check.unresolvedTargetTypes(withExtension, context)).containsExactly("Practitioner");
		assertThat(check.unresolvedTargetTypes(withContained, context)).containsExactly("Organization");
		assertThat(check.evaluate(withContained, context)).isEqualTo(CheckOutcome.FAIL);
	}

	@Test
	void referencesNotMeantToResolveHereAreNotApplicable() {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.setSubject(new Reference("https://other.example.org/fhir/Patient/1"));
		observation.addPerformer(new Reference("#performer"));
		observation.addPerformer(new Reference("urn:uuid:4c0a9d62-6a4b-4e5f-9f0e-0d6a1e7d0b1a"));
		observation.addPerformer(new Reference("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1234567893"));
		observation.addPerformer(new Reference().setIdentifier(
				new Identifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1234567893")));

		assertThat(check.evaluate(observation, context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
		assertThat(check.unresolvedTargetTypes(observation, context)).isEmpty();
		assertThat(context.referencesAsked).isEmpty();
	}

	@Test
	void resourcesWithoutReferencesAreNotApplicable() {
		assertThat(check.evaluate(new Patient().setActive(true), context)).isEqualTo(CheckOutcome.NOT_APPLICABLE);
	}

	private static Observation observation(String subject) {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		observation.setSubject(new Reference(subject));
		return observation;
	}
}
