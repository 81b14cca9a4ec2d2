package org.aitrust.interceptor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.store.ArrivalLags;
import org.aitrust.interceptor.store.Breakdown;
import org.aitrust.interceptor.store.CheckTotals;
import org.aitrust.interceptor.store.QualityQuery;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Test;

/**
 * The DQD results document: rows per check and resource type, per element path and code where the check is broken
 * down, judged by each type's own threshold; checkIds as DQD builds them; the Overview as DQD's summarizeResults
 * computes it; Metadata the viewer reads.
 */
class DqdExportTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
	private static final QualityQuery LAB = new QualityQuery(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-20"),
			"lab", null, null);
	private static final String UCUM = "conformance-non-ucum-quantity";
	private static final String VITAL = "plausibility-vital-sign-out-of-range";
	private static final String PERIOD = "plausibility-period-start-after-end";

	/** Observations: UCUM 4 of 20 (per-type threshold 25%), a heart rate out of range, one Period reversed. */
	private static QualityFigures observations() {
		Map<Breakdown, Map<String, Long>> breakdowns = new LinkedHashMap<>();
		breakdowns.put(Breakdown.NON_UCUM_ELEMENT, Map.of("Observation.valueQuantity", 3L,
				"Observation.component.valueQuantity", 1L));
		breakdowns.put(Breakdown.NON_UCUM_UNIT, Map.of("beats/min", 4L));
		breakdowns.put(Breakdown.VITAL_SIGN_CODE, Map.of("http://loinc.org|8867-4", 1L));
		return figures(Map.of(UCUM, new CheckTotals(UCUM, 20, 4), VITAL, new CheckTotals(VITAL, 10, 1),
				PERIOD, new CheckTotals(PERIOD, 20, 1),
				"completeness-must-support:Observation.category",
				new CheckTotals("completeness-must-support:Observation.category", 20, 2)), breakdowns);
	}

	/** Patients: UCUM 1 of 10 (the default 5% threshold fails it). */
	private static QualityFigures patients() {
		return figures(Map.of(UCUM, new CheckTotals(UCUM, 10, 1), PERIOD, new CheckTotals(PERIOD, 10, 0)),
				Map.of(Breakdown.NON_UCUM_ELEMENT, Map.of("Patient.extension.valueQuantity", 1L)));
	}

	private static QualityFigures figures(Map<String, CheckTotals> totals, Map<Breakdown, Map<String, Long>> breakdowns) {
		return new QualityFigures(totals, breakdowns, Map.of(), Map.of(),
				new ArrivalLags(new ArrivalLags.Percentiles(0, 0, 0), Map.of()));
	}

	private static ObjectNode export() {
		DataQualityReportBuilder builder = new DataQualityReportBuilder(new QualityChecks(QualityChecks.defaults()),
				new Thresholds(5, Map.of(), Map.of("Observation", Map.of(UCUM, 25.0))), CLOCK);
		Map<String, CheckTotals> all = new LinkedHashMap<>(observations().totals());
		all.put(UCUM, new CheckTotals(UCUM, 30, 5));
		all.put(PERIOD, new CheckTotals(PERIOD, 30, 1));
		MeasureReport overall = builder.build(LAB, figures(all, Map.of()), null);
		Map<String, MeasureReport> byType = new LinkedHashMap<>();
		byType.put("Observation", builder.build(LAB.withResourceType("Observation"), observations(), null));
		byType.put("Patient", builder.build(LAB.withResourceType("Patient"), patients(), null));
		return DqdExport.document(overall, byType,
				new DqdExport.Run(LAB, "1.2.3", CLOCK.instant(), CLOCK.instant().plusSeconds(2)));
	}

	@Test
	void eachCheckHasARowPerTypeAndPerElementOrCodeJudgedByTheTypesThreshold() {
		JsonNode rows = export().get("CheckResults");

		JsonNode observationUcum = row(rows, "table_conformance-non-ucum-quantity_observation");
		assertThat(observationUcum.get("numViolatedRows").asLong()).isEqualTo(4);
		assertThat(observationUcum.get("numDenominatorRows").asLong()).isEqualTo(20);
		assertThat(observationUcum.get("pctViolatedRows").asDouble()).isEqualTo(0.2);
		assertThat(observationUcum.get("thresholdValue").asDouble()).as("Observation's own threshold").isEqualTo(25);
		assertThat(observationUcum.get("passed").asInt()).isEqualTo(1);
		JsonNode patientUcum = row(rows, "table_conformance-non-ucum-quantity_patient");
		assertThat(patientUcum.get("thresholdValue").asDouble()).as("the default for Patients").isEqualTo(5);
		assertThat(patientUcum.get("failed").asInt()).isEqualTo(1);

		JsonNode valueQuantity = row(rows,
				"field_conformance-non-ucum-quantity_observation_observation.valuequantity");
		assertThat(valueQuantity.get("checkLevel").asText()).isEqualTo("FIELD");
		assertThat(valueQuantity.get("cdmTableName").asText()).isEqualTo("Observation");
		assertThat(valueQuantity.get("cdmFieldName").asText()).isEqualTo("Observation.valueQuantity");
		assertThat(valueQuantity.get("numViolatedRows").asLong()).isEqualTo(3);
		assertThat(valueQuantity.get("numDenominatorRows").asLong()).as("the type's resources the check applied to")
				.isEqualTo(20);
		assertThat(valueQuantity.get("thresholdValue").asDouble()).isEqualTo(25);
		JsonNode heartRate = row(rows, "concept_plausibility-vital-sign-out-of-range_observation_http://loinc.org|8867-4");
		assertThat(heartRate.get("conceptId").asText()).isEqualTo("http://loinc.org|8867-4");
		assertThat(heartRate.get("cdmFieldName").isNull()).isTrue();
		assertThat(heartRate.get("failed").asInt()).as("1 of 10 against 5%").isEqualTo(1);
		JsonNode mustSupport = row(rows, "field_completeness-must-support_observation_observation.category");
		assertThat(mustSupport.get("checkName").asText()).isEqualTo("completeness-must-support");
		assertThat(mustSupport.get("passed").asInt()).as("a characterization, shown").isEqualTo(1);

		assertThat(ids(rows)).as("the unit breakdown makes no rows of its own; a check that applied to nothing one row")
				.noneMatch(id -> id.contains("beats/min"))
				.contains("table_plausibility-future-date_resource")
				.doesNotContain("table_plausibility-vital-sign-out-of-range_patient");
		for (JsonNode row : rows) {
			assertThat(row.get("passed").asInt() + row.get("failed").asInt() + row.get("isError").asInt()
					+ row.get("notApplicable").asInt()).as(row.get("checkId").asText() + " has one status").isEqualTo(1);
		}
	}

	@Test
	void checkIdsAreTheSameForTheSameCheckTypeAndItemInEveryExport() {
		List<String> first = ids(export().get("CheckResults"));
		List<String> second = ids(export().get("CheckResults"));

		assertThat(second).isEqualTo(first);
		assertThat(first).doesNotHaveDuplicates();
		assertThat(first).contains("table_plausibility-period-start-after-end_observation",
				"field_conformance-non-ucum-quantity_observation_observation.component.valuequantity",
				"field_conformance-non-ucum-quantity_patient_patient.extension.valuequantity");
	}

	@Test
	void theOverviewCountsTheRowsAsDqdDoes() {
		ObjectNode document = export();
		JsonNode rows = document.get("CheckResults");
		JsonNode overview = document.get("Overview");
		long failed = 0;
		long passedFlag = 0;
		long failedPlausibility = 0;
		long totalConformance = 0;
		long passedCompleteness = 0;
		for (JsonNode row : rows) {
			failed += row.get("failed").asInt();
			passedFlag += row.get("passed").asInt();
			failedPlausibility += row.get("category").asText().equals("Plausibility") ? row.get("failed").asInt() : 0;
			totalConformance += row.get("category").asText().equals("Conformance") ? 1 : 0;
			passedCompleteness += row.get("category").asText().equals("Completeness") ? row.get("passed").asInt() : 0;
		}
		assertThat(failed).as("the Patients' UCUM, their field row, the heart rate row and its table row, the Period")
				.isEqualTo(5);
		assertThat(overview.get("countTotal").asLong()).isEqualTo(rows.size());
		assertThat(overview.get("countOverallFailed").asLong()).isEqualTo(failed);
		assertThat(overview.get("countThresholdFailed").asLong()).isEqualTo(failed);
		assertThat(overview.get("countErrorFailed").asLong()).isZero();
		assertThat(overview.get("countPassed").asLong()).as("everything not failed, not-applicable rows included")
				.isEqualTo(rows.size() - failed);
		assertThat(overview.get("countPassed").asLong()).isGreaterThan(passedFlag);
		assertThat(overview.get("percentPassed").decimalValue())
				.isEqualByComparingTo(java.math.BigDecimal.valueOf(Math.round(10000.0 * (rows.size() - failed) / rows.size()) / 100.0));
		assertThat(overview.get("countFailedPlausibility").asLong()).isEqualTo(failedPlausibility);
		assertThat(overview.get("countTotalConformance").asLong()).isEqualTo(totalConformance);
		assertThat(overview.get("countPassedCompleteness").asLong()).isEqualTo(passedCompleteness);
	}

	@Test
	void theMetadataNamesTheSourceThePeriodsEndAndTheGenerator() {
		ObjectNode document = export();
		JsonNode metadata = document.get("Metadata").get(0);

		assertThat(metadata.get("cdmSourceName").asText()).isEqualTo("lab");
		assertThat(metadata.get("cdmReleaseDate").asText()).isEqualTo("2026-11-20");
		assertThat(metadata.get("dqdVersion").asText()).startsWith("FHIR AI Trust 1.2.3");
		assertThat(metadata.get("generatorVersion").asText()).isEqualTo("1.2.3");
		assertThat(document.get("startTimestamp").asText()).isEqualTo("2026-11-20T12:00:00Z");
		assertThat(document.get("executionTime").asText()).isEqualTo("2 secs");
		assertThat(row(document.get("CheckResults"), "table_conformance-non-ucum-quantity_patient").get("queryText")
				.asText()).isEqualTo("GET [base]/$data-quality?start=2026-11-01&end=2026-11-20&source=lab"
						+ "&resourceType=Patient&check=conformance-non-ucum-quantity");
	}

	private static List<String> ids(JsonNode rows) {
		List<String> ids = new ArrayList<>();
		rows.forEach(row -> ids.add(row.get("checkId").asText()));
		return ids;
	}

	private static JsonNode row(JsonNode rows, String checkId) {
		for (JsonNode row : rows) {
			if (row.get("checkId").asText().equals(checkId)) {
				return row;
			}
		}
		throw new AssertionError("no row " + checkId + " in " + ids(rows));
	}
}
