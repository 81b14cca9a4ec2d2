package org.aitrust.interceptor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.aitrust.interceptor.quality.check.CheckClass;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.store.ArrivalLags;
import org.aitrust.interceptor.store.CheckTotals;
import org.aitrust.interceptor.store.QualityQuery;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Test;

/**
 * A check's class decides how its figure is judged: fatal checks fail on one violation, conventions at the default
 * threshold, characterization figures are shown and not judged unless the administrator sets a threshold, and what
 * the server cannot check is never the data's failure. The same figures (a third of the resources violating) get a
 * different status by class alone.
 */
class CheckClassesInTheReportTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
	private static final QualityQuery ALL = new QualityQuery(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-20"),
			null, null, null);
	private static final QualityQuery OBSERVATIONS = new QualityQuery(LocalDate.parse("2026-11-01"),
			LocalDate.parse("2026-11-20"), null, "Observation", null);

	@Test
	void theStatusOfAFigureDependsOnItsClass() {
		OptionalDouble five = OptionalDouble.of(5);
		assertThat(CheckStatus.of(1, 100, CheckClass.FATAL, OptionalDouble.of(0))).isEqualTo(CheckStatus.FAILED);
		assertThat(CheckStatus.of(0, 100, CheckClass.FATAL, OptionalDouble.of(0))).isEqualTo(CheckStatus.PASSED);
		assertThat(CheckStatus.of(5, 100, CheckClass.CONVENTION, five)).isEqualTo(CheckStatus.PASSED);
		assertThat(CheckStatus.of(6, 100, CheckClass.CONVENTION, five)).isEqualTo(CheckStatus.FAILED);
		assertThat(CheckStatus.of(100, 100, CheckClass.CHARACTERIZATION, OptionalDouble.empty()))
				.isEqualTo(CheckStatus.CHARACTERIZATION);
		assertThat(CheckStatus.of(6, 100, CheckClass.CHARACTERIZATION, five)).isEqualTo(CheckStatus.FAILED);
		assertThat(CheckStatus.of(100, 100, CheckClass.SERVER_CAPABILITY, OptionalDouble.of(0)))
				.isEqualTo(CheckStatus.NOT_CHECKABLE_HERE);
		assertThat(CheckStatus.of(0, 0, CheckClass.FATAL, OptionalDouble.of(0))).isEqualTo(CheckStatus.NOT_APPLICABLE);
	}

	@Test
	void thresholdsComeFromTheTypeTheCheckOrTheClass() {
		Thresholds thresholds = new Thresholds(5,
				Map.of("plausibility-future-date", 2.0, "completeness-must-support:Observation.category", 10.0,
						"conformance-terminology-not-checkable", 50.0),
				Map.of("Observation", Map.of("plausibility-future-date", 1.0)));

		assertThat(thresholds.percentFor("plausibility-future-date", CheckClass.CONVENTION, "Observation")).hasValue(1);
		assertThat(thresholds.percentFor("plausibility-future-date", CheckClass.CONVENTION, "Patient")).hasValue(2);
		assertThat(thresholds.percentFor("plausibility-future-date", CheckClass.CONVENTION, null)).hasValue(2);
		assertThat(thresholds.percentFor("conformance-non-ucum-quantity", CheckClass.CONVENTION, null)).hasValue(5);
		assertThat(thresholds.percentFor("plausibility-period-start-after-end", CheckClass.FATAL, null)).hasValue(0);
		assertThat(thresholds.percentFor("completeness-must-support:Observation.code", CheckClass.CHARACTERIZATION,
				null)).isEmpty();
		assertThat(thresholds.percentFor("completeness-must-support:Observation.category", CheckClass.CHARACTERIZATION,
				null)).hasValue(10);
		assertThat(thresholds.percentFor("conformance-terminology-not-checkable", CheckClass.SERVER_CAPABILITY, null))
				.as("what the server cannot check is never judged").isEmpty();
	}

	@Test
	void eachGroupCarriesItsClassLevelThresholdAndStatus() throws Exception {
		MeasureReport report = builder(new Thresholds(5, Map.of())).build(ALL, figures(), null);

		assertGroup(report, "plausibility-period-start-after-end", "fatal", "element", "0", "failed");
		assertGroup(report, "conformance-non-ucum-quantity", "convention", "element", "5", "failed");
		assertGroup(report, "conformance-no-profile-claimed", "characterization", "resource", "100", "characterization");
		assertGroup(report, "completeness-must-support:Encounter.hospitalization", "characterization", "element", "100",
				"characterization");
		assertGroup(report, "conformance-terminology-not-checkable", "server-capability", "concept", "100",
				"not-checkable-here");
		assertGroup(report, "plausibility-future-date", "convention", "element", "5", "not-applicable");

		JsonNode dqd = new ObjectMapper().valueToTree(DqdExport.document(report, Map.of("Observation", report),
				new DqdExport.Run(ALL, "test", CLOCK.instant(), CLOCK.instant()))).get("CheckResults");
		JsonNode notCheckable = row(dqd, "conformance-terminology-not-checkable");
		assertThat(notCheckable.get("failed").asInt()).isZero();
		assertThat(notCheckable.get("notApplicable").asInt()).isEqualTo(1);
		assertThat(notCheckable.get("notApplicableReason").asText()).startsWith("Not checkable on this server");
		assertThat(notCheckable.get("severity").asText()).isEqualTo("server-capability");
		assertThat(notCheckable.get("checkLevel").asText()).isEqualTo("TABLE");
		JsonNode characterization = row(dqd, "conformance-no-profile-claimed");
		assertThat(characterization.get("failed").asInt()).isZero();
		assertThat(characterization.get("passed").asInt()).as("shown, not judged: threshold 100 is never exceeded")
				.isEqualTo(1);
		assertThat(characterization.get("thresholdValue").asDouble()).isEqualTo(100);
		assertThat(characterization.get("notesValue").asText()).startsWith("Characterization");
		assertThat(row(dqd, "plausibility-future-date").get("cdmTableName").asText())
				.as("a check that applied to nothing is one not-applicable row").isEqualTo(DqdExport.ANY_TYPE);
		assertThat(row(dqd, "plausibility-period-start-after-end").get("failed").asInt()).isEqualTo(1);
	}

	@Test
	void anAdministratorsThresholdJudgesACharacterizationAndATypesThresholdJudgesItsReports() {
		Thresholds thresholds = new Thresholds(5,
				Map.of("completeness-must-support:Encounter.hospitalization", 20.0),
				Map.of("Observation", Map.of("conformance-non-ucum-quantity", 40.0)));

		MeasureReport all = builder(thresholds).build(ALL, figures(), null);
		MeasureReport observations = builder(thresholds).build(OBSERVATIONS, figures(), null);

		assertGroup(all, "completeness-must-support:Encounter.hospitalization", "characterization", "element", "20",
				"failed");
		assertGroup(all, "conformance-non-ucum-quantity", "convention", "element", "5", "failed");
		assertGroup(observations, "conformance-non-ucum-quantity", "convention", "element", "40", "passed");
	}

	private static DataQualityReportBuilder builder(Thresholds thresholds) {
		return new DataQualityReportBuilder(new QualityChecks(QualityChecks.defaults()), thresholds, CLOCK);
	}

	/** A third of 30 resources violating every check named; plausibility-future-date applied to none. */
	private static QualityFigures figures() {
		Map<String, CheckTotals> totals = new HashMap<>();
		for (String id : new String[] {"plausibility-period-start-after-end", "conformance-non-ucum-quantity",
				"conformance-no-profile-claimed", "completeness-must-support:Encounter.hospitalization",
				"conformance-terminology-not-checkable"}) {
			totals.put(id, new CheckTotals(id, 30, 10));
		}
		return new QualityFigures(totals, Map.of(), Map.of(), Map.of(),
				new ArrivalLags(new ArrivalLags.Percentiles(0, 0, 0), Map.of()));
	}

	private static void assertGroup(MeasureReport report, String id, String checkClass, String level, String threshold,
			String status) {
		MeasureReport.MeasureReportGroupComponent group = report.getGroup().stream()
				.filter(g -> id.equals(g.getCode().getCodingFirstRep().getCode())).findFirst().orElseThrow();
		assertThat(value(group, DataQualityReportBuilder.EXTENSION_CLASS)).as(id + " class").isEqualTo(checkClass);
		assertThat(value(group, DataQualityReportBuilder.EXTENSION_LEVEL)).as(id + " level").isEqualTo(level);
		assertThat(Double.parseDouble(value(group, DataQualityReportBuilder.EXTENSION_THRESHOLD))).as(id + " threshold")
				.isEqualTo(Double.parseDouble(threshold));
		assertThat(value(group, DataQualityReportBuilder.EXTENSION_STATUS)).as(id + " status").isEqualTo(status);
	}

	private static String value(MeasureReport.MeasureReportGroupComponent group, String url) {
		return group.getExtensionByUrl(url).getValue().primitiveValue();
	}

	private static JsonNode row(JsonNode results, String checkName) {
		for (JsonNode row : results) {
			if (row.get("checkName").asText().equals(checkName)) {
				return row;
			}
		}
		throw new AssertionError("no row " + checkName);
	}
}
