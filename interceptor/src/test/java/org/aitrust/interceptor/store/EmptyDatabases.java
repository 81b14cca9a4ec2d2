package org.aitrust.interceptor.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.aitrust.testsupport.TestDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Empty databases for schema tests, on either engine whatever the run's {@code aitrust.it.db}: an in-memory H2
 * database always, a freshly created PostgreSQL database when a server answers (the test is skipped, saying why,
 * when none does). A new connection per use, as a pool gives several, so migrations run as on a server.
 */
final class EmptyDatabases {

	private EmptyDatabases() {}

	static DataSource create(TestDatabase engine, String name) {
		if (engine == TestDatabase.H2) {
			return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		}
		String unavailable = TestDatabase.postgresUnavailableReason();
		assumeTrue(unavailable == null, unavailable);
		Map<String, Object> properties = engine.prepare(TestDatabase.nameFor("store_" + name));
		return new DriverManagerDataSource((String) properties.get("spring.datasource.url"),
				(String) properties.get("spring.datasource.username"), (String) properties.get("spring.datasource.password"));
	}
}
