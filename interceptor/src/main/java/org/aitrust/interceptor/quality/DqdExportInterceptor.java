package org.aitrust.interceptor.quality;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.MeasureReport;

/**
 * Answers {@code $data-quality?export=dqd} with the DQD results document ({@link DqdExport}) instead of the
 * MeasureReport. The operation computes the report as always; the export adds the same report filtered to each
 * resource type that arrived (what {@code $data-quality?resourceType=} answers, judged by that type's thresholds) and
 * renders the rows from them, so the export and the reports can never disagree.
 */
@Interceptor
public class DqdExportInterceptor {

	private final DataQualityProvider reports;
	private final Clock clock;
	private final String version;

	public DqdExportInterceptor(DataQualityProvider reports, Clock clock) {
		this.reports = reports;
		this.clock = clock;
		String implementation = DqdExportInterceptor.class.getPackage().getImplementationVersion();
		this.version = implementation == null ? "development" : implementation;
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean serverOutgoingResponse(
			RequestDetails request, ResponseDetails response, HttpServletResponse servletResponse) throws IOException {
		if (!DataQualityProvider.OPERATION.equals(request.getOperation())
				|| !(response.getResponseResource() instanceof MeasureReport report)
				|| !DqdExport.FORMAT.equals(DataQualityProvider.exportFormat(request))
				|| !(request.getUserData().get(DataQualityProvider.EXPORT_QUERY)
						instanceof DataQualityProvider.ExportQuery export)) {
			return true;
		}
		Instant started = report.hasDate() ? report.getDate().toInstant() : clock.instant();
		Map<String, MeasureReport> byType = new LinkedHashMap<>();
		if (export.query().resourceType() != null) {
			byType.put(export.query().resourceType(), report);
		} else {
			List<String> types = reports.resourceTypes(export.query());
			for (String type : types) {
				byType.put(type, reports.report(export.query().withResourceType(type), export.checkId()));
			}
		}
		byte[] json = DqdExport.toJson(report, byType,
				new DqdExport.Run(export.query(), version, started, clock.instant())).getBytes(StandardCharsets.UTF_8);
		servletResponse.setStatus(200);
		servletResponse.setContentType("application/json;charset=UTF-8");
		servletResponse.setContentLength(json.length);
		servletResponse.getOutputStream().write(json);
		return false;
	}
}
