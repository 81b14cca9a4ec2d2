package org.aitrust.interceptor.availability;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request that failed because the database connection was lost or could not be obtained with 503 Service
 * Unavailable, a {@code Retry-After} header and an OperationOutcome (code {@code transient}), instead of HAPI's 500
 * that quotes the exception. A FHIR client or gateway reads 503 as "try again later" and 500 as "the server is
 * broken". Only answers that were already server errors change: a client error keeps its status, whatever its
 * cause. The request's transaction has ended (rolled back, or failed to commit) before this hook runs, so nothing
 * about what was stored changes.
 */
@Interceptor
public class DatabaseUnavailableInterceptor {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableInterceptor.class);
	private static final int SERVICE_UNAVAILABLE = 503;

	private final String retryAfterSeconds;
	private final String diagnostics;

	/** @param retryAfter how long clients are asked to wait; sent in whole seconds, rounded up */
	public DatabaseUnavailableInterceptor(Duration retryAfter) {
		if (retryAfter == null || retryAfter.isZero() || retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must be positive, was " + retryAfter);
		}
		long seconds = retryAfter.plusNanos(999_999_999L).getSeconds();
		this.retryAfterSeconds = Long.toString(seconds);
		this.diagnostics = "The database is unavailable: the server lost or could not obtain its database connection"
				+ " while handling this request. Retry the request after " + seconds + (seconds == 1 ? " second." : " seconds.");
	}

	/**
	 * Runs before HAPI turns a failure into its answer; returning an exception makes that exception the answer,
	 * returning {@code null} leaves the failure to HAPI (and to other interceptors).
	 */
	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException serverPreProcessOutgoingException(RequestDetails request, Throwable failure) {
		if (failure instanceof BaseServerResponseException answered
				&& answered.getStatusCode() != Constants.STATUS_HTTP_500_INTERNAL_ERROR) {
			return null;
		}
		Optional<SQLException> evidence = DatabaseConnectionFailures.evidence(failure);
		if (evidence.isEmpty()) {
			return null;
		}
		// One line per request: during an outage every request fails, and a stack trace each would bury the log.
		// The operation and path only, never the query, which may carry patient details.
		log.warn("Database unavailable during {} {}: {} (SQL state {}); answered 503, Retry-After {} s",
				request == null ? "" : request.getRestOperationType(), request == null ? "" : request.getRequestPath(),
				evidence.get().getMessage(), evidence.get().getSQLState(), retryAfterSeconds);
		log.debug("The failure answered 503", failure);
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.TRANSIENT)
				.setDiagnostics(diagnostics);
		UnclassifiedServerFailureException unavailable =
				new UnclassifiedServerFailureException(SERVICE_UNAVAILABLE, "Database unavailable", outcome);
		unavailable.addResponseHeader(Constants.HEADER_RETRY_AFTER, retryAfterSeconds);
		return unavailable;
	}
}
