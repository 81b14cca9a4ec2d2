package org.aitrust.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.aitrust.server.OperationOutcomeResponses;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for a request without a valid bearer token: Spring Security's answer (status and the RFC 6750
 * {@code WWW-Authenticate} header, with {@code invalid_token} when a token was refused), plus the OperationOutcome
 * a FHIR client reads.
 */
public class FhirAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
			throws IOException {
		bearer.commence(request, response, refused);
		boolean tokenGiven = request.getHeader("Authorization") != null;
		OperationOutcomeResponses.write(response, OperationOutcome.IssueType.LOGIN, tokenGiven
				? "The bearer token was refused: " + refused.getMessage()
				: "This server needs an OAuth 2.0 bearer token (Authorization: Bearer ...); its SMART configuration"
						+ " is at [base]/.well-known/smart-configuration");
	}
}
