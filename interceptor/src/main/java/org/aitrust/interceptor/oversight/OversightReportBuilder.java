package org.aitrust.interceptor.oversight;

import static org.aitrust.interceptor.report.MeasureReportParts.percent;
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
import org.aitrust.interceptor.store.StratumCounts;
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
 * against its baseline with the drift status and the test behind it; writes per calendar week; review lag; and the
 * review outcome and validation rates by patient stratum and week, each stratum tested against the rest of the
 * model's writes that week, with small counts of patients suppressed; and the confidence the model stated, its
 * distribution and its calibration against reviews ({@link ConfidenceReportGroups}).
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
	/** The calendar week a stratifier (or a stratum of writes by week) counts. */
	public static final String EXTENSION_WINDOW = "http://fhir-aitrust.org/StructureDefinition/oversight-window";
	/** Distinct patients of a stratum's writes or reviews, the count suppression goes by. */
	public static final String EXTENSION_PATIENTS = "http://fhir-aitrust.org/StructureDefinition/oversight-patients";
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
	private final ConfidenceReportGroups confidence;

	public OversightReportBuilder(OversightReader store, OversightWindows windows, DriftPolicy drift,
			SmallCellSuppression suppression, Clock clock) {
		this.store = store;
		this.windows = windows;
		this.drift = drift;
		this.suppression = suppression;
		this.clock = clock;
		this.confidence = new ConfidenceReportGroups(store, drift);
	}

	/**
	 * The report of one model version for the recent window [start, end], widened to the calendar weeks it touches
	 * ({@link OversightWindows#wholeWeeks}); the report's period says which.
	 */
	public MeasureReport build(String model, LocalDate start, LocalDate end) {
		LocalDate[] weeks = OversightWindows.wholeWeeks(start, end);
		List<LocalDate> mondays = OversightWindows.weekStarts(start, end);
		LocalDate[] baseline = windows.baseline(model, weeks[0]);
		ModelCounts recent = store.counts(model, weeks[0], weeks[1]);
		ModelCounts before = store.counts(model, baseline[0], baseline[1]);
		MeasureReport report = new MeasureReport();
		report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
		report.setType(MeasureReport.MeasureReportType.SUMMARY);
		report.setMeasure(MEASURE);
		report.setDate(Date.from(clock.instant()));
		report.setPeriod(period(weeks[0], weeks[1]));
		report.addIdentifier(new Identifier().setSystem(AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL).setValue(model));
		report.addExtension(EXTENSION_BASELINE_PERIOD, period(baseline[0], baseline[1]));

		MeasureReport.MeasureReportGroupComponent writes = group(report, "writes", "AI writes stored");
		population(writes, "initial-population", recent.writes());
		writes.addExtension(EXTENSION_BASELINE_DENOMINATOR, new IntegerType(Math.toIntExact(before.writes())));
		MeasureReport.MeasureReportGroupStratifierComponent byWeek = writes.addStratifier();
		byWeek.addCode(new CodeableConcept(new Coding(STRATIFIER_SYSTEM, "week", null)).setText("week"));
		for (LocalDate monday : mondays) {
			long count = recent.writesByDay().entrySet().stream()
					.filter(day -> !day.getKey().isBefore(monday) && day.getKey().isBefore(monday.plusWeeks(1)))
					.mapToLong(Map.Entry::getValue).sum();
			MeasureReport.StratifierGroupComponent stratum = byWeek.addStratum()
					.setValue(new CodeableConcept().setText(monday.toString()));
			stratum.addExtension(EXTENSION_WINDOW, period(monday, monday.plusDays(6)));
			stratum.addPopulation().setCode(populationCode("initial-population")).setCount(Math.toIntExact(count));
		}

		for (String check : store.judgedChecks()) {
			long[] now = recent.checks().get(check);
			long[] then = before.checks().get(check);
			MeasureReport.MeasureReportGroupComponent group = rate(report, check.equals(VALIDATION_CHECK)
							? "validation-failing" : check,
					"Share of the model's writes failing " + check, now[1], now[0], then[1], then[0]);
			addCheckStrata(group, model, check, mondays, weeks[1]);
		}
		rate(report, "reviewed", "Share of the model's writes reviewed by a clinician", recent.reviews(), recent.writes(),
				before.reviews(), before.writes());
		for (String outcome : OUTCOMES) {
			MeasureReport.MeasureReportGroupComponent group = rate(report, "review-" + outcome,
					"Share of the model's reviewed writes " + outcome + " by the reviewer", recent.outcome(outcome),
					recent.reviews(), before.outcome(outcome), before.reviews());
			if (EQUITY_OUTCOMES.contains(outcome)) {
				addReviewStrata(group, model, outcome, mondays, weeks[1]);
			}
		}
		MeasureReport.MeasureReportGroupComponent lag = group(report, "review-lag",
				"Seconds from the write to its first review");
		population(lag, "initial-population", recent.reviews());
		lag.addExtension(EXTENSION_LAG_MEDIAN, new DecimalType(recent.reviewLagMedian()));
		lag.addExtension(EXTENSION_LAG_P95, new DecimalType(recent.reviewLagP95()));
		confidence.addTo(report, model, weeks[0], weeks[1], baseline[0], baseline[1]);
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
			List<LocalDate> mondays, LocalDate end) {
		for (String dimension : OversightReader.DIMENSIONS.keySet().stream().sorted().toList()) {
			addStrata(group, dimension, store.reviewsByStratum(model, dimension, outcome, mondays, end));
		}
	}

	private void addCheckStrata(MeasureReport.MeasureReportGroupComponent group, String model, String check,
			List<LocalDate> mondays, LocalDate end) {
		if (!check.equals(VALIDATION_CHECK)) {
			return;
		}
		for (String dimension : OversightReader.DIMENSIONS.keySet().stream().sorted().toList()) {
			addStrata(group, dimension, store.checkByStratum(model, dimension, check, mondays, end));
		}
	}

	/**
	 * One stratifier of a dimension per calendar week, never one over the report's whole period: a sum over a
	 * caller's weeks, minus the sum over one week fewer in another report, would give that week's counts, however
	 * each report masked its own. A week's cells are the same in every report that shows the week, so no two reports
	 * tell more than either alone.
	 */
	private void addStrata(MeasureReport.MeasureReportGroupComponent group, String dimension,
			Map<LocalDate, Map<String, StratumCounts>> byWeek) {
		byWeek.forEach((monday, strata) -> {
			MeasureReport.MeasureReportGroupStratifierComponent stratifier = group.addStratifier();
			stratifier.addCode(new CodeableConcept(new Coding(STRATIFIER_SYSTEM, dimension, null)).setText(dimension));
			stratifier.addExtension(EXTENSION_WINDOW, period(monday, monday.plusDays(6)));
			addStrata(stratifier, strata);
		});
	}

	/**
	 * The strata of one dimension in one week: each stratum's writes (or reviews), distinct patients and numerator,
	 * tested against the rest of the model's that week. Suppression goes by patients, so one patient's many writes
	 * are still one patient; a masked stratum masks its numerator too, and numerators are masked the same way among
	 * themselves. Only strata with rows are listed, so when every stratum would be masked none is listed.
	 */
	private void addStrata(MeasureReport.MeasureReportGroupStratifierComponent stratifier,
			Map<String, StratumCounts> strata) {
		List<String> values = new ArrayList<>(strata.keySet());
		List<StratumCounts> cells = values.stream().map(strata::get).toList();
		List<Boolean> hiddenDenominators = suppression.suppressed(cells.stream().map(StratumCounts::patients).toList());
		List<Boolean> hiddenNumerators = suppression.suppressed(
				cells.stream().map(StratumCounts::numeratorPatients).toList(), hiddenDenominators);
		if (!hiddenDenominators.contains(false)) {
			// fewer patients than the threshold in the whole week: even which strata are there would tell
			stratifier.addExtension(EXTENSION_STATUS, new CodeType("suppressed"));
			return;
		}
		long totalDenominator = cells.stream().mapToLong(StratumCounts::writes).sum();
		long totalNumerator = cells.stream().mapToLong(StratumCounts::numerator).sum();
		for (int i = 0; i < values.size(); i++) {
			StratumCounts cell = cells.get(i);
			MeasureReport.StratifierGroupComponent stratum = stratifier.addStratum();
			stratum.setValue(new CodeableConcept().setText(values.get(i)));
			boolean denominatorHidden = hiddenDenominators.get(i);
			boolean numeratorHidden = hiddenNumerators.get(i);
			count(stratum.addPopulation().setCode(populationCode("denominator")).getCountElement(), cell.writes(),
					denominatorHidden);
			count(stratum.addPopulation().setCode(populationCode("numerator")).getCountElement(), cell.numerator(),
					numeratorHidden);
			IntegerType patients = new IntegerType();
			count(patients, cell.patients(), denominatorHidden);
			stratum.addExtension(EXTENSION_PATIENTS, patients);
			if (numeratorHidden) {
				stratum.addExtension(EXTENSION_STATUS, new CodeType("suppressed"));
				continue;
			}
			long n = cell.writes();
			if (n > 0) {
				stratum.setMeasureScore(percent(100.0 * cell.numerator() / n));
			}
			RateComparison comparison = drift.compare(cell.numerator(), n, totalNumerator - cell.numerator(),
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

	private static void count(IntegerType count, long value, boolean hidden) {
		if (hidden) {
			count.addExtension(DATA_ABSENT_REASON, new CodeType("masked"));
		} else {
			count.setValue(Math.toIntExact(value));
		}
	}

	static MeasureReport.MeasureReportGroupComponent group(MeasureReport report, String id, String text) {
		MeasureReport.MeasureReportGroupComponent group = report.addGroup();
		group.setId(id.replaceAll("[^A-Za-z0-9.-]", "-"));
		group.setCode(new CodeableConcept(new Coding(RATE_SYSTEM, id, text)));
		return group;
	}

	static void population(MeasureReport.MeasureReportGroupComponent group, String code, long count) {
		group.addPopulation().setCode(populationCode(code)).setCount(Math.toIntExact(count));
	}

	private static Period period(LocalDate start, LocalDate end) {
		return new Period()
				.setStart(Date.from(start.atStartOfDay(ZoneOffset.UTC).toInstant()))
				.setEnd(Date.from(end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)));
	}

	static DecimalType decimal(double value) {
		return new DecimalType(BigDecimal.valueOf(value).round(new MathContext(6)));
	}

}
