package org.aitrust.interceptor.oversight;

import static org.aitrust.interceptor.oversight.OversightReportBuilder.EXTENSION_BASELINE_DENOMINATOR;
import static org.aitrust.interceptor.oversight.OversightReportBuilder.EXTENSION_BASELINE_NUMERATOR;
import static org.aitrust.interceptor.oversight.OversightReportBuilder.EXTENSION_P_VALUE;
import static org.aitrust.interceptor.oversight.OversightReportBuilder.EXTENSION_STATUS;
import static org.aitrust.interceptor.oversight.OversightReportBuilder.EXTENSION_Z;
import static org.aitrust.interceptor.oversight.OversightReportBuilder.STRATIFIER_SYSTEM;
import static org.aitrust.interceptor.oversight.OversightReportBuilder.decimal;
import static org.aitrust.interceptor.oversight.OversightReportBuilder.group;
import static org.aitrust.interceptor.oversight.OversightReportBuilder.population;
import static org.aitrust.interceptor.report.MeasureReportParts.percent;
import static org.aitrust.interceptor.report.MeasureReportParts.populationCode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.aitrust.interceptor.store.ConfidenceBin;
import org.aitrust.interceptor.store.OversightReader;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MeasureReport;

/**
 * The confidence groups of an {@code $ai-oversight} report: the distribution of the confidence the model stated
 * ({@code AIconfidence} as a probability) over its writes, and its calibration against clinicians' first reviews
 * (verified is correct; corrected and rejected are not; unreviewed writes are not counted), each by equal-width bin,
 * each bin tested against the same bin of the baseline.
 *
 * <p>Drift of a distribution is a change in any of its bins: the share of the model's writes in a bin (distribution),
 * the share of a bin's reviewed writes verified (calibration). Each bin is tested with the two-proportion test and
 * the minimum effect of every other oversight rate, the significance divided among the bins tested (Bonferroni), so
 * ten bins raise no more false alarms than one rate; the group is {@code drifted} when a bin is.
 */
class ConfidenceReportGroups {

	/** The mean stated confidence of a group's or bin's rows, 0 to 1. */
	public static final String EXTENSION_MEAN_CONFIDENCE = "http://fhir-aitrust.org/StructureDefinition/oversight-mean-confidence";
	/** The same over the baseline. */
	public static final String EXTENSION_BASELINE_MEAN_CONFIDENCE = "http://fhir-aitrust.org/StructureDefinition/oversight-baseline-mean-confidence";
	/** Expected calibration error, 0 to 1: Σ n_b / N · |accuracy_b − confidence_b|. */
	public static final String EXTENSION_ECE = "http://fhir-aitrust.org/StructureDefinition/oversight-expected-calibration-error";
	/** The same over the baseline. */
	public static final String EXTENSION_BASELINE_ECE = "http://fhir-aitrust.org/StructureDefinition/oversight-baseline-expected-calibration-error";
	static final String CONFIDENCE = "confidence";
	static final String CALIBRATION = "calibration";
	static final String BIN_STRATIFIER = "confidence-bin";
	private static final int FIGURE_SCALE = 6;

	private final OversightReader store;
	private final DriftPolicy drift;

	ConfidenceReportGroups(OversightReader store, DriftPolicy drift) {
		this.store = store;
		this.drift = drift;
	}

	/** Adds both groups for the recent weeks [start, end] against the baseline [baselineStart, baselineEnd]. */
	void addTo(MeasureReport report, String model, LocalDate start, LocalDate end, LocalDate baselineStart,
			LocalDate baselineEnd) {
		addDistribution(report, store.confidenceByBin(model, start, end),
				store.confidenceByBin(model, baselineStart, baselineEnd));
		addCalibration(report, store.reviewedConfidenceByBin(model, start, end),
				store.reviewedConfidenceByBin(model, baselineStart, baselineEnd));
	}

	/** Each bin's share of the writes that stated a confidence, against its share in the baseline. */
	private void addDistribution(MeasureReport report, List<ConfidenceBin> recent, List<ConfidenceBin> baseline) {
		ConfidenceBin now = ConfidenceCalibration.total(recent);
		ConfidenceBin then = ConfidenceCalibration.total(baseline);
		MeasureReport.MeasureReportGroupComponent group = group(report, CONFIDENCE,
				"Confidence the model stated in its writes (AIconfidence as a probability), by bin");
		population(group, "initial-population", now.count());
		group.addExtension(EXTENSION_BASELINE_DENOMINATOR, integer(then.count()));
		figure(group, EXTENSION_MEAN_CONFIDENCE, ConfidenceCalibration.meanConfidence(now));
		figure(group, EXTENSION_BASELINE_MEAN_CONFIDENCE,
				ConfidenceCalibration.meanConfidence(then));
		int tested = 0;
		for (int i = 0; i < recent.size(); i++) {
			tested += recent.get(i).count() + baseline.get(i).count() > 0 ? 1 : 0;
		}
		DriftPolicy perBin = drift.forEachOf(tested);
		List<DriftStatus> statuses = new ArrayList<>();
		MeasureReport.MeasureReportGroupStratifierComponent bins = binStratifier(group);
		for (int i = 0; i < recent.size(); i++) {
			ConfidenceBin bin = recent.get(i);
			MeasureReport.StratifierGroupComponent stratum = bins.addStratum().setValue(binLabel(i));
			stratum.addPopulation().setCode(populationCode("initial-population")).setCount(Math.toIntExact(bin.count()));
			if (now.count() > 0) {
				stratum.setMeasureScore(percent(100.0 * bin.count() / now.count()));
			}
			figure(stratum, EXTENSION_MEAN_CONFIDENCE, ConfidenceCalibration.meanConfidence(bin));
			statuses.add(test(stratum, perBin, bin.count(), now.count(), baseline.get(i).count(), then.count()));
		}
		group.addExtension(EXTENSION_STATUS, new CodeType(overall(statuses, now.count(), then.count()).code()));
	}

	/** Each bin's accuracy among its reviewed writes, against its accuracy in the baseline, and the ECE of each. */
	private void addCalibration(MeasureReport report, List<ConfidenceBin> recent, List<ConfidenceBin> baseline) {
		ConfidenceBin now = ConfidenceCalibration.total(recent);
		ConfidenceBin then = ConfidenceCalibration.total(baseline);
		MeasureReport.MeasureReportGroupComponent group = group(report, CALIBRATION,
				"Stated confidence against clinicians' first reviews (verified is correct), by bin");
		population(group, "denominator", now.count());
		population(group, "numerator", now.correct());
		if (now.count() > 0) {
			group.setMeasureScore(percent(100.0 * now.correct() / now.count()));
		}
		group.addExtension(EXTENSION_BASELINE_NUMERATOR, integer(then.correct()));
		group.addExtension(EXTENSION_BASELINE_DENOMINATOR, integer(then.count()));
		figure(group, EXTENSION_MEAN_CONFIDENCE, ConfidenceCalibration.meanConfidence(now));
		figure(group, EXTENSION_BASELINE_MEAN_CONFIDENCE,
				ConfidenceCalibration.meanConfidence(then));
		figure(group, EXTENSION_ECE, ConfidenceCalibration.expectedCalibrationError(recent));
		figure(group, EXTENSION_BASELINE_ECE,
				ConfidenceCalibration.expectedCalibrationError(baseline));
		int tested = 0;
		for (int i = 0; i < recent.size(); i++) {
			tested += recent.get(i).count() > 0 && baseline.get(i).count() > 0 ? 1 : 0;
		}
		DriftPolicy perBin = drift.forEachOf(tested);
		List<DriftStatus> statuses = new ArrayList<>();
		MeasureReport.MeasureReportGroupStratifierComponent bins = binStratifier(group);
		for (int i = 0; i < recent.size(); i++) {
			ConfidenceBin bin = recent.get(i);
			ConfidenceBin before = baseline.get(i);
			MeasureReport.StratifierGroupComponent stratum = bins.addStratum().setValue(binLabel(i));
			stratum.addPopulation().setCode(populationCode("denominator")).setCount(Math.toIntExact(bin.count()));
			stratum.addPopulation().setCode(populationCode("numerator")).setCount(Math.toIntExact(bin.correct()));
			if (bin.count() > 0) {
				stratum.setMeasureScore(percent(100.0 * bin.correct() / bin.count()));
			}
			figure(stratum, EXTENSION_MEAN_CONFIDENCE, ConfidenceCalibration.meanConfidence(bin));
			statuses.add(test(stratum, perBin, bin.correct(), bin.count(), before.correct(), before.count()));
		}
		group.addExtension(EXTENSION_STATUS, new CodeType(overall(statuses, now.count(), then.count()).code()));
	}

	private static MeasureReport.MeasureReportGroupStratifierComponent binStratifier(
			MeasureReport.MeasureReportGroupComponent group) {
		MeasureReport.MeasureReportGroupStratifierComponent bins = group.addStratifier();
		bins.addCode(new CodeableConcept(new Coding(STRATIFIER_SYSTEM, BIN_STRATIFIER, null)).setText(BIN_STRATIFIER));
		return bins;
	}

	/** One bin's recent share x1 / n1 against its baseline share x0 / n0, written on its stratum. */
	private static DriftStatus test(MeasureReport.StratifierGroupComponent stratum, DriftPolicy policy, long x1, long n1,
			long x0, long n0) {
		RateComparison comparison = policy.compare(x1, n1, x0, n0);
		stratum.addExtension(EXTENSION_BASELINE_NUMERATOR, integer(x0));
		stratum.addExtension(EXTENSION_BASELINE_DENOMINATOR, integer(n0));
		stratum.addExtension(EXTENSION_Z, decimal(comparison.test().z()));
		stratum.addExtension(EXTENSION_P_VALUE, decimal(comparison.test().pValue()));
		stratum.addExtension(EXTENSION_STATUS, new CodeType(comparison.status().code()));
		return comparison.status();
	}

	private static DriftStatus overall(List<DriftStatus> bins, long recent, long baseline) {
		if (recent == 0 || baseline == 0) {
			return DriftStatus.NO_BASELINE;
		}
		return bins.contains(DriftStatus.DRIFTED) ? DriftStatus.DRIFTED : DriftStatus.STABLE;
	}

	/** Bin i as "0.i-0.(i+1)": [i/10, (i+1)/10), the last bin with 1.0. */
	static CodeableConcept binLabel(int bin) {
		return new CodeableConcept().setText(BigDecimal.valueOf(bin, 1) + "-" + BigDecimal.valueOf(bin + 1L, 1));
	}

	/** A figure to six decimal places, left out when there is nothing to average. */
	private static void figure(Element element, String url, BigDecimal value) {
		if (value != null) {
			element.addExtension(url, new DecimalType(value.setScale(FIGURE_SCALE, RoundingMode.HALF_UP)));
		}
	}

	private static IntegerType integer(long value) {
		return new IntegerType(Math.toIntExact(value));
	}
}
