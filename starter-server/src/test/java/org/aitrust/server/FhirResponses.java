package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.EncodingEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.aitrust.testsupport.FhirTestClients;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Raw HTTP exchanges with a starter server as the test gateway, and what the suites that play hostile input read off
 * the answers: the FHIR body in the encoding the server chose, and a refusal's OperationOutcome.
 */
final class FhirResponses {

	private FhirResponses() {}

	/** A request as the test gateway (its token), with an optional body and extra headers as name, value pairs. */
	static HttpResponse<String> send(HttpClient http, URI uri, Duration timeout, String method, String contentType,
			String body, String... headers) throws Exception {
		HttpRequest.Builder request = TestGateway.request(uri).timeout(timeout);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The body, parsed in the FHIR encoding its {@code Content-Type} names (which must be one). */
	static IBaseResource parse(HttpResponse<String> response) {
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		EncodingEnum encoding = EncodingEnum.forContentType(contentType.split(";")[0].trim());
		assertThat(encoding).as("FHIR content type of the response, was '" + contentType + "'").isNotNull();
		return encoding.newParser(FhirTestClients.fhirContext()).parseResource(response.body());
	}

	/** The status, and a body that is an OperationOutcome with at least one error (or fatal) issue. */
	static OperationOutcome assertOperationOutcome(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		IBaseResource body = parse(response);
		assertThat(body).as(response.body()).isInstanceOf(OperationOutcome.class);
		OperationOutcome outcome = (OperationOutcome) body;
		assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getSeverity)
				.containsAnyOf(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
		return outcome;
	}

	/** Every issue's diagnostics, one a line. */
	static String diagnostics(OperationOutcome outcome) {
		return String.join("\n", outcome.getIssue().stream()
				.map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).toList());
	}
}
