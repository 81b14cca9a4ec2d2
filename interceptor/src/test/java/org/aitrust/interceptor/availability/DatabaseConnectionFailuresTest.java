package org.aitrust.interceptor.availability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.lang.reflect.InvocationTargetException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.TransactionException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.NestedTransactionNotSupportedException;

/**
 * The chains below are those a HAPI JPA server on PostgreSQL and HikariCP produced when {@code pg_terminate_backend}
 * ended its sessions under load (ReliabilityLoadIT), and those of the other ways a connection is lost or refused;
 * then failures that merely pass through the same layers and must keep their answer.
 */
class DatabaseConnectionFailuresTest {

	// ---------------------------------------------------------------- lost or unobtainable connections

	@Test
	void aRollbackOnAConnectionHikariHadAlreadyEvictedIsALostConnection() {
		// The write failed on a terminated session, Hikari evicted the connection, and the rollback that followed
		// hit Hikari's closed stand-in; Spring reports only the rollback failure.
		SQLException closed = new SQLException("Connection is closed");
		Throwable failure = hapiMethodFailure(new JpaSystemException(
				new TransactionException("Unable to rollback against JDBC Connection", closed)));

		assertThat(DatabaseConnectionFailures.evidence(failure)).containsSame(closed);
	}

	@Test
	void aRollbackOnAConnectionTheDriverFoundClosedIsALostConnection() {
		Throwable failure = hapiMethodFailure(new DataAccessResourceFailureException(
				"Hibernate transaction: Unable to rollback against JDBC Connection; This connection has been closed.",
				new TransactionException("Unable to rollback against JDBC Connection",
						new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST))));

		assertThat(DatabaseConnectionFailures.isConnectionFailure(failure)).isTrue();
	}

	@Test
	void aSessionTerminatedByTheAdministratorDuringCommitIsALostConnection() {
		Throwable failure = hapiMethodFailure(new DataAccessResourceFailureException(
				"Hibernate transaction: Unable to commit against JDBC Connection; FATAL: terminating connection due to"
						+ " administrator command",
				new TransactionException("Unable to commit against JDBC Connection",
						serverError("57P01", "terminating connection due to administrator command"))));

		assertThat(DatabaseConnectionFailures.isConnectionFailure(failure)).isTrue();
	}

	@Test
	void anInputOutputErrorInAStatementOfAPrecommitHookIsALostConnection() {
		Throwable failure = new InternalErrorException(
				"HAPI-1910: Failure invoking interceptor for pointcut(s) STORAGE_PRECOMMIT_RESOURCE_CREATED",
				new JDBCConnectionException("could not extract ResultSet",
						new PSQLException("An I/O error occurred while sending to the backend.",
								PSQLState.CONNECTION_FAILURE)));

		assertThat(DatabaseConnectionFailures.isConnectionFailure(failure)).isTrue();
	}

	@Test
	void aPoolThatTimedOutWaitingForAConnectionIsAnUnobtainableConnection() {
		// Hikari's timeout carries the SQL state of the last failed attempt, often none.
		Throwable failure = new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
				new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLTransientConnectionException(
						"HikariPool-1 - Connection is not available, request timed out after 30000ms.")));

		assertThat(DatabaseConnectionFailures.isConnectionFailure(failure)).isTrue();
	}

	@Test
	void aDatabaseThatRefusesNewSessionsIsAnUnobtainableConnection() {
		assertThat(DatabaseConnectionFailures.isConnectionFailure(openFailure(
				serverError("57P03", "the database system is starting up")))).isTrue();
		assertThat(DatabaseConnectionFailures.isConnectionFailure(openFailure(
				serverError("53300", "sorry, too many clients already")))).isTrue();
		assertThat(DatabaseConnectionFailures.isConnectionFailure(openFailure(new PSQLException(
				"Connection to 127.0.0.1:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT)))).isTrue();
	}

	@Test
	void aServerCrashIsALostConnection() {
		assertThat(DatabaseConnectionFailures.isConnectionFailure(hapiMethodFailure(new JpaSystemException(
				new JDBCConnectionException("could not execute statement", serverError("57P02",
						"terminating connection because of crash of another server process")))))).isTrue();
	}

	@Test
	void anEmbeddedDatabaseAlreadyClosedIsALostConnection() {
		// H2's "Database is already closed" (its own code 90121) is a JDBC non-transient connection exception.
		assertThat(DatabaseConnectionFailures.isConnectionFailure(new DataAccessResourceFailureException(
				"could not prepare statement", new SQLNonTransientConnectionException(
						"Database is already closed", "90121")))).isTrue();
	}

	@Test
	void aBatchWhoseNextExceptionIsTheLostConnectionIsALostConnection() {
		BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO HFJ_RESOURCE was aborted",
				"42000", new int[0]);
		batch.setNextException(new PSQLException("An I/O error occurred while sending to the backend.",
				PSQLState.CONNECTION_FAILURE));

		assertThat(DatabaseConnectionFailures.isConnectionFailure(new JpaSystemException(
				new TransactionException("Unable to flush", batch)))).isTrue();
	}

	// ---------------------------------------------------------------- failures that keep their answer

	@Test
	void aUniqueConstraintViolationIsNotAConnectionFailure() {
		SQLException duplicate = new PSQLException(
				"ERROR: duplicate key value violates unique constraint \"idx_res_type_fhir_id\"", PSQLState.UNIQUE_VIOLATION);
		ConstraintViolationException hibernate =
				new ConstraintViolationException("could not execute statement", duplicate, "idx_res_type_fhir_id");

		assertThat(DatabaseConnectionFailures.isConnectionFailure(
				new DataIntegrityViolationException("could not execute statement", hibernate))).isFalse();
		assertThat(DatabaseConnectionFailures.isConnectionFailure(
				new ResourceVersionConflictException("HAPI-0823: The operation has failed with a unique constraint"
						+ " failure", hibernate, null))).isFalse();
	}

	@Test
	void aValidationErrorIsNotAConnectionFailure() {
		assertThat(DatabaseConnectionFailures.isConnectionFailure(
				new UnprocessableEntityException("Observation.status: minimum required = 1, but only found 0"))).isFalse();
	}

	@Test
	void otherCodesOfTheSameClassesAreNotConnectionFailures() {
		// 57014 query_canceled (a statement timeout), 54001 statement too complex (which Spring also reports as a
		// resource failure), 53100 disk full, 40001 a serialization failure between concurrent writers.
		for (String state : new String[] {"57014", "54001", "53100", "40001"}) {
			assertThat(DatabaseConnectionFailures.isConnectionFailure(
					new DataAccessResourceFailureException("failed", serverError(state, "failed")))).as(state).isFalse();
		}
	}

	@Test
	void aTransactionThatCouldNotBeginForAnotherReasonIsNotAConnectionFailure() {
		assertThat(DatabaseConnectionFailures.isConnectionFailure(new NestedTransactionNotSupportedException(
				"JpaTransactionManager does not support nested transactions"))).isFalse();
	}

	@Test
	void aProgrammingErrorIsNotAConnectionFailure() {
		assertThat(DatabaseConnectionFailures.isConnectionFailure(
				hapiMethodFailure(new NullPointerException("Cannot invoke \"Object.toString()\"")))).isFalse();
		assertThat(DatabaseConnectionFailures.isConnectionFailure(
				new SQLException("Bad value for type int : abc"))).as("no state, another message").isFalse();
		assertThat(DatabaseConnectionFailures.isConnectionFailure(null)).isFalse();
	}

	@Test
	void aCyclicChainEndsTheSearch() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second", first);
		first.initCause(second);

		assertThat(DatabaseConnectionFailures.isConnectionFailure(first)).isFalse();
	}

	/** How HAPI reports an exception thrown by the JPA provider method it called. */
	private static Throwable hapiMethodFailure(Throwable thrown) {
		return new InternalErrorException("HAPI-0389: Failed to call access method: " + thrown,
				new InvocationTargetException(thrown));
	}

	private static Throwable openFailure(SQLException refused) {
		return new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
				new JDBCConnectionException("Unable to acquire JDBC Connection", refused));
	}

	/** An error as the PostgreSQL server sends it (severity, SQL state, message), parsed by the driver. */
	private static PSQLException serverError(String state, String message) {
		return new PSQLException(new ServerErrorMessage("SFATAL\0VFATAL\0C" + state + "\0M" + message + "\0"));
	}
}
