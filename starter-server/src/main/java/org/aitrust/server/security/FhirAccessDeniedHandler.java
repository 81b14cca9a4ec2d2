package org.aitrust.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.aitrust.server.OperationOutcomeResponses;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 refused by Spring Security itself (the FHIR rules by scope are HAPI's), as an OperationOutcome. */
public class FhirAccessDeniedHandler implements AccessDeniedHandler {

	private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		bearer.handle(request, response, denied);
		OperationOutcomeResponses.write(response, OperationOutcome.IssueType.FORBIDDEN,
				"Access denied: " + denied.getMessage());
	}
}
