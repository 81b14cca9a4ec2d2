package org.aitrust.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aitrust.interceptor.store.Breakdown;
import org.aitrust.interceptor.quality.LabelCap;
import org.aitrust.interceptor.store.QualityEvent;
import org.aitrust.interceptor.quality.QualityEventFactory;
import org.aitrust.interceptor.quality.check.InMemoryCheckContext;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.store.Breakdown;
import org.aitrust.interceptor.store.ModuleSchema;
import org.aitrust.interceptor.store.ModuleTables;
import org.aitrust.interceptor.store.QualityEvent;
import org.aitrust.interceptor.store.QualityEventWriter;
import org.h2.jdbcx.JdbcDataSource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What measuring one arriving resource costs the request thread, in its two parts, without a server: running every
 * check on it ({@link QualityEventFactory#arrived}, over a server kept in memory) and storing its row
 * ({@link QualityEventWriter#record}, in an in-memory H2 database, each row committed on its own). The resource is the
 * heart-rate Observation {@link WriteOverheadBenchmark} creates. JMH average time, one thread, after warm-up; prints
 * figures and asserts nothing. Run (see the README): {@code mvn -B -q package -pl bench -am -DskipTests
 * -Pbench -Dbench.main=org.aitrust.bench.QualityMeasureBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
public class QualityMeasureBenchmark {

	private static final String SUBJECT = "Patient/bench";
	private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

	private QualityEventFactory events;
	private QualityEventWriter store;
	private JdbcTemplate jdbc;
	private Observation observation;
	private QualityEvent measured;
	private Patient patient;

	@Setup(Level.Trial)
	public void setUp() {
		BenchReport.quietLogging();
		events = new QualityEventFactory(new QualityChecks(QualityChecks.defaults()),
				new LabelCap(100, List.of()), new LabelCap(100, List.of()), profile -> true,
				Map.of(Breakdown.UNRESOLVED_REFERENCE, LabelCap.firstCome(100, List.of())), new LabelCap(100, List.of()),
				Clock.fixed(NOW, ZoneOffset.UTC));
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:quality-measure;DB_CLOSE_DELAY=-1");
		new ModuleSchema(dataSource).migrate();
		store = new QualityEventWriter(dataSource);
		jdbc = new JdbcTemplate(dataSource);
		patient = new Patient();
		patient.setId(SUBJECT);
		patient.addName().setFamily("Bench");
		observation = WriteOverheadBenchmark.heartRate(SUBJECT, 72);
		observation.setId("Observation/1/_history/1");
		measured = arrived();
	}

	/** The stored rows of an iteration are dropped before the next, so that every iteration inserts alike. */
	@Setup(Level.Iteration)
	public void emptyTables() {
		jdbc.execute("TRUNCATE TABLE " + ModuleTables.ARRIVAL);
	}

	@Benchmark
	public QualityEvent arrived() {
		return events.arrived(observation, RequestSource.UNKNOWN, true, new InMemoryCheckContext()
				.at(NOW).withPatient(patient)
				.withKnownCodeSystem("http://loinc.org")
				.withKnownCodeSystem("http://terminology.hl7.org/CodeSystem/observation-category")
				.withKnownCodeSystem("http://unitsofmeasure.org"));
	}

	@Benchmark
	public QualityEvent recorded() {
		store.record(List.of(measured));
		return measured;
	}

	public static void main(String[] args) throws Exception {
		BenchReport.quietLogging();
		Collection<RunResult> results = new Runner(new OptionsBuilder()
				.parent(new CommandLineOptions(args))
				.include(QualityMeasureBenchmark.class.getName() + "\\.")
				.build()).run();
		BenchReport report = new BenchReport("quality-measure", "Measuring one arriving heart-rate Observation, without a"
				+ " server (JMH average time, one thread, after warm-up)");
		BenchReport.Table table = report.table("Cost per resource, µs", BenchReport.Column.text("part"),
				new BenchReport.Column("µs", "%.2f"), new BenchReport.Column("± (99.9%)", "%.2f"));
		for (RunResult result : results) {
			String name = result.getParams().getBenchmark();
			table.row(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore(),
					result.getPrimaryResult().getScoreError());
		}
		table.print();
		report.write();
	}
}
