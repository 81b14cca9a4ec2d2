package org.aitrust.interceptor.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.hibernate.exception.JDBCConnectionException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.transaction.CannotCreateTransactionException;

/** The answer HAPI sends for a failure, as the hook decides it; HAPI writes the returned exception as is. */
class DatabaseUnavailableInterceptorTest {

	private static final Throwable LOST = new InternalErrorException("HAPI-1910: Failure invoking interceptor",
			new JDBCConnectionException("could not extract ResultSet [select nextval('SEQ_RESOURCE_HISTORY_ID')]",
					new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE)));

	@Test
	void aLostConnectionIsAnswered503WithRetryAfterAndATransientOperationOutcome() {
		BaseServerResponseException answer = new DatabaseUnavailableInterceptor(Duration.ofSeconds(5))
				.serverPreProcessOutgoingException(new SystemRequestDetails(), LOST);

		assertThat(answer.getStatusCode()).isEqualTo(503);
		assertThat(answer.getResponseHeaders()).containsEntry("Retry-After", java.util.List.of("5"));
		OperationOutcome outcome = (OperationOutcome) answer.getOperationOutcome();
		assertThat(outcome.getIssue()).singleElement().satisfies(issue -> {
			assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
			assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
			assertThat(issue.getDiagnostics()).contains("database is unavailable").contains("Retry")
					.contains("5 seconds")
					.as("nothing of the exception, its SQL or the driver's words")
					.doesNotContain("SEQ_", "select", "Exception", "I/O", "HAPI-");
		});
	}

	@Test
	void anUnobtainableConnectionIsAnswered503Too() {
		Throwable timedOut = new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));

		assertThat(new DatabaseUnavailableInterceptor(Duration.ofSeconds(5))
				.serverPreProcessOutgoingException(new SystemRequestDetails(), timedOut).getStatusCode()).isEqualTo(503);
	}

	@Test
	void retryAfterIsSentInWholeSecondsRoundedUp() {
		assertThat(retryAfter(Duration.ofMillis(1500))).isEqualTo("2");
		assertThat(retryAfter(Duration.ofMillis(1))).isEqualTo("1");
		assertThat(retryAfter(Duration.ofMinutes(2))).isEqualTo("120");
	}

	@Test
	void otherFailuresAreLeftToHapi() {
		DatabaseUnavailableInterceptor interceptor = new DatabaseUnavailableInterceptor(Duration.ofSeconds(5));

		assertThat(interceptor.serverPreProcessOutgoingException(new SystemRequestDetails(),
				new InternalErrorException("HAPI-0389: Failed to call access method", new NullPointerException())))
				.isNull();
		assertThat(interceptor.serverPreProcessOutgoingException(new SystemRequestDetails(),
				new UnprocessableEntityException("Observation.status: minimum required = 1"))).isNull();
	}

	@Test
	void aClientErrorKeepsItsStatusWhateverItsCause() {
		UnprocessableEntityException clientError = new UnprocessableEntityException("refused");
		clientError.initCause(LOST);

		assertThat(new DatabaseUnavailableInterceptor(Duration.ofSeconds(5))
				.serverPreProcessOutgoingException(new SystemRequestDetails(), clientError)).isNull();
	}

	@Test
	void aRetryAfterThatIsNotPositiveIsRefused() {
		assertThatThrownBy(() -> new DatabaseUnavailableInterceptor(Duration.ZERO))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new DatabaseUnavailableInterceptor(Duration.ofSeconds(-1)))
				.isInstanceOf(IllegalArgumentException.class);
	}

	private static String retryAfter(Duration duration) {
		return new DatabaseUnavailableInterceptor(duration)
				.serverPreProcessOutgoingException(new SystemRequestDetails(), LOST)
				.getResponseHeaders().get("Retry-After").get(0);
	}
}
