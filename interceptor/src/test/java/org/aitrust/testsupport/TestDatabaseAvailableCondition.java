package org.aitrust.testsupport;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips {@link IsolatedDatabase} tests in a PostgreSQL run when no PostgreSQL server answers, saying why
 * once, unless {@code CI=true}: in CI an unreachable PostgreSQL fails the run instead of hiding it.
 */
public class TestDatabaseAvailableCondition implements ExecutionCondition {

	private static final AtomicBoolean reported = new AtomicBoolean();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (TestDatabase.current() != TestDatabase.POSTGRES) {
			return ConditionEvaluationResult.enabled("runs on H2");
		}
		String reason = TestDatabase.postgresUnavailableReason();
		if (reason == null) {
			return ConditionEvaluationResult.enabled("PostgreSQL reachable");
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(reason + "; CI=true requires the PostgreSQL tests to run");
		}
		if (reported.compareAndSet(false, true)) {
			System.err.println("[aitrust] PostgreSQL integration tests skipped: " + reason
					+ ". Start PostgreSQL or set CI=true to make this an error.");
		}
		return ConditionEvaluationResult.disabled(reason);
	}
}
