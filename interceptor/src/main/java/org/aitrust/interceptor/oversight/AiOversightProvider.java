package org.aitrust.interceptor.oversight;

import org.aitrust.interceptor.core.UtcDays;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.aitrust.interceptor.report.OperationParameters;
import org.aitrust.interceptor.store.OversightReader;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET [base]/$ai-oversight?model=&start=&end=}: one MeasureReport per AI model version (or only {@code model}),
 * comparing its rates in the recent window [start, end] (by default the last {@code recentDays} days; widened to
 * whole calendar weeks, at most {@code maxReportDays} days asked for) with its baseline, with the evidence of every
 * drift flag and the rates by patient stratum and week.
 */
public class AiOversightProvider {

	public static final String OPERATION = "$ai-oversight";
	private static final Set<String> PARAMETERS = Set.of("model", "start", "end", "_format", "_pretty");

	private final OversightReader store;
	private final OversightReportBuilder reports;
	private final int recentDays;
	private final int maxReportDays;
	private final Clock clock;

	/** @param maxReportDays the longest period a request may ask for, in days ({@code aitrust.oversight.max-report-days}) */
	public AiOversightProvider(OversightReader store, OversightReportBuilder reports, int recentDays, int maxReportDays,
			Clock clock) {
		this.store = store;
		this.reports = reports;
		this.recentDays = recentDays;
		this.maxReportDays = maxReportDays;
		this.clock = clock;
	}

	@Operation(name = OPERATION, idempotent = true, bundleType = BundleTypeEnum.COLLECTION)
	public Bundle aiOversight(
			@OperationParam(name = "model", max = 1) StringType model,
			@OperationParam(name = "start", max = 1) StringType start,
			@OperationParam(name = "end", max = 1) StringType end,
			RequestDetails request) {
		OperationParameters.refuseUnknown(OPERATION, request, PARAMETERS);
		LocalDate last = OperationParameters.date(OPERATION, "end", end, UtcDays.of(clock.instant()));
		LocalDate first = OperationParameters.date(OPERATION, "start", start, last.minusDays(recentDays - 1L));
		if (last.isBefore(first)) {
			throw new InvalidRequestException(OPERATION + ": end " + last + " is before start " + first);
		}
		long days = ChronoUnit.DAYS.between(first, last) + 1;
		if (days > maxReportDays) {
			throw new InvalidRequestException(OPERATION + ": the period " + first + " to " + last + " is " + days
					+ " days; at most " + maxReportDays + " days may be asked for at once (aitrust.oversight.max-report-days)");
		}
		List<String> known = store.models();
		String only = OperationParameters.text(model);
		if (only != null && !known.contains(only)) {
			throw new InvalidRequestException(OPERATION + ": no AI writes of model '" + only + "' were recorded; known"
					+ " models: " + known);
		}
		Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
		for (String each : only == null ? known : List.of(only)) {
			bundle.addEntry().setResource(reports.build(each, first, last));
		}
		return bundle;
	}
}
