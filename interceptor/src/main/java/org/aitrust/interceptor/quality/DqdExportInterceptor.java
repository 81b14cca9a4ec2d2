package org.aitrust.interceptor.quality;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.MeasureReport;

/**
 * Answers {@code $data-quality?export=dqd} with the DQD-shaped JSON instead of the MeasureReport. The operation
 * computes the report as always; only its rendering changes, so the two can never disagree.
 */
@Interceptor
public class DqdExportInterceptor {

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean serverOutgoingResponse(
			RequestDetails request, ResponseDetails response, HttpServletResponse servletResponse) throws IOException {
		if (!DataQualityProvider.OPERATION.equals(request.getOperation())
				|| !(response.getResponseResource() instanceof MeasureReport report)
				|| !DqdExport.FORMAT.equals(DataQualityProvider.exportFormat(request))) {
			return true;
		}
		byte[] json = DqdExport.toJson(report).getBytes(StandardCharsets.UTF_8);
		servletResponse.setStatus(200);
		servletResponse.setContentType("application/json;charset=UTF-8");
		servletResponse.setContentLength(json.length);
		servletResponse.getOutputStream().write(json);
		return false;
	}
}
