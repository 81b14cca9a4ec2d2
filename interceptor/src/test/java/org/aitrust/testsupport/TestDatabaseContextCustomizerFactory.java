package org.aitrust.testsupport;

import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Points each {@link IsolatedDatabase} test class at its own database. Because the database name is part
 * of the customizer's identity, Spring's test-context cache never shares a context between two classes.
 */
public class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(
			Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
		if (!AnnotatedElementUtils.hasAnnotation(testClass, IsolatedDatabase.class)) {
			return null;
		}
		return new DatabaseCustomizer(TestDatabase.nameFor(testClass.getSimpleName()));
	}

	private record DatabaseCustomizer(String databaseName) implements ContextCustomizer {
		@Override
		public void customizeContext(
				org.springframework.context.ConfigurableApplicationContext context,
				org.springframework.test.context.MergedContextConfiguration mergedConfig) {
			Map<String, Object> properties = TestDatabase.current().prepare(databaseName);
			context.getEnvironment().getPropertySources()
					.addFirst(new MapPropertySource("aitrust-test-database", properties));
		}
	}
}
