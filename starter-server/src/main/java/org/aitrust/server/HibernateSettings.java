package org.aitrust.server;

import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Hibernate properties for HAPI's persistence unit: safe defaults, HAPI's dialect chosen from the JDBC URL,
 * and anything under {@code spring.jpa.properties.*} layered on top.
 */
final class HibernateSettings {

	static final String DIALECT = "hibernate.dialect";

	private HibernateSettings() {}

	static Properties forEnvironment(Environment environment) {
		Properties properties = new Properties();
		properties.put("hibernate.hbm2ddl.auto", "update");
		properties.put("hibernate.format_sql", "false");
		properties.put("hibernate.show_sql", "false");
		properties.put("hibernate.jdbc.batch_size", "20");
		properties.put("hibernate.cache.use_query_cache", "false");
		properties.put("hibernate.cache.use_second_level_cache", "false");
		properties.put("hibernate.cache.use_structured_entries", "false");
		properties.put("hibernate.cache.use_minimal_puts", "false");
		properties.put("hibernate.search.enabled", "false");
		Map<String, String> overrides = Binder.get(environment)
				.bind("spring.jpa.properties", Bindable.mapOf(String.class, String.class))
				.orElse(Map.of());
		properties.putAll(overrides);
		if (!properties.containsKey(DIALECT)) {
			properties.put(DIALECT, dialectFor(environment.getProperty("spring.datasource.url", "")));
		}
		return properties;
	}

	static String dialectFor(String jdbcUrl) {
		if (jdbcUrl.startsWith("jdbc:postgresql:")) {
			return HapiFhirPostgresDialect.class.getName();
		}
		if (jdbcUrl.startsWith("jdbc:h2:")) {
			return HapiFhirH2Dialect.class.getName();
		}
		throw new IllegalStateException("Cannot choose a HAPI dialect for spring.datasource.url '" + jdbcUrl
				+ "': set spring.jpa.properties.hibernate.dialect (for example "
				+ HapiFhirPostgresDialect.class.getName() + ")");
	}
}
