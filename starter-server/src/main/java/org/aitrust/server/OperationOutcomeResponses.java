package org.aitrust.server;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The FHIR body of a refusal answered before HAPI sees the request (by a servlet filter or Spring Security): one error
 * issue, as HAPI would write it. The status and any headers of the refusal are the caller's to set.
 */
public final class OperationOutcomeResponses {

	private OperationOutcomeResponses() {}

	public static void write(HttpServletResponse response, OperationOutcome.IssueType code, String diagnostics)
			throws IOException {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(diagnostics);
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.getWriter().write(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome));
	}
}
