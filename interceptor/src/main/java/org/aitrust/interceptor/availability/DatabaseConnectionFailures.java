package org.aitrust.interceptor.availability;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Tells whether a failure was caused by a database connection that was lost or could not be obtained, so that the
 * client can be told to come back rather than that the server is broken.
 *
 * <p>It judges by the JDBC facts at the bottom of the cause chain: Spring, Hibernate and HAPI wrap the driver's
 * {@link SQLException} but keep it as a cause. Their own exception types are not used as evidence because each
 * mixes connection loss with faults a retry cannot cure: Spring's {@code DataAccessResourceFailureException} also
 * stands for SQL state class 54 ("statement too complex"), its {@code CannotCreateTransactionException} also for
 * "nested transactions not supported", and Hibernate's {@code TransactionException} for any failed commit.
 */
public final class DatabaseConnectionFailures {

	/** SQL standard class 08, connection exception: the connection failed, was refused or no longer exists. */
	private static final String CONNECTION_EXCEPTION_CLASS = "08";

	/**
	 * PostgreSQL's codes for a session the server ended or would not start: {@code admin_shutdown} (what
	 * {@code pg_terminate_backend} and a fast shutdown send), {@code crash_shutdown}, {@code cannot_connect_now}
	 * (starting up or in recovery) and {@code too_many_connections}. Other codes of their classes, such as
	 * {@code query_canceled} (57014, a statement timeout), are not about the connection.
	 */
	private static final Set<String> SESSION_ENDED_STATES = Set.of("57P01", "57P02", "57P03", "53300");

	/**
	 * HikariCP swaps a connection it has found broken for a stand-in whose every call throws this, without a SQL
	 * state; a rollback after the break then reports only this exception, the original one being lost.
	 */
	private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

	/** A guard against pathological chains; real ones are a dozen links deep. */
	private static final int MAX_LINKS = 100;

	private DatabaseConnectionFailures() {}

	/** Whether the failure was caused by a lost or unobtainable database connection. */
	public static boolean isConnectionFailure(Throwable failure) {
		return evidence(failure).isPresent();
	}

	/**
	 * The exception in the failure's chain (its causes, and the next exceptions a driver chains to a
	 * {@link SQLException}) that shows the connection was lost or could not be obtained; empty when none does.
	 */
	public static Optional<SQLException> evidence(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> pending = new ArrayDeque<>();
		if (failure != null) {
			pending.add(failure);
		}
		while (!pending.isEmpty() && seen.size() < MAX_LINKS) {
			Throwable link = pending.poll();
			if (!seen.add(link)) {
				continue;
			}
			if (link instanceof SQLException sql) {
				if (showsLostConnection(sql)) {
					return Optional.of(sql);
				}
				if (sql.getNextException() != null) {
					pending.add(sql.getNextException());
				}
			}
			if (link.getCause() != null) {
				pending.add(link.getCause());
			}
		}
		return Optional.empty();
	}

	private static boolean showsLostConnection(SQLException sql) {
		if (sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException) {
			// JDBC's own connection exception types; Hikari's "request timed out" waiting for a pooled connection
			// is the first, often without a SQL state.
			return true;
		}
		String state = sql.getSQLState();
		if (state != null) {
			return state.startsWith(CONNECTION_EXCEPTION_CLASS) || SESSION_ENDED_STATES.contains(state);
		}
		return HIKARI_CLOSED_CONNECTION.equals(sql.getMessage());
	}
}
