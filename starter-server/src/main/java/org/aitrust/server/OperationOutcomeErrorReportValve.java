package org.aitrust.server;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Tomcat refuses some requests before any servlet sees them, a raw CR or a control character in a header value
 * among them, and its own error page is HTML. A FHIR client expects an OperationOutcome for every 4xx, so this
 * valve, installed as the host's error report valve, writes one instead. Errors a servlet or filter answered
 * itself (HAPI, the size limit, Spring's error page) already have a body and are left alone, as the base class
 * does. The diagnostics name only the status: echoing the refused input back would hand it to the client's log.
 */
public class OperationOutcomeErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(status >= 500 ? OperationOutcome.IssueType.EXCEPTION : OperationOutcome.IssueType.INVALID)
				.setDiagnostics("HTTP " + status + ": the request was refused by the web server before FHIR processing"
						+ " (for example a malformed request line or a control character in a header)");
		try {
			response.setContentType("application/fhir+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome));
				response.finishResponse();
			}
		} catch (IOException | IllegalStateException clientGone) {
			// the connection is closing anyway; there is no one left to tell
		}
	}
}
