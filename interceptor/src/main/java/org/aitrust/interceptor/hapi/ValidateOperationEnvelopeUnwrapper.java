package org.aitrust.interceptor.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HAPI adaptation: makes {@code POST [base]/[type]/$validate} with a Parameters body validate the resource the client sent, as a
 * resource, against the profile it named.
 *
 * <p>HAPI FHIR 8.8.0 binds the {@code resource} parameter, but its JPA DAO ({@code BaseHapiFhirResourceDao#validate})
 * then validates the <em>raw request body</em>, which for this form is the Parameters envelope: the resource is
 * checked as {@code Parameters.parameter[0].resource}, an empty resource is dropped and the envelope reported as
 * breaking {@code inv-1}, and the {@code profile} (which the validate binding turns into text with
 * {@code toString()}, so a {@code valueUri} or {@code valueCanonical} arrives as {@code "UriType[http://…]"}) is never
 * found, or would be applied to the envelope. This interceptor rewrites such a request, before HAPI binds it, into
 * the equivalent form HAPI handles correctly: the body becomes the resource's own text (cut out of the envelope
 * unchanged for JSON), and {@code profile} and {@code mode} become URL parameters, unless the URL already has them.
 * Everything after that, authorization and other interceptors included, is HAPI's own processing.
 *
 * <p>Not rewritten: requests for {@code Parameters/$validate}. HAPI reads any Parameters body as operation
 * parameters, so a Parameters resource sent bare is not bound at all (400) and can only be sent inside an envelope,
 * which HAPI then validates as a whole; validating it as a resource in its own right needs a {@code $validate} that
 * does not go through HAPI's validate binding.
 */
@Interceptor
public class ValidateOperationEnvelopeUnwrapper {

	static final String VALIDATE = "$validate";

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean unwrap(RequestDetails request) {
		if (request.getRequestType() != RequestTypeEnum.POST || !VALIDATE.equals(request.getOperation())
				|| request.getResourceName() == null || "Parameters".equals(request.getResourceName())) {
			return true;
		}
		String contentType = request.getHeader("Content-Type");
		EncodingEnum encoding = contentType == null ? null
				: EncodingEnum.forContentType(contentType.split(";", 2)[0].trim());
		if (encoding == null) {
			return true;
		}
		Charset charset = request.getCharset() == null ? StandardCharsets.UTF_8 : request.getCharset();
		Optional<ValidateOperationEnvelope> envelope =
				ValidateOperationEnvelope.read(new String(request.loadRequestContents(), charset), encoding);
		if (envelope.isEmpty()) {
			return true;
		}
		request.setRequestContents(envelope.get().resource().getBytes(charset));
		Map<String, String[]> parameters = new HashMap<>(request.getParameters());
		if (envelope.get().profile() != null) {
			parameters.putIfAbsent("profile", new String[] {envelope.get().profile()});
		}
		if (envelope.get().mode() != null) {
			parameters.putIfAbsent("mode", new String[] {envelope.get().mode()});
		}
		request.setParameters(parameters);
		return true;
	}
}
