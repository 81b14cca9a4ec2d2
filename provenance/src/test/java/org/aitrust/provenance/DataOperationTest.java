package org.aitrust.provenance;

import static org.aitrust.provenance.AiTransparencyTest.assertCoding;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataOperationTest {

	private static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";

	@Test
	void mapsToV3DataOperationCodesAndDisplays() {
		assertCoding(DataOperation.CREATE.toCoding(), SYSTEM, "CREATE", "create");
		assertCoding(DataOperation.UPDATE.toCoding(), SYSTEM, "UPDATE", "revise");
		assertCoding(DataOperation.DELETE.toCoding(), SYSTEM, "DELETE", "delete");
	}

	@Test
	void displaysAgreeWithHapisCopyOfTheCodeSystem() {
		for (DataOperation operation : DataOperation.values()) {
			var hapi = org.hl7.fhir.r4.model.codesystems.V3DataOperation.fromCode(operation.code());
			assertThat(operation.display()).as(operation.name()).isEqualTo(hapi.getDisplay());
			assertThat(SYSTEM).isEqualTo(hapi.getSystem());
		}
	}

	@Test
	void codeableConceptHoldsOneFreshCoding() {
		var concept = DataOperation.UPDATE.toCodeableConcept();

		assertThat(concept.getCoding()).hasSize(1);
		assertCoding(concept.getCodingFirstRep(), SYSTEM, "UPDATE", "revise");
		assertThat(DataOperation.UPDATE.toCodeableConcept().getCodingFirstRep())
				.isNotSameAs(concept.getCodingFirstRep());
	}
}
