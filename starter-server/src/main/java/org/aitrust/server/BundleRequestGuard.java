package org.aitrust.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Refuses transaction and batch Bundles that the server should not start on, before any entry is processed and
 * before any other interceptor works on them:
 *
 * <ul>
 *   <li>more entries than {@code aitrust.server.max-bundle-entries}: 413 with an OperationOutcome. The request size
 *       limit bounds the bytes, but 20 MB of minimal entries is over 100,000 of them, each a write in one database
 *       transaction. HAPI's own {@code StorageSettings.setMaximumTransactionBundleSize} covers transactions only,
 *       and its message cannot name this server's setting.
 *   <li>a POST entry whose {@code request.url} names another resource type than its resource (an Observation
 *       posted to {@code Patient}): 400. A plain POST to {@code /fhir/Patient} with an Observation gets 400 from
 *       HAPI, but inside a Bundle HAPI ignores the url and stores the Observation.
 * </ul>
 */
@Interceptor
public class BundleRequestGuard {

	/** Before interceptors at HAPI's default order 0, the AI Trust module's among them. */
	static final int ORDER = -1000;

	/** A POST entry's url that names a resource type (no id, no operation, no absolute URL). */
	private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z]*");

	private final int maxEntries;

	public BundleRequestGuard(int maxEntries) {
		this.maxEntries = maxEntries;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
	public void serverIncomingRequestPreHandled(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation != RestOperationTypeEnum.TRANSACTION && operation != RestOperationTypeEnum.BATCH) {
			return;
		}
		if (!(request.getResource() instanceof Bundle bundle)) {
			return;
		}
		List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
		if (entries.size() > maxEntries) {
			String message = "Bundle has " + entries.size() + " entries; this server takes at most " + maxEntries
					+ " in one transaction or batch (aitrust.server.max-bundle-entries). Split it into smaller Bundles.";
			throw new PayloadTooLargeException(message,
					outcome(OperationOutcome.IssueType.TOOLONG, message, "Bundle.entry"));
		}
		for (int i = 0; i < entries.size(); i++) {
			checkPostedType(i, entries.get(i));
		}
	}

	private static void checkPostedType(int index, Bundle.BundleEntryComponent entry) {
		if (entry.getRequest().getMethod() != Bundle.HTTPVerb.POST || entry.getResource() == null
				|| entry.getRequest().getUrl() == null) {
			return;
		}
		String url = entry.getRequest().getUrl().strip();
		int query = url.indexOf('?');
		String path = query < 0 ? url : url.substring(0, query);
		String resourceType = entry.getResource().fhirType();
		if (TYPE_NAME.matcher(path).matches() && !path.equals(resourceType)) {
			String message = "Bundle.entry[" + index + "]: request.url '" + url + "' names the type " + path
					+ ", but the entry's resource is of type " + resourceType
					+ ". A POST entry creates a resource of the type its url names.";
			throw new InvalidRequestException(message,
					outcome(OperationOutcome.IssueType.INVALID, message, "Bundle.entry[" + index + "].request.url"));
		}
	}

	private static OperationOutcome outcome(OperationOutcome.IssueType code, String message, String expression) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(code)
				.setDiagnostics(message)
				.addExpression(expression);
		return outcome;
	}
}
