package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class TransactionAiProvenanceTest {

	private static final String OBSERVATION = "urn:uuid:6f1c1a4e-0000-4000-8000-000000000001";
	private static final String DEVICE = "urn:uuid:6f1c1a4e-0000-4000-8000-000000000002";

	private static Provenance aiProvenance(String target, String aiAgent) {
		Provenance provenance = new Provenance();
		provenance.getMeta().addProfile(AiTransparency.PROFILE_AI_PROVENANCE);
		provenance.addTarget(new Reference(target));
		provenance.addAgent().setWho(new Reference("Practitioner/p1"))
				.setType(new CodeableConcept(AiTransparency.verifierParticipantCoding()));
		provenance.addAgent().setWho(new Reference(aiAgent))
				.setType(new CodeableConcept(AiTransparency.authorParticipantCoding()))
				.addRole(new CodeableConcept(AiTransparency.artificialIntelligenceCoding()));
		return provenance;
	}

	/** The IG's pattern: the resource, its Device and the AI-Provenance targeting the resource's urn:uuid. */
	private static Bundle pattern(Provenance provenance) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		bundle.addEntry().setFullUrl(OBSERVATION).setResource(new Observation()).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		bundle.addEntry().setFullUrl(DEVICE).setResource(new Device()).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Device");
		bundle.addEntry().setFullUrl("urn:uuid:6f1c1a4e-0000-4000-8000-000000000003").setResource(provenance)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Provenance");
		return bundle;
	}

	@Test
	void findsTheClientsAiProvenanceAndTheEntryItAttributes() {
		Bundle bundle = pattern(aiProvenance(OBSERVATION, DEVICE));

		List<TransactionAiProvenance> found = TransactionAiProvenance.in(bundle);

		assertThat(found).hasSize(1);
		assertThat(found.get(0).provenance()).isSameAs(bundle.getEntry().get(2).getResource());
		assertThat(found.get(0).attributed()).containsExactly((Observation) bundle.getEntry().get(0).getResource());
		assertThat(found.get(0).serverDevices()).isEmpty();
		assertThat(found.get(0).aiDevice()).get().extracting(Reference::getReference).isEqualTo(DEVICE);
	}

	@Test
	void theStandaloneCopyNamesEntriesByTheirTypeAndLeavesTheBundleAlone() {
		Bundle bundle = pattern(aiProvenance(OBSERVATION, DEVICE));

		Provenance standalone = TransactionAiProvenance.in(bundle).get(0).standalone();

		assertThat(standalone.getTargetFirstRep().getReference()).isEqualTo("Observation/bundle-entry");
		assertThat(standalone.getAgent().get(1).getWho().getReference()).isEqualTo("Device/bundle-entry");
		assertThat(standalone.getAgent().get(0).getWho().getReference()).isEqualTo("Practitioner/p1");
		assertThat(((Provenance) bundle.getEntry().get(2).getResource()).getTargetFirstRep().getReference())
				.isEqualTo(OBSERVATION);
	}

	@Test
	void aDeviceOnTheServerIsListedToBeChecked() {
		List<TransactionAiProvenance> found = TransactionAiProvenance.in(pattern(aiProvenance(OBSERVATION, "Device/ai-1/_history/2")));

		assertThat(found.get(0).serverDevices()).extracting(id -> id.getValue()).containsExactly("Device/ai-1");
	}

	@Test
	void aPutEntryIsNamedByItsTypeAndId() {
		Bundle bundle = pattern(aiProvenance("Observation/o-7", DEVICE));
		bundle.getEntry().get(0).setFullUrl(null).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation/o-7");

		assertThat(TransactionAiProvenance.in(bundle).get(0).attributedBy("Observation/o-7"))
				.isSameAs(bundle.getEntry().get(0).getResource());
	}

	@Test
	void aProvenanceNamingNoEntryOrNotClaimingToBeAnAiProvenanceAttributesNothing() {
		Provenance elsewhere = aiProvenance("Observation/stored-long-ago", DEVICE);
		Provenance plain = new Provenance();
		plain.addTarget(new Reference(OBSERVATION));
		plain.addAgent().setWho(new Reference("Practitioner/p1"));

		assertThat(TransactionAiProvenance.in(pattern(elsewhere))).isEmpty();
		assertThat(TransactionAiProvenance.in(pattern(plain))).isEmpty();
	}

	@Test
	void anAiAgentNamingAnEntryThatIsNoDeviceIsRefused() {
		Bundle bundle = pattern(aiProvenance(OBSERVATION, DEVICE));
		bundle.getEntry().get(1).setResource(new Patient());

		assertThatThrownBy(() -> TransactionAiProvenance.in(bundle))
				.isInstanceOf(InvalidClientProvenanceException.class).hasMessageContaining("Patient");
	}

	@Test
	void anAiAgentNamingNoDeviceOrNoAiAgentAtAllIsRefused() {
		Provenance withoutAi = aiProvenance(OBSERVATION, DEVICE);
		withoutAi.getAgent().remove(1);

		for (String who : new String[] {"Patient/p1", "https://elsewhere.example/fhir/Device/d1", "#contained"}) {
			assertThatThrownBy(() -> TransactionAiProvenance.in(pattern(aiProvenance(OBSERVATION, who))))
					.as(who).isInstanceOf(InvalidClientProvenanceException.class).hasMessageContaining("names no Device");
		}
		assertThatThrownBy(() -> TransactionAiProvenance.in(pattern(withoutAi)))
				.isInstanceOf(InvalidClientProvenanceException.class).hasMessageContaining("no agent in the AI role");
	}
}
