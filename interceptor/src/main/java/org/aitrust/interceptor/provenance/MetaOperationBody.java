package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Parameters;

/**
 * The {@code Meta} values of a {@code $meta-add} or {@code $meta-delete} request, read from its Parameters body (JSON
 * or XML) before HAPI runs the operation: both change labels and tags in place, without a new version and without the
 * storage hooks an update passes, so the module's rules on them are checked here, once the request is known.
 */
record MetaOperationBody(boolean delete, List<Meta> metas) {

	static final String META_ADD = "$meta-add";
	static final String META_DELETE = "$meta-delete";

	/** Whether the request is a {@code $meta-add} or {@code $meta-delete}, at instance or version level. */
	static boolean isMetaOperation(RequestDetails request, RestOperationTypeEnum operation) {
		return operation == RestOperationTypeEnum.META_ADD || operation == RestOperationTypeEnum.META_DELETE
				|| META_ADD.equals(request.getOperation()) || META_DELETE.equals(request.getOperation());
	}

	/**
	 * The body's Meta values; none when there is no body or it is not a Parameters, which HAPI's own operation then
	 * refuses.
	 */
	static MetaOperationBody read(FhirContext fhirContext, RequestDetails request, RestOperationTypeEnum operation) {
		boolean delete = operation == RestOperationTypeEnum.META_DELETE || META_DELETE.equals(request.getOperation());
		byte[] body = request.loadRequestContents();
		if (body == null || body.length == 0) {
			return new MetaOperationBody(delete, List.of());
		}
		String text = new String(body, StandardCharsets.UTF_8);
		EncodingEnum encoding = EncodingEnum.detectEncodingNoDefault(text);
		Parameters parameters;
		try {
			parameters = (encoding == null ? EncodingEnum.JSON : encoding).newParser(fhirContext)
					.parseResource(Parameters.class, text);
		} catch (RuntimeException e) {
			return new MetaOperationBody(delete, List.of());
		}
		return new MetaOperationBody(delete, parameters.getParameter().stream()
				.filter(parameter -> parameter.getValue() instanceof Meta)
				.map(parameter -> (Meta) parameter.getValue())
				.toList());
	}

	/** The operation's name as the client called it, for messages. */
	String name() {
		return delete ? META_DELETE : META_ADD;
	}
}
