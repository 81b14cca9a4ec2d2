package org.aitrust.server.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** The FHIR body of a refusal Spring Security answers before HAPI sees the request. */
final class SecurityOutcomes {

	private SecurityOutcomes() {}

	/** Writes the OperationOutcome; the status and any {@code WWW-Authenticate} header are already set. */
	static void write(HttpServletResponse response, OperationOutcome.IssueType code, String diagnostics)
			throws IOException {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(diagnostics);
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.getWriter().write(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome));
	}
}
