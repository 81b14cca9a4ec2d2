package org.aitrust.interceptor.quality;

import org.aitrust.interceptor.core.UtcDays;
import org.aitrust.interceptor.report.OperationParameters;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.aitrust.interceptor.quality.check.MustSupportCompleteness;
import org.aitrust.interceptor.quality.check.QualityCheck;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.quality.trend.QualityTrendReader;
import org.aitrust.interceptor.quality.trend.TrendReportParts;
import org.aitrust.interceptor.store.QualityPopulation;
import org.aitrust.interceptor.store.QualityQuery;
import org.aitrust.interceptor.store.QualityReportReader;
import org.aitrust.interceptor.store.ShareMeasures;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET [base]/$data-quality?start=&end=&source=&resourceType=&profile=&check=&population=}: the quality of what
 * arrived in a period (or, with {@code population=stored}, of the stored resources last updated in it), as a summary MeasureReport with one group per check, read from the exact totals in
 * the database, so every node of a cluster gives the same answer.
 */
public class DataQualityProvider {

	public static final String OPERATION = "$data-quality";
	static final int DEFAULT_DAYS = 30;
	/** Where an export request keeps its {@link ExportQuery} for {@link DqdExportInterceptor}. */
	static final String EXPORT_QUERY = DataQualityProvider.class.getName() + ".exportQuery";
	private static final Set<String> PARAMETERS = Set.of(
			"start", "end", "source", "resourceType", "profile", "check", "export", "population", "_format", "_pretty");

	private final QualityReportReader store;
	private final QualityChecks checks;
	private final DataQualityReportBuilder reports;
	private final Clock clock;
	private final int maxReportDays;
	private final Predicate<String> storedTypes;
	private final QualityTrendReader trends;

	/**
	 * @param maxReportDays the longest period one report may cover, in days ({@code aitrust.quality.max-report-days})
	 * @param storedTypes whether this server stores a resource type, the only ones a report may filter by
	 * @param trends the trends of the checks, whose recent window ends on the report's last day
	 */
	public DataQualityProvider(
			QualityReportReader store,
			QualityChecks checks,
			DataQualityReportBuilder reports,
			Clock clock,
			int maxReportDays,
			Predicate<String> storedTypes,
			QualityTrendReader trends) {
		this.store = store;
		this.checks = checks;
		this.reports = reports;
		this.clock = clock;
		this.maxReportDays = maxReportDays;
		this.storedTypes = storedTypes;
		this.trends = trends;
	}

	@Operation(name = OPERATION, idempotent = true)
	public MeasureReport dataQuality(
			@OperationParam(name = "start", max = 1) StringType start,
			@OperationParam(name = "end", max = 1) StringType end,
			@OperationParam(name = "source", max = 1) StringType source,
			@OperationParam(name = "resourceType", max = 1) StringType resourceType,
			@OperationParam(name = "profile", max = 1) StringType profile,
			@OperationParam(name = "check", max = 1) StringType check,
			RequestDetails request) {
		OperationParameters.refuseUnknown(OPERATION, request, PARAMETERS);
		String export = exportFormat(request);
		if (export != null && !DqdExport.FORMAT.equals(export)) {
			throw new InvalidRequestException(OPERATION + ": 'export' may only be '" + DqdExport.FORMAT + "', was '"
					+ export + "'");
		}
		LocalDate today = UtcDays.of(clock.instant());
		LocalDate last = OperationParameters.date(OPERATION, "end", end, today);
		LocalDate first = OperationParameters.date(OPERATION, "start", start, last.minusDays(Math.min(DEFAULT_DAYS, maxReportDays) - 1L));
		if (last.isBefore(first)) {
			throw new InvalidRequestException(OPERATION + ": end " + last + " is before start " + first);
		}
		refuseLongPeriod(first, last);
		String type = OperationParameters.text(resourceType);
		if (type != null && !storedTypes.test(type) && !QualityEventFactory.UNKNOWN_TYPE.equals(type)) {
			throw new InvalidRequestException(OPERATION + ": unknown resourceType '" + type
					+ "'; this server stores no resources of that type");
		}
		String checkId = OperationParameters.text(check);
		if (checkId != null && checks.byId(checkId).isEmpty() && !ShareMeasures.ALL.contains(checkId)
				&& !checkId.startsWith(MustSupportCompleteness.PREFIX)) {
			throw new InvalidRequestException(OPERATION + ": unknown check '" + checkId + "'; known checks: "
					+ knownChecks());
		}
		QualityQuery query = new QualityQuery(first, last, OperationParameters.text(source),
				type, OperationParameters.text(profile), population(request));
		if (export != null) {
			request.getUserData().put(EXPORT_QUERY, new ExportQuery(query, checkId));
		}
		return report(query, checkId);
	}

	/** The report over a query's arrivals: every measure, or only {@code checkId} when it is given. */
	public MeasureReport report(QualityQuery query, String checkId) {
		MeasureReport report = reports.build(query, QualityFigures.read(store, query), checkId);
		TrendReportParts.addTo(report, trends.read(query.end(), query.source(), query.resourceType(), query.profile()),
				DataQualityReportBuilder.CHECK_SYSTEM, DataQualityReportBuilder.BREAKDOWN_SYSTEM);
		return report;
	}

	/** The resource types that arrived in the query's arrivals, most first. */
	public List<String> resourceTypes(QualityQuery query) {
		return List.copyOf(store.receivedBy("RESOURCE_TYPE", query).keySet());
	}

	/** The query of an export request, for the export to read its figures type by type. */
	record ExportQuery(QualityQuery query, String checkId) {}

	/**
	 * Refuses a period longer than the configured maximum: the report reads every arrival row of the period, and an
	 * unbounded one would let one request scan the whole table.
	 */
	void refuseLongPeriod(LocalDate first, LocalDate last) {
		long days = ChronoUnit.DAYS.between(first, last) + 1;
		if (days > maxReportDays) {
			throw new InvalidRequestException(OPERATION + ": the period " + first + " to " + last + " is " + days
					+ " days; at most " + maxReportDays + " days may be reported at once"
					+ " (aitrust.quality.max-report-days)");
		}
	}

	/**
	 * The population a report counts: {@code write} (the default, measured at write time) or {@code stored} (the latest
	 * completed run of {@code $data-quality-measure-stored}).
	 */
	static QualityPopulation population(RequestDetails request) {
		String[] values = request == null || request.getParameters() == null ? null : request.getParameters().get("population");
		if (values == null || values.length == 0 || values[0].isBlank()) {
			return QualityPopulation.WRITE;
		}
		return QualityPopulation.ofCode(values[0]).orElseThrow(() -> new InvalidRequestException(OPERATION
				+ ": 'population' may be 'write' or 'stored', was '" + values[0] + "'"));
	}

	/** The requested export format ({@code export=dqd}), or {@code null} for the MeasureReport. */
	static String exportFormat(RequestDetails request) {
		String[] values = request == null || request.getParameters() == null ? null : request.getParameters().get("export");
		return values == null || values.length == 0 ? null : values[0];
	}

	private String knownChecks() {
		List<String> ids = checks.checks().stream().map(QualityCheck::id).toList();
		return String.join(", ", ids) + ", " + String.join(", ", ShareMeasures.ALL) + ", "
				+ MustSupportCompleteness.PREFIX + "<element path>";
	}
}
