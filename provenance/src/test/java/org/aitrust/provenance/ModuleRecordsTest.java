package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModuleRecordsTest {

	@Test
	void aTaggedResourceOfAnyTypeIsAModuleRecord() {
		Provenance provenance = new Provenance();
		ModuleRecords.tag(provenance);
		Observation observation = new Observation();
		observation.getMeta().addTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_MODULE_WRITTEN, null);

		assertThat(ModuleRecords.isTagged(provenance)).isTrue();
		assertThat(ModuleRecords.isModuleRecord(provenance)).isTrue();
		assertThat(ModuleRecords.isModuleRecord(observation)).isTrue();
	}

	@Test
	void aMetaNamingTheReservedTagIsRecognised() {
		org.hl7.fhir.r4.model.Meta meta = new org.hl7.fhir.r4.model.Meta();
		assertThat(ModuleRecords.namesReservedTag(meta)).isFalse();
		assertThat(ModuleRecords.namesReservedTag(null)).isFalse();

		meta.addTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_MODULE_WRITTEN, null);

		assertThat(ModuleRecords.namesReservedTag(meta)).isTrue();
	}

	@Test
	void taggingTwiceLeavesOneTag() {
		Device device = new Device();
		ModuleRecords.tag(device);
		ModuleRecords.tag(device);

		assertThat(device.getMeta().getTag()).hasSize(1);
	}

	@Test
	void anotherTagOfTheProjectSystemIsNotTheReservedOne() {
		Observation observation = new Observation();
		observation.getMeta().addTag(AiTransparency.PROJECT_SYSTEM_TAG, "validation-issues", null);

		assertThat(ModuleRecords.isModuleRecord(observation)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = {"Device/ai-model-0123abcd", "Device/ai-model-0123abcd/_history/4", "DocumentReference/ai-model-card-0123abcd"})
	void theIdsTheModuleKeepsItsDevicesAndModelCardsAtAreReserved(String id) {
		assertThat(ModuleRecords.isReservedId(new IdType(id))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = {"Device/123", "Device/my-ai-model-1", "Observation/ai-model-1", "DocumentReference/ai-model-1", "Device"})
	void otherIdsAreNotReserved(String id) {
		assertThat(ModuleRecords.isReservedId(new IdType(id))).isFalse();
		assertThat(ModuleRecords.isReservedId(null)).isFalse();
	}

	@Test
	void anUntaggedDeviceAtAReservedIdIsAModuleRecordEvenWhenTheBodyLeavesTheTypeOut() {
		Device legacy = new Device();
		legacy.setId("ai-model-0123abcd");

		assertThat(ModuleRecords.isModuleRecord(legacy)).isTrue();
	}

	@Test
	void anUntaggedDeviceOrModelCardWithTheModulesModelIdentifierIsAModuleRecord() {
		Device device = new Device();
		device.setId("Device/42");
		device.addIdentifier().setSystem(AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL).setValue("Scribe|1");
		DocumentReference card = new DocumentReference();
		card.addIdentifier().setSystem(AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL).setValue("Scribe|1");

		assertThat(ModuleRecords.isModuleRecord(device)).isTrue();
		assertThat(ModuleRecords.isModuleRecord(card)).isTrue();
	}

	@Test
	void aClientsOwnDeviceIsNotAModuleRecord() {
		Device device = new Device();
		device.setId("Device/radiology-summarizer");
		device.addIdentifier().setSystem("urn:example:devices").setValue("RS-1");
		device.addDeviceName().setName("RadiologySummarizer");

		assertThat(ModuleRecords.isModuleRecord(device)).isFalse();
		assertThat(ModuleRecords.isModuleRecord(null)).isFalse();
	}

	@Test
	void whatTheDeviceFactoryMakesIsRecognisedOnceStoredAtItsId() {
		AiModel model = new AiModel("Scribe", "1", null);
		Device device = new AiDeviceFactory().newDevice(model);

		assertThat(ModuleRecords.isModuleRecord(device)).isTrue();
	}
}
