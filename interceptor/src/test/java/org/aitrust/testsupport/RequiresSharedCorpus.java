package org.aitrust.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Runs the annotated test class only when the named folder of {@code ../shared/corpora} is present, deciding before
 * any server starts; otherwise the class is skipped with the reason, printed once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RequiresSharedCorpus.Condition.class)
public @interface RequiresSharedCorpus {

	/** The corpus folder below {@code corpora}, e.g. {@code synthea/standard-synthea}. */
	String value();

	class Condition implements ExecutionCondition {
		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			RequiresSharedCorpus required = context.getTestClass()
					.map(c -> AnnotatedElementUtils.findMergedAnnotation(c, RequiresSharedCorpus.class))
					.orElse(null);
			if (required == null) {
				return ConditionEvaluationResult.enabled("no corpus required");
			}
			String reason = SharedCorpora.absenceReason(required.value());
			return reason == null ? ConditionEvaluationResult.enabled("corpus present")
					: ConditionEvaluationResult.disabled(reason);
		}
	}
}
