package org.aitrust.testsupport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The condition behind {@link DatabaseIndependent} (H2 pass only) and {@link PostgresOnly} (PostgreSQL pass only):
 * a class marked with either is skipped in the other pass, with the reason printed once, before any server starts.
 */
public class OneEnginePass implements ExecutionCondition {

	private static final Set<String> reported = ConcurrentHashMap.newKeySet();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Class<?> testClass = context.getTestClass().orElse(null);
		if (testClass == null) {
			return ConditionEvaluationResult.enabled("no test class");
		}
		DatabaseIndependent h2Only = AnnotatedElementUtils.findMergedAnnotation(testClass, DatabaseIndependent.class);
		PostgresOnly postgresOnly = AnnotatedElementUtils.findMergedAnnotation(testClass, PostgresOnly.class);
		TestDatabase current = TestDatabase.current();
		if (h2Only != null && current != TestDatabase.H2) {
			return skip(testClass, "H2", h2Only.value());
		}
		if (postgresOnly != null && current != TestDatabase.POSTGRES) {
			return skip(testClass, "PostgreSQL", postgresOnly.value());
		}
		return ConditionEvaluationResult.enabled("runs on " + current);
	}

	private static ConditionEvaluationResult skip(Class<?> testClass, String pass, String why) {
		String reason = testClass.getSimpleName() + " runs in the " + pass + " pass only: " + why;
		if (reported.add(testClass.getName())) {
			System.err.println("[aitrust] skipped on " + TestDatabase.current() + ": " + reason);
		}
		return ConditionEvaluationResult.disabled(reason);
	}
}
