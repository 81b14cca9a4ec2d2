package org.aitrust.interceptor.quality;

import static org.aitrust.interceptor.report.MeasureReportParts.percent;
import static org.aitrust.interceptor.report.MeasureReportParts.populationCode;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.OptionalDouble;
import org.aitrust.interceptor.quality.check.CheckClass;
import org.aitrust.interceptor.quality.check.CheckDefinition;
import org.aitrust.interceptor.quality.check.CheckLevel;
import org.aitrust.interceptor.quality.check.KahnCategory;
import org.aitrust.interceptor.quality.check.MustSupportCompleteness;
import org.aitrust.interceptor.quality.check.QualityCheck;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.store.ArrivalLags;
import org.aitrust.interceptor.store.Breakdown;
import org.aitrust.interceptor.store.CheckTotals;
import org.aitrust.interceptor.store.QualityQuery;
import org.aitrust.interceptor.store.ShareMeasures;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.StringType;

/**
 * Builds the {@code $data-quality} MeasureReport: one group per measure with its numerator and denominator,
 * its rate as the score, and, for checks, their class and level, the tolerated threshold and the status
 * ({@link CheckStatus}: passed or failed when judged against the threshold, characterization or not-checkable-here
 * when the figure only describes the data or the server, not-applicable when nothing applied).
 */
public class DataQualityReportBuilder {

	/** The module's own canonical for the data-quality Measure and its check codes. */
	public static final String MEASURE = "http://fhir-aitrust.org/Measure/data-quality";
	public static final String CHECK_SYSTEM = "http://fhir-aitrust.org/CodeSystem/data-quality-check";
	public static final String EXTENSION_STATUS = "http://fhir-aitrust.org/StructureDefinition/dq-status";
	public static final String EXTENSION_THRESHOLD = "http://fhir-aitrust.org/StructureDefinition/dq-threshold";
	public static final String EXTENSION_CATEGORY = "http://fhir-aitrust.org/StructureDefinition/dq-kahn-category";
	/** The check's class (code): fatal, convention, characterization or server-capability. */
	public static final String EXTENSION_CLASS = "http://fhir-aitrust.org/StructureDefinition/dq-check-class";
	/** The check's level (code): resource, element or concept. */
	public static final String EXTENSION_LEVEL = "http://fhir-aitrust.org/StructureDefinition/dq-check-level";
	/** The threshold stated for a check that is not judged: it tolerates any share, so it can never fail. */
	public static final double NOT_JUDGED_PERCENT = 100;
	public static final String EXTENSION_LAG_MEDIAN = "http://fhir-aitrust.org/StructureDefinition/dq-lag-median-seconds";
	public static final String EXTENSION_LAG_P95 = "http://fhir-aitrust.org/StructureDefinition/dq-lag-p95-seconds";
	public static final String BREAKDOWN_SYSTEM = "http://fhir-aitrust.org/CodeSystem/data-quality-breakdown";
	public static final String TIMELINESS = "timeliness-arrival-lag";

	private final QualityChecks checks;
	private final Thresholds thresholds;
	private final Clock clock;

	public DataQualityReportBuilder(QualityChecks checks, Thresholds thresholds, Clock clock) {
		this.checks = checks;
		this.thresholds = thresholds;
		this.clock = clock;
	}

	/**
	 * The report over a query's figures: every measure, or only {@code onlyCheck} when it is given (then without the
	 * timeliness group and the arrivals by source and type).
	 */
	public MeasureReport build(QualityQuery query, QualityFigures figures, String onlyCheck) {
		Map<String, CheckTotals> totals = figures.totals();
		MeasureReport report = new MeasureReport();
		report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
		report.setType(MeasureReport.MeasureReportType.SUMMARY);
		report.setMeasure(MEASURE);
		report.setDate(Date.from(clock.instant()));
		report.setPeriod(new Period()
				.setStart(Date.from(query.start().atStartOfDay(ZoneOffset.UTC).toInstant()))
				.setEnd(Date.from(query.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1))));
		for (String share : ShareMeasures.ALL) {
			if (onlyCheck == null || onlyCheck.equals(share)) {
				addGroup(report, share, share, totals.getOrDefault(share, new CheckTotals(share, 0, 0)));
			}
		}
		for (QualityCheck check : checks.checks()) {
			if (onlyCheck == null || onlyCheck.equals(check.id())) {
				CheckTotals checkTotals = totals.getOrDefault(check.id(), new CheckTotals(check.id(), 0, 0));
				judge(addGroup(report, check.id(), check.description(), checkTotals), check.id(), check.category(),
						check.checkClass(), check.level(), query.resourceType(), checkTotals);
			}
		}
		totals.keySet().stream().filter(id -> id.startsWith(MustSupportCompleteness.PREFIX)).sorted().forEach(id -> {
			if (onlyCheck == null || onlyCheck.equals(id)) {
				String path = id.substring(MustSupportCompleteness.PREFIX.length());
				MeasureReport.MeasureReportGroupComponent group = addGroup(report, id, "The must-support element "
						+ path + " of a claimed profile is neither populated nor explained by a data-absent-reason.",
						totals.get(id));
				CheckDefinition definition = MustSupportCompleteness.DEFINITION;
				judge(group, id, definition.category(), definition.checkClass(), definition.level(),
						query.resourceType(), totals.get(id));
			}
		});
		if (onlyCheck == null) {
			addArrivalsBy(report, "source", figures.receivedBySource());
			addArrivalsBy(report, "resource-type", figures.receivedByType());
			if (figures.lags().all().count() > 0) {
				addTimeliness(report, figures.lags());
			}
		}
		figures.breakdowns().forEach((breakdown, items) -> addBreakdown(report, breakdown, items, query.resourceType()));
		return report;
	}

	/** Who sent what: the {@code received} group stratified by one dimension. */
	private static void addArrivalsBy(MeasureReport report, String dimension, Map<String, Long> counts) {
		MeasureReport.MeasureReportGroupComponent received = report.getGroup().stream()
				.filter(group -> ShareMeasures.RECEIVED.equals(group.getCode().getCodingFirstRep().getCode()))
				.findFirst().orElseThrow();
		MeasureReport.MeasureReportGroupStratifierComponent stratifier = received.addStratifier();
		stratifier.addCode(new CodeableConcept(new Coding(BREAKDOWN_SYSTEM, dimension, null)).setText(dimension));
		counts.forEach((value, count) -> stratifier.addStratum()
				.setValue(new CodeableConcept().setText(value))
				.addPopulation().setCode(populationCode("numerator")).setCount(Math.toIntExact(count)));
	}

	/**
	 * A breakdown as a stratifier of its measure's group. An item of a breakdown that counts resources is a rate like
	 * its check's: its stratum carries the group's denominator too, the score, the threshold and a status judged as
	 * the check is, so it reads as the check restricted to one element, code or code system.
	 */
	private void addBreakdown(MeasureReport report, Breakdown breakdown, Map<String, Long> items, String resourceType) {
		report.getGroup().stream()
				.filter(group -> breakdown.measure().equals(group.getCode().getCodingFirstRep().getCode()))
				.findFirst()
				.ifPresent(group -> {
					MeasureReport.MeasureReportGroupStratifierComponent stratifier = group.addStratifier();
					stratifier.addCode(new CodeableConcept(new Coding(BREAKDOWN_SYSTEM, breakdown.id(), null))
							.setText(breakdown.itemName()));
					Judged judged = breakdown.countsResources() ? judgedAs(breakdown.measure(), resourceType) : null;
					long denominator = group.getPopulation().stream()
							.filter(p -> "denominator".equals(p.getCode().getCodingFirstRep().getCode()))
							.mapToLong(MeasureReport.MeasureReportGroupPopulationComponent::getCount).findFirst().orElse(0);
					items.forEach((item, occurrences) -> {
						MeasureReport.StratifierGroupComponent stratum = stratifier.addStratum();
						stratum.setValue(itemConcept(breakdown, item));
						stratum.addPopulation().setCode(populationCode("numerator"))
								.setCount(Math.toIntExact(occurrences));
						if (judged != null) {
							stratum.addPopulation().setCode(populationCode("denominator"))
									.setCount(Math.toIntExact(denominator));
							CheckTotals totals = new CheckTotals(breakdown.measure(), denominator, occurrences);
							if (denominator > 0) {
								stratum.setMeasureScore(percent(totals.percent()));
							}
							stratum.addExtension(EXTENSION_THRESHOLD,
									new DecimalType(BigDecimal.valueOf(judged.threshold().orElse(NOT_JUDGED_PERCENT))));
							stratum.addExtension(EXTENSION_STATUS, new CodeType(CheckStatus.of(
									occurrences, denominator, judged.checkClass(), judged.threshold()).code()));
						}
					});
				});
	}

	/** The class of a check and the threshold it is judged by in a report over {@code resourceType}. */
	private Judged judgedAs(String checkId, String resourceType) {
		CheckClass checkClass = checks.byId(checkId).map(QualityCheck::checkClass).orElse(CheckClass.CHARACTERIZATION);
		return new Judged(checkClass, thresholds.percentFor(checkId, checkClass, resourceType));
	}

	private record Judged(CheckClass checkClass, OptionalDouble threshold) {}

	/**
	 * A breakdown item as a stratum value. A validation issue also carries the validator's message template for its
	 * message id ("The value provided ({0}) was not found in the value set {1}"), so a reader learns what the issue
	 * says without any patient data.
	 */
	private static CodeableConcept itemConcept(Breakdown breakdown, String item) {
		CodeableConcept value = new CodeableConcept().setText(item);
		if (breakdown == Breakdown.VALIDATION_ISSUE) {
			String messageId = item.substring(item.lastIndexOf('|') + 1);
			ValidatorMessages.template(messageId).ifPresent(template ->
					value.addCoding(new Coding(ValidatorMessages.SYSTEM, messageId, template)));
		}
		return value;
	}

	private static MeasureReport.MeasureReportGroupComponent addGroup(
			MeasureReport report, String id, String description, CheckTotals totals) {
		MeasureReport.MeasureReportGroupComponent group = report.addGroup();
		group.setId(id.replaceAll("[^A-Za-z0-9.-]", "-"));
		group.setCode(new CodeableConcept(new Coding(CHECK_SYSTEM, id, description)));
		population(group, "denominator", totals.denominator());
		population(group, "numerator", totals.numerator());
		if (totals.denominator() > 0) {
			group.setMeasureScore(percent(totals.percent()));
		}
		return group;
	}

	/** A check's category, class, level, the threshold it is judged by and its status, as the group's extensions. */
	private void judge(MeasureReport.MeasureReportGroupComponent group, String id, KahnCategory category,
			CheckClass checkClass, CheckLevel level, String resourceType, CheckTotals totals) {
		OptionalDouble threshold = thresholds.percentFor(id, checkClass, resourceType);
		group.addExtension(EXTENSION_CATEGORY, new StringType(category.label()));
		group.addExtension(EXTENSION_CLASS, new CodeType(checkClass.code()));
		group.addExtension(EXTENSION_LEVEL, new CodeType(level.code()));
		group.addExtension(EXTENSION_THRESHOLD,
				new DecimalType(BigDecimal.valueOf(threshold.orElse(NOT_JUDGED_PERCENT))));
		group.addExtension(EXTENSION_STATUS, new CodeType(
				CheckStatus.of(totals.numerator(), totals.denominator(), checkClass, threshold).code()));
	}

	private static void addTimeliness(MeasureReport report, ArrivalLags lags) {
		MeasureReport.MeasureReportGroupComponent group = report.addGroup();
		group.setId(TIMELINESS);
		group.setCode(new CodeableConcept(new Coding(CHECK_SYSTEM, TIMELINESS,
				"Seconds from the resource's clinical time to its arrival, by source")));
		MeasureReport.MeasureReportGroupStratifierComponent bySource = group.addStratifier();
		bySource.addCode().setText("source");
		lags.bySource().forEach((source, percentiles) -> {
			MeasureReport.StratifierGroupComponent stratum = bySource.addStratum();
			stratum.setValue(new CodeableConcept().setText(source));
			stratum.addPopulation().setCode(populationCode("initial-population"))
					.setCount(Math.toIntExact(percentiles.count()));
			stratum.addExtension(EXTENSION_LAG_MEDIAN, new DecimalType(percentiles.median()));
			stratum.addExtension(EXTENSION_LAG_P95, new DecimalType(percentiles.p95()));
		});
		population(group, "initial-population", lags.all().count());
		group.addExtension(EXTENSION_LAG_MEDIAN, new DecimalType(lags.all().median()));
		group.addExtension(EXTENSION_LAG_P95, new DecimalType(lags.all().p95()));
	}

	private static void population(MeasureReport.MeasureReportGroupComponent group, String code, long count) {
		group.addPopulation().setCode(populationCode(code)).setCount(Math.toIntExact(count));
	}
}
