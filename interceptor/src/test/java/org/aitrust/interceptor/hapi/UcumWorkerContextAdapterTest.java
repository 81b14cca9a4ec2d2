package org.aitrust.interceptor.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumService;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.junit.jupiter.api.Test;

class UcumWorkerContextAdapterTest {

	@Test
	void quantitiesInOtherUnitsCanBeCompared() throws Exception {
		UcumService ucum = new UcumWorkerContextAdapter().getUcumService();

		assertThat(ucum.isComparable("g", "kg")).isTrue();
		assertThat(ucum.convert(new Decimal("11000"), "g", "kg").asDecimal()).isEqualTo("11");
		assertThat(ucum.isComparable("g", "m")).isFalse();
	}

	@Test
	void theInstallerReplacesOnlyHapisOwnAdapter() {
		UcumWorkerContextAdapterInstaller installer = new UcumWorkerContextAdapterInstaller();
		WorkerContextValidationSupportAdapter custom = new WorkerContextValidationSupportAdapter() {};

		assertThat(installer.postProcessBeforeInitialization(new WorkerContextValidationSupportAdapter(), "adapter"))
				.isInstanceOf(UcumWorkerContextAdapter.class);
		assertThat(installer.postProcessBeforeInitialization(custom, "adapter")).isSameAs(custom);
		assertThat(installer.postProcessBeforeInitialization("other", "bean")).isEqualTo("other");
	}
}
