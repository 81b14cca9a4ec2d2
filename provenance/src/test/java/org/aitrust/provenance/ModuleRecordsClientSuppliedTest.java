package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;

class ModuleRecordsClientSuppliedTest {

	@Test
	void theClientSuppliedTagIsPutOnceAndRecognised() {
		Provenance provenance = new Provenance();

		ModuleRecords.tagClientSupplied(provenance);
		ModuleRecords.tagClientSupplied(provenance);

		assertThat(provenance.getMeta().getTag()).hasSize(1);
		assertThat(provenance.getMeta().getTag().get(0).getSystem()).isEqualTo("http://fhir-aitrust.org/CodeSystem/aitrust-tag");
		assertThat(provenance.getMeta().getTag().get(0).getCode()).isEqualTo("client-supplied");
		assertThat(ModuleRecords.isClientSupplied(provenance)).isTrue();
		assertThat(ModuleRecords.isAttested(provenance)).isTrue();
	}

	@Test
	void aClientSuppliedRecordIsNotTheModulesOwn() {
		Provenance provenance = new Provenance();
		ModuleRecords.tagClientSupplied(provenance);

		assertThat(ModuleRecords.isTagged(provenance)).isFalse();
		assertThat(ModuleRecords.isModuleRecord(provenance)).isFalse();
	}

	@Test
	void theModulesOwnRecordIsAttestedButNotClientSupplied() {
		Provenance provenance = new Provenance();
		ModuleRecords.tag(provenance);

		assertThat(ModuleRecords.isAttested(provenance)).isTrue();
		assertThat(ModuleRecords.isClientSupplied(provenance)).isFalse();
		assertThat(ModuleRecords.isAttested(new Provenance())).isFalse();
	}
}
