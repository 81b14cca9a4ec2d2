package org.aitrust.interceptor.oversight;

import static org.aitrust.interceptor.report.MeasureReportParts.percent;
import static org.aitrust.interceptor.report.MeasureReportParts.percentile;
import static org.aitrust.interceptor.report.MeasureReportParts.populationCode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.aitrust.interceptor.store.ModelCounts;
import org.aitrust.interceptor.store.OversightReader;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Period;

/**
 * Builds the {@code $ai-oversight} MeasureReport of one AI model version: each of its rates in the recent window
 * against its baseline with the drift status and the test behind it; writes per day; review lag; and the review
 * outcome and validation rates by patient stratum, each stratum tested against the rest of the model's writes, with
 * small counts suppressed.
 */
public class OversightReportBuilder {

	public static final String MEASURE = "http://fhir-aitrust.org/Measure/ai-oversight";
	public static final String RATE_SYSTEM = "http://fhir-aitrust.org/CodeSystem/ai-oversight-rate";
	public static final String STRATIFIER_SYSTEM = "http://fhir-aitrust.org/CodeSystem/ai-oversight-stratifier";
	public static final String EXTENSION_BASELINE_NUMERATOR = "http://fhir-aitrust.org/StructureDefinition/oversight-baseline-numerator";
	public static final String EXTENSION_BASELINE_DENOMINATOR = "http://fhir-aitrust.org/StructureDefinition/oversight-baseline-denominator";
	public static final String EXTENSION_BASELINE_PERIOD = "http://fhir-aitrust.org/StructureDefinition/oversight-baseline-period";
	public static final String EXTENSION_Z = "http://fhir-aitrust.org/StructureDefinition/oversight-z";
	public static final String EXTENSION_P_VALUE = "http://fhir-aitrust.org/StructureDefinition/oversight-p-value";
	public static final String EXTENSION_STATUS = "http://fhir-aitrust.org/StructureDefinition/oversight-status";
	public static final String EXTENSION_LAG_MEDIAN = "http://fhir-aitrust.org/StructureDefinition/dq-lag-median-seconds";
	public static final String EXTENSION_LAG_P95 = "http://fhir-aitrust.org/StructureDefinition/dq-lag-p95-seconds";
	/** FHIR's own extension for a value left out on purpose; {@code masked} is its code for suppression. */
	public static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
	static final String VALIDATION_CHECK = "conformance-validation-errors";
	private static final List<String> OUTCOMES = List.of("verified", "corrected", "rejected");
	private static final List<String> EQUITY_OUTCOMES = List.of("corrected", "rejected");

	private final OversightReader store;
	private final OversightWindows windows;
	private final DriftPolicy drift;
	private final SmallCellSuppression suppression;
	private final Clock clock;

	public OversightReportBuilder(OversightReader store, OversightWindows windows, DriftPolicy drift,
			SmallCellSuppression suppression, Clock clock) {
		this.store = store;
		this.windows = windows;
		this.drift = drift;
		this.suppression = suppression;
		this.clock = clock;
	}

	/** The report of one model version for the recent window [start, end]. */
	public MeasureReport build(String model, LocalDate start, LocalDate end) {
		LocalDate[] baseline = windows.baseline(model, start);
		ModelCounts recent = store.counts(model, start, end);
		ModelCounts before = store.counts(model, baseline[0], baseline[1]);
		MeasureReport report = new MeasureReport();
		report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
		report.setType(MeasureReport.MeasureReportType.SUMMARY);
		report.setMeasure(MEASURE);
		report.setDate(Date.from(clock.instant()));
		report.setPeriod(period(start, end));
		report.addIdentifier(new Identifier().setSystem(AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL).setValue(model));
		report.addExtension(EXTENSION_BASELINE_PERIOD, period(baseline[0], baseline[1]));

		MeasureReport.MeasureReportGroupComponent writes = group(report, "writes", "AI writes stored");
		population(writes, "initial-population", recent.writes());
		writes.addExtension(EXTENSION_BASELINE_DENOMINATOR, new IntegerType(Math.toIntExact(before.writes())));
		MeasureReport.MeasureReportGroupStratifierComponent byDay = writes.addStratifier();
		byDay.addCode(new CodeableConcept(new Coding(STRATIFIER_SYSTEM, "day", null)).setText("day"));
		recent.writesByDay().forEach((day, count) -> byDay.addStratum().setValue(new CodeableConcept().setText(day.toString()))
				.addPopulation().setCode(populationCode("initial-population")).setCount(Math.toIntExact(count)));

		for (String check : store.judgedChecks()) {
			long[] now = recent.checks().get(check);
			long[] then = before.checks().get(check);
			MeasureReport.MeasureReportGroupComponent group = rate(report, check.equals(VALIDATION_CHECK)
							? "validation-failing" : check,
					"Share of the model's writes failing " + check, now[1], now[0], then[1], then[0]);
			addCheckStrata(group, model, check, baseline[0], end);
		}
		rate(report, "reviewed", "Share of the model's writes reviewed by a clinician", recent.reviews(), recent.writes(),
				before.reviews(), before.writes());
		for (String outcome : OUTCOMES) {
			MeasureReport.MeasureReportGroupComponent group = rate(report, "review-" + outcome,
					"Share of the model's reviewed writes " + outcome + " by the reviewer", recent.outcome(outcome),
					recent.reviews(), before.outcome(outcome), before.reviews());
			if (EQUITY_OUTCOMES.contains(outcome)) {
				addReviewStrata(group, model, outcome, baseline[0], end);
			}
		}
		MeasureReport.MeasureReportGroupComponent lag = group(report, "review-lag",
				"Seconds from the write to its first review");
		population(lag, "initial-population", recent.reviewLagSeconds().size());
		lag.addExtension(EXTENSION_LAG_MEDIAN, new DecimalType(percentile(recent.reviewLagSeconds(), 50)));
		lag.addExtension(EXTENSION_LAG_P95, new DecimalType(percentile(recent.reviewLagSeconds(), 95)));
		return report;
	}

	private MeasureReport.MeasureReportGroupComponent rate(MeasureReport report, String id, String text,
			long recentNumerator, long recentDenominator, long baselineNumerator, long baselineDenominator) {
		RateComparison comparison = drift.compare(recentNumerator, recentDenominator, baselineNumerator,
				baselineDenominator);
		MeasureReport.MeasureReportGroupComponent group = group(report, id, text);
		population(group, "denominator", recentDenominator);
		population(group, "numerator", recentNumerator);
		if (recentDenominator > 0) {
			group.setMeasureScore(percent(100 * comparison.test().recentRate()));
		}
		group.addExtension(EXTENSION_BASELINE_NUMERATOR, new IntegerType(Math.toIntExact(baselineNumerator)));
		group.addExtension(EXTENSION_BASELINE_DENOMINATOR, new IntegerType(Math.toIntExact(baselineDenominator)));
		group.addExtension(EXTENSION_Z, decimal(comparison.test().z()));
		group.addExtension(EXTENSION_P_VALUE, decimal(comparison.test().pValue()));
		group.addExtension(EXTENSION_STATUS, new CodeType(comparison.status().code()));
		return group;
	}

	private void addReviewStrata(MeasureReport.MeasureReportGroupComponent group, String model, String outcome,
			LocalDate start, LocalDate end) {
		for (String dimension : OversightReader.DIMENSIONS.keySet().stream().sorted().toList()) {
			addStrata(group, dimension, store.reviewsByStratum(model, dimension, outcome, start, end));
		}
	}

	private void addCheckStrata(MeasureReport.MeasureReportGroupComponent group, String model, String check,
			LocalDate start, LocalDate end) {
		if (!check.equals(VALIDATION_CHECK)) {
			return;
		}
		for (String dimension : OversightReader.DIMENSIONS.keySet().stream().sorted().toList()) {
			addStrata(group, dimension, store.checkByStratum(model, dimension, check, start, end));
		}
	}

	/**
	 * One stratifier: each stratum's {denominator, numerator}, tested against the rest of the model's writes;
	 * small counts, and the counts that would reveal them from the totals, are masked.
	 */
	private void addStrata(MeasureReport.MeasureReportGroupComponent group, String dimension, Map<String, long[]> strata) {
		List<String> values = new ArrayList<>(strata.keySet());
		List<Long> denominators = values.stream().map(v -> strata.get(v)[0]).toList();
		List<Long> numerators = values.stream().map(v -> strata.get(v)[1]).toList();
		List<Boolean> hiddenDenominators = suppression.suppressed(denominators);
		List<Boolean> hiddenNumerators = suppression.suppressed(numerators);
		long totalDenominator = denominators.stream().mapToLong(Long::longValue).sum();
		long totalNumerator = numerators.stream().mapToLong(Long::longValue).sum();
		MeasureReport.MeasureReportGroupStratifierComponent stratifier = group.addStratifier();
		stratifier.addCode(new CodeableConcept(new Coding(STRATIFIER_SYSTEM, dimension, null)).setText(dimension));
		for (int i = 0; i < values.size(); i++) {
			MeasureReport.StratifierGroupComponent stratum = stratifier.addStratum();
			stratum.setValue(new CodeableConcept().setText(values.get(i)));
			boolean denominatorHidden = hiddenDenominators.get(i);
			boolean numeratorHidden = denominatorHidden || hiddenNumerators.get(i);
			count(stratum.addPopulation().setCode(populationCode("denominator")), denominators.get(i), denominatorHidden);
			count(stratum.addPopulation().setCode(populationCode("numerator")), numerators.get(i), numeratorHidden);
			if (numeratorHidden) {
				stratum.addExtension(EXTENSION_STATUS, new CodeType("suppressed"));
				continue;
			}
			long n = denominators.get(i);
			if (n > 0) {
				stratum.setMeasureScore(percent(100.0 * numerators.get(i) / n));
			}
			RateComparison comparison = drift.compare(numerators.get(i), n, totalNumerator - numerators.get(i),
					totalDenominator - n);
			stratum.addExtension(EXTENSION_Z, decimal(comparison.test().z()));
			stratum.addExtension(EXTENSION_P_VALUE, decimal(comparison.test().pValue()));
			stratum.addExtension(EXTENSION_STATUS, new CodeType(switch (comparison.status()) {
				case DRIFTED -> "differs";
				case STABLE -> "consistent";
				case NO_BASELINE -> "insufficient-data";
			}));
		}
	}

	private static void count(MeasureReport.StratifierGroupPopulationComponent population, long count, boolean hidden) {
		if (hidden) {
			population.getCountElement().addExtension(DATA_ABSENT_REASON, new CodeType("masked"));
		} else {
			population.setCount(Math.toIntExact(count));
		}
	}

	private static MeasureReport.MeasureReportGroupComponent group(MeasureReport report, String id, String text) {
		MeasureReport.MeasureReportGroupComponent group = report.addGroup();
		group.setId(id.replaceAll("[^A-Za-z0-9.-]", "-"));
		group.setCode(new CodeableConcept(new Coding(RATE_SYSTEM, id, text)));
		return group;
	}

	private static void population(MeasureReport.MeasureReportGroupComponent group, String code, long count) {
		group.addPopulation().setCode(populationCode(code)).setCount(Math.toIntExact(count));
	}

	private static Period period(LocalDate start, LocalDate end) {
		return new Period()
				.setStart(Date.from(start.atStartOfDay(ZoneOffset.UTC).toInstant()))
				.setEnd(Date.from(end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)));
	}

	private static DecimalType decimal(double value) {
		return new DecimalType(BigDecimal.valueOf(value).round(new MathContext(6)));
	}

}
