package org.aitrust.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Marks a test class whose outcome does not depend on the database engine: it runs in the H2 pass only and is
 * skipped in the PostgreSQL pass ({@code -Daitrust.it.db=postgres}), with the reason printed once, before any server
 * starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DatabaseIndependent.Condition.class)
public @interface DatabaseIndependent {

	/** Why the database engine does not matter to this class, printed when it is skipped. */
	String value();

	class Condition implements ExecutionCondition {

		private static final Set<String> reported = ConcurrentHashMap.newKeySet();

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			Class<?> testClass = context.getTestClass().orElse(null);
			DatabaseIndependent independent = testClass == null ? null
					: AnnotatedElementUtils.findMergedAnnotation(testClass, DatabaseIndependent.class);
			if (independent == null || TestDatabase.current() == TestDatabase.H2) {
				return ConditionEvaluationResult.enabled("runs on H2");
			}
			String reason = testClass.getSimpleName() + " runs in the H2 pass only: " + independent.value();
			if (reported.add(testClass.getName())) {
				System.err.println("[aitrust] skipped on " + TestDatabase.current() + ": " + reason);
			}
			return ConditionEvaluationResult.disabled(reason);
		}
	}
}
