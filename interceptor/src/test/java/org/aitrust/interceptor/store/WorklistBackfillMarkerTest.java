package org.aitrust.interceptor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import javax.sql.DataSource;
import org.aitrust.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The marker of the worklist's one-time backfill, on H2 and (when reachable) PostgreSQL. */
class WorklistBackfillMarkerTest {

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aMigratedDatabaseIsNotBackfilledUntilABackfillFinishesAndTwoNodesFinishingLeaveOneRow(TestDatabase engine) {
		DataSource dataSource = EmptyDatabases.create(engine, "backfill_marker");
		new ModuleSchema(dataSource).migrate();
		WorklistBackfillMarker node = new WorklistBackfillMarker(dataSource);
		WorklistBackfillMarker otherNode = new WorklistBackfillMarker(dataSource);

		assertThat(node.isDone()).as("the migration leaves it to the backfill").isFalse();
		node.markDone(Instant.parse("2026-12-07T12:00:00Z"));
		otherNode.markDone(Instant.parse("2026-12-07T12:00:01Z"));

		assertThat(otherNode.isDone()).isTrue();
		assertThat(new JdbcTemplate(dataSource).queryForObject(
				"SELECT COUNT(*) FROM " + ModuleTables.WORKLIST_BACKFILL, Integer.class)).isEqualTo(1);
	}
}
