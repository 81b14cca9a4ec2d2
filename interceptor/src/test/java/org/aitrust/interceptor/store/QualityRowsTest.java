package org.aitrust.interceptor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.interceptor.quality.check.QualityCheck;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class QualityRowsTest {

	private static final LocalDate DAY = LocalDate.parse("2026-11-20");

	private QualityEventWriter writer;
	private QualityReportReader store;
	private UnreviewedVersions worklist;

	@BeforeEach
	void emptyDatabase() {
		SingleConnectionDataSource dataSource =
				new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", true);
		new ModuleSchema(dataSource).migrate();
		writer = new QualityEventWriter(dataSource);
		store = new QualityReportReader(dataSource);
		worklist = new UnreviewedVersions(dataSource);
	}

	@Test
	void everyBuiltInCheckHasItsOwnBitSoItIsStoredInTheArrivalRow() {
		assertThat(CheckBits.IDS).doesNotHaveDuplicates()
				.containsAll(QualityChecks.defaults().stream().map(QualityCheck::id).toList());
	}

	/** Stored rows of release 0.1.0 hold these bits: a registry change that moved one would misread them. */
	@Test
	void theBitsOfTheChecksAreThoseRelease010Stored() {
		Map<String, Integer> release010 = Map.ofEntries(
				entry("conformance-validation-errors", 0),
				entry("conformance-terminology-not-checkable", 1),
				entry("conformance-non-ucum-quantity", 2),
				entry("conformance-unknown-code-system", 3),
				entry("conformance-unresolved-reference", 4),
				entry("conformance-unknown-profile", 5),
				entry("conformance-no-profile-claimed", 6),
				entry("completeness-missing-required-element", 7),
				entry("plausibility-duplicate-identifier", 8),
				entry("plausibility-period-start-after-end", 9),
				entry("plausibility-vital-sign-out-of-range", 10),
				entry("plausibility-future-date", 11),
				entry("plausibility-event-outside-life", 12),
				entry("conformance-invariant-failures", 13));

		release010.forEach((id, bit) -> assertThat(CheckBits.bitOf(id)).as(id).isEqualTo(bit));
		// the bits given since, which no later change may move either
		Map<String, Integer> since = Map.ofEntries(
				entry("plausibility-unit-for-loinc-code", 14),
				entry("plausibility-lab-value-out-of-range", 15),
				entry("plausibility-medication-supply", 16),
				entry("plausibility-sex-specific-code", 17),
				entry("plausibility-onset-after-abatement", 18),
				entry("plausibility-effective-after-issued", 19),
				entry("plausibility-event-outside-encounter", 20),
				entry("plausibility-date-before-lower-bound", 21));
		since.forEach((id, bit) -> assertThat(CheckBits.bitOf(id)).as(id).isEqualTo(bit));
		assertThat(CheckBits.IDS).hasSize(release010.size() + since.size());
	}

	@Test
	void totalsCountEveryOutcomeOfEveryArrivalExactly() {
		String lastBit = CheckBits.IDS.get(CheckBits.IDS.size() - 1);
		writer.record(List.of(
				event("lab", true, true, true, Map.of("plausibility-future-date", CheckOutcome.FAIL,
						lastBit, CheckOutcome.FAIL, "completeness-must-support:Observation.value[x]", CheckOutcome.PASS)),
				event("lab", false, true, false, Map.of("plausibility-future-date", CheckOutcome.PASS,
						lastBit, CheckOutcome.NOT_APPLICABLE)),
				event("ehr", true, false, false, Map.of("plausibility-future-date", CheckOutcome.PASS,
						"completeness-must-support:Observation.value[x]", CheckOutcome.FAIL))));
		writer.record(List.of(event("ehr", true, true, false, Map.of())));

		Map<String, CheckTotals> all = store.totals(new QualityQuery(DAY, DAY, null, null, null));

		assertThat(all.get("received")).isEqualTo(new CheckTotals("received", 4, 4));
		assertThat(all.get("rejected")).isEqualTo(new CheckTotals("rejected", 4, 1));
		assertThat(all.get("ai-labelled")).isEqualTo(new CheckTotals("ai-labelled", 4, 3));
		assertThat(all.get("ai-without-provenance")).isEqualTo(new CheckTotals("ai-without-provenance", 2, 1));
		assertThat(all.get("plausibility-future-date")).isEqualTo(new CheckTotals("plausibility-future-date", 3, 1));
		assertThat(all.get(lastBit)).isEqualTo(new CheckTotals(lastBit, 1, 1));
		assertThat(all.get("completeness-must-support:Observation.value[x]"))
				.isEqualTo(new CheckTotals("completeness-must-support:Observation.value[x]", 2, 1));
		assertThat(store.totals(new QualityQuery(DAY, DAY, "ehr", null, null)).get("received").denominator()).isEqualTo(2);
		assertThat(store.totals(new QualityQuery(DAY.plusDays(1), DAY.plusDays(1), null, null, null)).get("received"))
				.isEqualTo(new CheckTotals("received", 0, 0));
	}

	@Test
	void aMustSupportMeasureOfALongElementPathIsStored() {
		String measure = "completeness-must-support:Encounter.hospitalization.dischargeDisposition.coding.display";

		writer.record(List.of(event("ehr", true, false, false, Map.of(measure, CheckOutcome.FAIL))));

		assertThat(store.totals(new QualityQuery(DAY, DAY, null, null, null)).get(measure))
				.isEqualTo(new CheckTotals(measure, 1, 1));
	}

	@Test
	void aFirstReviewCountsAgainstTheAiArrivalsStoredAndTheUnreviewedAreThoseOnTheWorklist() {
		writer.record(List.of(event("scribe", true, true, true, Map.of()), event("scribe", true, true, true, Map.of())));
		writer.record(new QualityReview(DAY, DAY, "scribe", "Observation", "none", 3_600, "corrected", "Scribe|1",
				PatientStrata.NONE));
		worklist.put(new UnreviewedVersion("Observation", "2", 1, null, Instant.parse("2026-11-20T10:00:00Z"), DAY,
				"scribe", "none"));
		worklist.put(new UnreviewedVersion("Observation", "3", 1, null, Instant.parse("2026-11-21T10:00:00Z"),
				DAY.plusDays(1), "scribe", "none"));

		Map<String, CheckTotals> all = store.totals(new QualityQuery(DAY, DAY, null, null, null));

		assertThat(all.get("ai-reviewed")).isEqualTo(new CheckTotals("ai-reviewed", 2, 1));
		assertThat(all.get("ai-unreviewed")).isEqualTo(new CheckTotals("ai-unreviewed", 2, 1));
		assertThat(store.breakdowns(new QualityQuery(DAY, DAY, null, null, null)))
				.containsEntry(Breakdown.REVIEW_OUTCOME, Map.of("corrected", 1L));
	}

	private static QualityEvent event(
			String source, boolean accepted, boolean ai, boolean provenance, Map<String, CheckOutcome> outcomes) {
		return new QualityEvent(DAY, Instant.parse("2026-11-20T10:00:00Z"), source, "Observation", "none", accepted,
				ai, provenance, 60L, new LinkedHashMap<>(outcomes), Map.of(), ai ? "Scribe|1" : null,
				ai ? PatientStrata.NONE : null);
	}
}
