package org.aitrust.interceptor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import javax.sql.DataSource;
import org.aitrust.testsupport.TestDatabase;

/** What a report of the stored population sees while runs of the stored-data job start, measure and complete. */
class StoredRunsTest {

	private static final LocalDate DAY = LocalDate.parse("2026-11-20");
	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
	private static final QualityQuery STORED = new QualityQuery(DAY, DAY, null, null, null, QualityPopulation.STORED);
	private static final QualityQuery WRITE = new QualityQuery(DAY, DAY, null, null, null);

	private QualityEventWriter writer;
	private QualityReportReader reader;
	private StoredRuns runs;

	@BeforeEach
	void emptyDatabase() {
		DataSource dataSource = EmptyDatabases.create(TestDatabase.H2, "stored_runs");
		new ModuleSchema(dataSource).migrate();
		writer = new QualityEventWriter(dataSource);
		reader = new QualityReportReader(dataSource);
		runs = new StoredRuns(dataSource);
	}

	@Test
	void theStoredPopulationIsTheLatestCompletedRunAndNeverMixesWithWrites() {
		writer.record(List.of(event(CheckOutcome.FAIL), event(CheckOutcome.PASS)));
		runs.starting("first", T0);
		writer.recordStored(List.of(event(CheckOutcome.FAIL), event(CheckOutcome.FAIL), event(CheckOutcome.PASS)), "first");

		assertThat(received(STORED)).as("a run still measuring is not reported").isZero();
		runs.completed("first", T0.plusSeconds(60));
		assertThat(received(STORED)).isEqualTo(3);
		assertThat(reader.totals(STORED).get("plausibility-future-date")).isEqualTo(new CheckTotals("plausibility-future-date", 3, 2));
		assertThat(received(WRITE)).as("write rows only").isEqualTo(2);

		runs.starting("second", T0.plusSeconds(120));
		writer.recordStored(List.of(event(CheckOutcome.PASS)), "second");
		assertThat(received(STORED)).as("the previous run until the new one completes").isEqualTo(3);
		runs.completed("second", T0.plusSeconds(180));
		assertThat(received(STORED)).as("replaced, not added").isEqualTo(1);
		assertThat(runs.latestCompleted()).contains("second");
		assertThat(received(WRITE)).isEqualTo(2);
	}

	@Test
	void aRunReplacedWhileStillMeasuringNeverReplacesTheNewerOne() {
		runs.starting("older", T0);
		runs.starting("newer", T0.plusSeconds(10));
		writer.recordStored(List.of(event(CheckOutcome.PASS)), "newer");
		runs.completed("newer", T0.plusSeconds(20));
		writer.recordStored(List.of(event(CheckOutcome.FAIL), event(CheckOutcome.FAIL)), "older");

		runs.completed("older", T0.plusSeconds(30));

		assertThat(runs.latestCompleted()).contains("newer");
		assertThat(received(STORED)).isEqualTo(1);
	}

	@Test
	void aChunkIsClaimedOnceAndAFailedRunLeavesNothing() {
		runs.starting("run", T0);
		runs.startedAs("run", "job-1");
		assertThat(runs.claimChunk("run", "chunk-1")).isTrue();
		assertThat(runs.claimChunk("run", "chunk-1")).isFalse();
		assertThat(runs.claimChunk("run", "chunk-2")).isTrue();
		assertThat(runs.byJob("job-1")).hasValueSatisfying(run -> assertThat(run.completed()).isNull());
		writer.recordStored(List.of(event(CheckOutcome.PASS)), "run");

		runs.delete("run");

		assertThat(runs.byJob("job-1")).isEmpty();
		assertThat(runs.claimChunk("run", "chunk-1")).as("its chunks are gone too").isTrue();
	}

	private long received(QualityQuery query) {
		return reader.totals(query).get("received").numerator();
	}

	private static QualityEvent event(CheckOutcome futureDate) {
		return new QualityEvent(DAY, Instant.parse("2026-11-20T10:00:00Z"), "unknown", "Observation", "none", true,
				false, false, 60L, new java.util.LinkedHashMap<>(Map.of("plausibility-future-date", futureDate,
						"completeness-must-support:Observation.value[x]", futureDate)), Map.of(), null, null);
	}
}
