package org.aitrust.interceptor.quality.trend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.aitrust.interceptor.oversight.RateComparison;
import org.aitrust.interceptor.quality.check.BuiltInCheck;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * Puts the trends on a {@code $data-quality} MeasureReport. Each check group gets one complex extension
 * {@value #EXTENSION_TREND} (status, the two windows, the four counts and the p-value, over the arrivals the report's
 * filters cover) and a stratifier {@value #BY_SOURCE} with one stratum per source carrying the same extension without
 * the windows, which the group's states once. Stratum values are the sources, as the {@code received} group's
 * stratifier names them.
 */
public final class TrendReportParts {

	public static final String EXTENSION_TREND = "http://fhir-aitrust.org/StructureDefinition/dq-trend";
	/** The code (in the breakdown code system) of the stratifier of a check's trend by source. */
	public static final String BY_SOURCE = "trend-by-source";
	/** The checks that have trends: the built-in ones, whose counts are bits of the arrival rows, in bit order. */
	public static final List<String> CHECKS = Arrays.stream(BuiltInCheck.values())
			.sorted(Comparator.comparingInt(BuiltInCheck::bit)).map(BuiltInCheck::id).toList();

	private TrendReportParts() {}

	/**
	 * Adds the trend of each group of a built-in check ({@link #CHECKS}, coded in {@code codeSystem}): a check with no
	 * arrival in either window is {@code no-baseline} with zero counts.
	 */
	public static void addTo(MeasureReport report, QualityTrends trends, String codeSystem, String breakdownSystem) {
		LocalDate end = trends.end();
		Period recent = period(trends.windows().recentStart(end), end);
		Period baseline = period(trends.windows().baselineStart(end), trends.windows().baselineEnd(end));
		for (MeasureReport.MeasureReportGroupComponent group : report.getGroup()) {
			Coding code = group.getCode().getCodingFirstRep();
			if (!codeSystem.equals(code.getSystem()) || !CHECKS.contains(code.getCode())) {
				continue;
			}
			CheckTrend trend = trends.byCheck().get(code.getCode());
			Extension extension = trend == null ? empty() : extension(trend);
			extension.addExtension("recentPeriod", recent.copy());
			extension.addExtension("baselinePeriod", baseline.copy());
			group.addExtension(extension);
			Map<String, CheckTrend> bySource = trends.bySource().getOrDefault(code.getCode(), Map.of());
			if (!bySource.isEmpty()) {
				MeasureReport.MeasureReportGroupStratifierComponent stratifier = group.addStratifier();
				stratifier.addCode(new CodeableConcept(new Coding(breakdownSystem, BY_SOURCE, null))
						.setText("trend by source"));
				bySource.forEach((source, sourceTrend) -> stratifier.addStratum()
						.setValue(new CodeableConcept().setText(source))
						.addExtension(extension(sourceTrend)));
			}
		}
	}

	/** The status of a check's trend on a report group, or {@code null} when the group has none. */
	public static String status(Element group) {
		Extension trend = group.getExtensionByUrl(EXTENSION_TREND);
		return trend == null ? null : trend.getExtensionByUrl("status").getValue().primitiveValue();
	}

	private static Extension extension(CheckTrend trend) {
		RateComparison comparison = trend.comparison();
		Extension extension = new Extension(EXTENSION_TREND);
		extension.addExtension("status", new CodeType(trend.status().code()));
		extension.addExtension("recentNumerator", count(comparison.recentNumerator()));
		extension.addExtension("recentDenominator", count(comparison.recentDenominator()));
		extension.addExtension("baselineNumerator", count(comparison.baselineNumerator()));
		extension.addExtension("baselineDenominator", count(comparison.baselineDenominator()));
		extension.addExtension("pValue", new DecimalType(
				BigDecimal.valueOf(comparison.test().pValue()).setScale(6, RoundingMode.HALF_UP)));
		return extension;
	}

	private static Extension empty() {
		Extension extension = new Extension(EXTENSION_TREND);
		extension.addExtension("status", new CodeType(TrendStatus.NO_BASELINE.code()));
		for (String count : new String[] {"recentNumerator", "recentDenominator", "baselineNumerator", "baselineDenominator"}) {
			extension.addExtension(count, count(0));
		}
		return extension;
	}

	private static UnsignedIntType count(long count) {
		return new UnsignedIntType(Math.toIntExact(count));
	}

	private static Period period(LocalDate first, LocalDate last) {
		return new Period()
				.setStart(Date.from(first.atStartOfDay(ZoneOffset.UTC).toInstant()))
				.setEnd(Date.from(last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)));
	}
}
