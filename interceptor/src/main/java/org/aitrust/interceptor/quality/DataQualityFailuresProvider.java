package org.aitrust.interceptor.quality;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.core.UtcDays;
import org.aitrust.interceptor.core.WriteAttribution;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.interceptor.quality.check.QualityCheck;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.report.OperationParameters;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * {@code GET [base]/$data-quality-failures?check=&period-start=&period-end=&resourceType=&source=&_count=&cursor=}:
 * the stored resources that fail a check, found by running the check again over the resources last updated in the
 * period ({@link StoredResourceMeasurer}, as the stored-data job judges them), never from ids kept at write time
 * (none are). A page holds up to {@code _count} references and examines at most {@value #SCAN_LIMIT} resources, so a
 * request costs a bounded amount whatever the store holds; {@code next} carries the cursor of the next page until the
 * period has been examined to its end (a page may hold fewer failures than {@code _count}, even none, and still have
 * a next one).
 */
public class DataQualityFailuresProvider {

	public static final String OPERATION = "$data-quality-failures";
	static final int DEFAULT_COUNT = 50;
	static final int MAX_COUNT = 500;
	/** Resources examined by one page at most. */
	static final int SCAN_LIMIT = 1000;
	private static final Set<String> PARAMETERS = Set.of("check", "period-start", "period-end", "resourceType", "source",
			"_count", "cursor", "_format", "_pretty");

	private final StoredResources stored;
	private final StoredResourceMeasurer measurer;
	private final QualityChecks checks;
	private final Predicate<String> storedTypes;
	private final Clock clock;
	private final int maxReportDays;

	/** @param maxReportDays the longest period one request may cover, as for {@code $data-quality} */
	public DataQualityFailuresProvider(StoredResources stored, StoredResourceMeasurer measurer, QualityChecks checks,
			Predicate<String> storedTypes, Clock clock, int maxReportDays) {
		this.stored = stored;
		this.measurer = measurer;
		this.checks = checks;
		this.storedTypes = storedTypes;
		this.clock = clock;
		this.maxReportDays = maxReportDays;
	}

	@Operation(name = OPERATION, idempotent = true)
	public Parameters failures(RequestDetails request) {
		OperationParameters.refuseUnknown(OPERATION, request, PARAMETERS);
		String checkId = parameter(request, "check");
		if (checkId == null) {
			throw new InvalidRequestException(OPERATION + ": 'check' is required");
		}
		QualityCheck check = checks.byId(checkId).orElseThrow(() -> new InvalidRequestException(OPERATION
				+ ": unknown check '" + checkId + "'; known checks: "
				+ String.join(", ", checks.checks().stream().map(QualityCheck::id).toList())));
		LocalDate last = OperationParameters.date(OPERATION, "period-end", text(request, "period-end"),
				UtcDays.of(clock.instant()));
		LocalDate first = OperationParameters.date(OPERATION, "period-start", text(request, "period-start"),
				last.minusDays(Math.min(DataQualityProvider.DEFAULT_DAYS, maxReportDays) - 1L));
		if (last.isBefore(first)) {
			throw new InvalidRequestException(OPERATION + ": period-end " + last + " is before period-start " + first);
		}
		if (first.plusDays(maxReportDays).isBefore(last.plusDays(1))) {
			throw new InvalidRequestException(OPERATION + ": the period " + first + " to " + last + " is longer than "
					+ maxReportDays + " days (aitrust.quality.max-report-days)");
		}
		String type = parameter(request, "resourceType");
		if (type != null && !storedTypes.test(type)) {
			throw new InvalidRequestException(OPERATION + ": unknown resourceType '" + type
					+ "'; this server stores no resources of that type");
		}
		String source = parameter(request, "source");
		int count = count(parameter(request, "_count"));
		List<String> types = type != null ? List.of(type) : stored.storedTypes();
		FailuresCursor cursor = FailuresCursor.parse(OPERATION, parameter(request, "cursor"), types);

		Parameters answer = new Parameters();
		answer.addParameter("check", checkId);
		answer.addParameter().setName("period-start").setValue(new DateType(first.toString()));
		answer.addParameter().setName("period-end").setValue(new DateType(last.toString()));
		List<Reference> failed = new ArrayList<>();
		int scanned = 0;
		FailuresCursor next = null;
		for (int t = Math.max(0, types.indexOf(cursor.resourceType())); t < types.size() && next == null; t++) {
			String resourceType = types.get(t);
			long after = resourceType.equals(cursor.resourceType()) ? cursor.afterRowId() : 0;
			while (next == null) {
				int budget = Math.min(SCAN_LIMIT - scanned, MAX_COUNT);
				List<StoredResources.StoredId> page = stored.page(resourceType,
						first.atStartOfDay(ZoneOffset.UTC).toInstant(),
						last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), after, budget);
				for (StoredResources.StoredId id : page) {
					scanned++;
					after = id.rowId();
					measurer.read(resourceType, id.fhirId())
							.filter(resource -> source == null || source.equals(sourceOf(resource)))
							.filter(resource -> measurer.evaluate(check, resource) == CheckOutcome.FAIL)
							.ifPresent(resource -> failed.add(new Reference(resourceType + "/" + id.fhirId())));
					if (failed.size() == count || scanned == SCAN_LIMIT) {
						next = new FailuresCursor(resourceType, after);
						break;
					}
				}
				if (page.size() < budget) {
					break; // this type is done
				}
			}
		}
		answer.addParameter().setName("examined").setValue(new IntegerType(scanned));
		failed.forEach(reference -> answer.addParameter().setName("failed").setValue(reference));
		if (next != null) {
			answer.addParameter().setName("next").setValue(new UriType(nextUrl(request, next)));
		}
		return answer;
	}

	/** The source a stored resource is counted under by the stored-data job: the system part of its meta.source. */
	private static String sourceOf(Resource resource) {
		return WriteAttribution.sourceOf(resource, RequestSource.UNKNOWN);
	}

	private static int count(String text) {
		if (text == null) {
			return DEFAULT_COUNT;
		}
		try {
			int count = Integer.parseInt(text);
			if (count >= 1 && count <= MAX_COUNT) {
				return count;
			}
		} catch (NumberFormatException e) {
			// refused below
		}
		throw new InvalidRequestException(OPERATION + ": '_count' must be a whole number from 1 to " + MAX_COUNT
				+ ", was '" + text + "'");
	}

	/** The same request with the cursor of the next page. */
	private static String nextUrl(RequestDetails request, FailuresCursor next) {
		StringBuilder url = new StringBuilder(request.getFhirServerBase()).append('/').append(OPERATION);
		char separator = '?';
		for (var parameter : request.getParameters().entrySet()) {
			if (!"cursor".equals(parameter.getKey())) {
				for (String value : parameter.getValue()) {
					url.append(separator).append(ca.uhn.fhir.util.UrlUtil.escapeUrlParam(parameter.getKey()))
							.append('=').append(ca.uhn.fhir.util.UrlUtil.escapeUrlParam(value));
					separator = '&';
				}
			}
		}
		return url.append(separator).append("cursor=").append(ca.uhn.fhir.util.UrlUtil.escapeUrlParam(next.format()))
				.toString();
	}

	private static StringType text(RequestDetails request, String name) {
		String value = parameter(request, name);
		return value == null ? null : new StringType(value);
	}

	private static String parameter(RequestDetails request, String name) {
		String[] values = request.getParameters() == null ? null : request.getParameters().get(name);
		return values == null || values.length == 0 || values[0].isBlank() ? null : values[0];
	}
}
