package org.aitrust.interceptor.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class QualityChecksTest {

	private final List<QualityCheck> defaults = QualityChecks.defaults();

	@Test
	void defaultsHoldEveryCheckOnceWithUniqueIds() {
		assertThat(defaults).extracting(QualityCheck::id).doesNotHaveDuplicates().containsExactly(
				"conformance-validation-errors",
				"conformance-terminology-not-checkable",
				"conformance-non-ucum-quantity",
				"conformance-unknown-code-system",
				"conformance-unresolved-reference",
				"conformance-unknown-profile",
				"conformance-no-profile-claimed",
				"conformance-invariant-failures",
				"completeness-missing-required-element",
				"plausibility-duplicate-identifier",
				"plausibility-vital-sign-out-of-range",
				"plausibility-unit-for-loinc-code",
				"plausibility-lab-value-out-of-range",
				"plausibility-medication-supply",
				"plausibility-sex-specific-code",
				"plausibility-period-start-after-end",
				"plausibility-future-date",
				"plausibility-event-outside-life",
				"plausibility-onset-after-abatement",
				"plausibility-effective-after-issued",
				"plausibility-event-outside-encounter",
				"plausibility-date-before-lower-bound");
	}

	@Test
	void idsAreKebabCaseAndStartWithTheirCategory() {
		for (QualityCheck check : defaults) {
			assertThat(check.id()).matches("[a-z]+(-[a-z]+)+")
					.startsWith(check.category().category().toLowerCase() + "-");
			assertThat(check.description()).as(check.id()).isNotBlank().endsWith(".");
		}
	}

	@Test
	void defaultsAreOrderedByKahnCategory() {
		assertThat(defaults).extracting(QualityCheck::category).isSortedAccordingTo(Comparator.naturalOrder());
	}

	@Test
	void defaultsAreImmutable() {
		assertThatThrownBy(() -> defaults.add(new FutureDateCheck())).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void rejectsTwoChecksWithOneId() {
		assertThatThrownBy(() -> new QualityChecks(List.of(new FutureDateCheck(), new FutureDateCheck())))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("plausibility-future-date");
	}

	@Test
	void evaluatesEveryCheckInOrder() {
		InMemoryCheckContext context = new InMemoryCheckContext()
				.withPatient(patient("p1", "1980-06-15"))
				.withIdentifier("Observation", "urn:oid:2.16.840.1.113883.3.1", "LAB-77", "other");
		// A heart rate with a typo, a free-text unit on its reference range, a missing performer, taken tomorrow,
		// and a lab number already used by another observation.
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
				.setSystem("urn:oid:2.16.840.1.113883.3.1").setValue("LAB-77");
		observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")));
		observation.setSubject(new Reference("Patient/p1"));
		observation.addPerformer(new Reference("Practitioner/404"));
		observation.setEffective(new DateTimeType("2025-03-11T08:00:00Z"));
		observation.setValue(new Quantity().setValue(new BigDecimal("720")).setUnit("/min")
				.setSystem("http://unitsofmeasure.org").setCode("/min"));
		observation.addReferenceRange().setLow(new Quantity().setValue(60).setUnit("bpm"));

		Map<String, CheckOutcome> outcomes = new QualityChecks(defaults).evaluateAll(observation, context);

		assertThat(outcomes).containsExactly(
				entry("conformance-validation-errors", CheckOutcome.NOT_APPLICABLE),
				entry("conformance-terminology-not-checkable", CheckOutcome.NOT_APPLICABLE),
				entry("conformance-non-ucum-quantity", CheckOutcome.FAIL),
				entry("conformance-unknown-code-system", CheckOutcome.FAIL),
				entry("conformance-unresolved-reference", CheckOutcome.FAIL),
				entry("conformance-unknown-profile", CheckOutcome.NOT_APPLICABLE),
				entry("conformance-no-profile-claimed", CheckOutcome.FAIL),
				entry("conformance-invariant-failures", CheckOutcome.NOT_APPLICABLE),
				entry("completeness-missing-required-element", CheckOutcome.PASS),
				entry("plausibility-duplicate-identifier", CheckOutcome.FAIL),
				entry("plausibility-vital-sign-out-of-range", CheckOutcome.FAIL),
				entry("plausibility-unit-for-loinc-code", CheckOutcome.PASS),
				entry("plausibility-lab-value-out-of-range", CheckOutcome.NOT_APPLICABLE),
				entry("plausibility-medication-supply", CheckOutcome.NOT_APPLICABLE),
				entry("plausibility-sex-specific-code", CheckOutcome.NOT_APPLICABLE),
				entry("plausibility-period-start-after-end", CheckOutcome.NOT_APPLICABLE),
				entry("plausibility-future-date", CheckOutcome.FAIL),
				entry("plausibility-event-outside-life", CheckOutcome.PASS),
				entry("plausibility-onset-after-abatement", CheckOutcome.NOT_APPLICABLE),
				entry("plausibility-effective-after-issued", CheckOutcome.NOT_APPLICABLE),
				entry("plausibility-event-outside-encounter", CheckOutcome.NOT_APPLICABLE),
				entry("plausibility-date-before-lower-bound", CheckOutcome.PASS));
	}

	@Test
	void aResourceFewChecksApplyToIsJudgedOnlyOnItsProfileClaim() {
		Map<String, CheckOutcome> outcomes = new QualityChecks(defaults)
				.evaluateAll(new Organization().setName("General Hospital"), new InMemoryCheckContext());

		assertThat(outcomes).hasSize(defaults.size()).containsEntry("conformance-no-profile-claimed", CheckOutcome.FAIL);
		outcomes.forEach((id, outcome) -> {
			if (!id.equals("conformance-no-profile-claimed")) {
				assertThat(outcome).as(id).isEqualTo(CheckOutcome.NOT_APPLICABLE);
			}
		});
	}

	private static Patient patient(String id, String birthDate) {
		Patient patient = new Patient().setBirthDateElement(new DateType(birthDate));
		patient.setId(id);
		return patient;
	}
}
