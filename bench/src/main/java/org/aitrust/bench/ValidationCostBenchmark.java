package org.aitrust.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aitrust.interceptor.hapi.ValidationChainInstaller;
import org.aitrust.interceptor.validation.IgPackageLoader;
import org.aitrust.interceptor.validation.IgPackageSupport;
import org.aitrust.interceptor.hapi.InstanceValidatorReuseInstaller;
import org.aitrust.interceptor.validation.IssueSeverity;
import org.aitrust.interceptor.validation.ProfileValidator;
import org.aitrust.interceptor.hapi.ReusingInstanceValidator;
import org.aitrust.interceptor.validation.TerminologyCoverage;
import org.aitrust.interceptor.validation.ValidationMessageTriage;
import org.aitrust.interceptor.validation.ValidationMode;
import org.aitrust.interceptor.validation.ValidationPolicy;
import org.aitrust.interceptor.validation.ValidationRule;
import org.aitrust.interceptor.validation.ValidationVerdict;
import org.aitrust.bench.UsCoreExamples.Sample;
import org.aitrust.testsupport.NpmPackages;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * What validating one resource costs, without a server: the official US Core 6.1.0 Patient, heart-rate and
 * serum-glucose Observation, encounter-diagnosis Condition and Encounter examples, each validated against the profile
 * it claims, after warm-up, single-threaded (JMH sample time: every call timed, median and p95 reported). Two
 * validators share one validation support chain: HAPI's supports that need no database (built-in profiles, snapshot
 * generation, in-memory terminology, common code systems) in the order HAPI JPA's chain has them, composed by the
 * server's own code: {@link ValidationChainInstaller} puts the module's supports first, and the three packages come
 * last through the module's {@link IgPackageSupport}, as the auto-configuration adds it:
 * <ul>
 *   <li>{@code aiTrustProfileValidator}: what the module's write interceptor calls, {@link ProfileValidator} over the
 *       server's {@link ReusingInstanceValidator} (pooled core validators, from {@link InstanceValidatorReuseInstaller}),
 *       with the module's issue triage;</li>
 *   <li>{@code hapiFhirInstanceValidator}: the {@link FhirInstanceValidator} that one wraps (same settings and worker
 *       context, the module's UCUM-capable one), used plainly, which builds a new core validator for every
 *       resource.</li>
 * </ul>
 * Before the measurements it prints both validators' verdicts on each example and on a copy breaking one profile rule,
 * and whether the reused validator's messages equal HAPI's. Tables also go to {@code target/bench/validation-cost.*}
 * and JMH's own results to {@code target/bench/validation-cost-jmh.json}. It asserts nothing.
 *
 * <p>Run (see the README): {@code mvn -B -q package -pl bench -am -DskipTests -Pbench
 * -Dbench.main=org.aitrust.bench.ValidationCostBenchmark [-Dbench.args="<JMH options, e.g. -p resource=patient>"]}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class ValidationCostBenchmark {

	@Param({"patient", "vital-signs", "lab", "condition", "encounter"})
	public String resource;

	private Validators validators;
	private Resource parsed;

	@Setup(Level.Trial)
	public void setUp() {
		BenchReport.quietLogging();
		validators = Validators.build();
		parsed = UsCoreExamples.sample(resource).parse();
	}

	@Benchmark
	public ValidationVerdict aiTrustProfileValidator() {
		return validators.aiTrust().validate(parsed, validators.rule());
	}

	@Benchmark
	public ValidationResult hapiFhirInstanceValidator() {
		return validators.hapi().validateWithResult(parsed);
	}

	/**
	 * The validators under test over one chain: the module's (as its interceptor uses it), the module's reused core
	 * validator alone (its messages before triage, to compare with HAPI's), and HAPI's plain one.
	 */
	record Validators(ProfileValidator aiTrust, ValidationRule rule, FhirValidator reusedOnly, FhirValidator hapi) {

		static Validators build() {
			FhirContext fhir = UsCoreExamples.FHIR;
			IgPackageSupport packages = new IgPackageSupport(fhir);
			for (Path file : UsCoreExamples.packageFiles()) {
				try {
					packages.add(IgPackageLoader.read(Files.readAllBytes(file), file.toString(), NpmPackages.DEFAULT_LIMITS));
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}
			ValidationSupportChain chain = new ValidationSupportChain(
					new DefaultProfileValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir),
					new InMemoryTerminologyServerValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir));
			ValidationChainInstaller.installInto(chain);
			chain.addValidationSupport(packages);
			TerminologyCoverage coverage = new TerminologyCoverage(chain);
			// The module's defaults: unknown profiles and terminology the server cannot have are warnings.
			ValidationMessageTriage triage = new ValidationMessageTriage(
					IssueSeverity.WARNING, IssueSeverity.WARNING, coverage::isGap);
			ValidationPolicy policy = new ValidationPolicy(ValidationMode.ENFORCE, List.of(), IssueSeverity.ERROR);
			FhirInstanceValidator hapiValidator = new FhirInstanceValidator(chain);
			ReusingInstanceValidator reusing = InstanceValidatorReuseInstaller.reusing(hapiValidator);
			FhirValidator reusedOnly = fhir.newValidator();
			reusedOnly.registerValidatorModule(reusing);
			FhirValidator hapi = fhir.newValidator();
			hapi.registerValidatorModule(hapiValidator);
			return new Validators(new ProfileValidator(fhir, reusing, policy, triage), ValidationRule.fallback(ValidationMode.ENFORCE),
					reusedOnly, hapi);
		}
	}

	public static void main(String[] args) throws Exception {
		BenchReport.quietLogging();
		BenchReport report = new BenchReport("validation-cost", "Single-resource validation cost (JMH, sample time, one"
				+ " thread, after warm-up): official US Core 6.1.0 examples against their claimed profiles, FHIR AI Trust's"
				+ " ProfileValidator over ReusingInstanceValidator vs HAPI's plain FhirInstanceValidator over the same"
				+ " validation support chain (US Core 6.1.0, hl7.terminology.r4 7.0.1, hl7.fhir.uv.extensions.r4 5.2.0)");
		List<Sample> samples = UsCoreExamples.samples();
		verdicts(report, samples).print();

		Path out = Path.of(System.getProperty("bench.out", "target/bench"));
		Files.createDirectories(out);
		Options options = new OptionsBuilder()
				.parent(new CommandLineOptions(args))
				.include(ValidationCostBenchmark.class.getName() + "\\.")
				.resultFormat(ResultFormatType.JSON)
				.result(out.resolve("validation-cost-jmh.json").toString())
				.build();
		Collection<RunResult> results = new Runner(options).run();

		Map<String, Statistics[]> byResource = new LinkedHashMap<>();
		samples.forEach(s -> byResource.put(s.key(), new Statistics[2]));
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			Statistics[] pair = byResource.get(result.getParams().getParam("resource"));
			if (pair != null) {
				pair[benchmark.endsWith(".aiTrustProfileValidator") ? 0 : 1] = result.getPrimaryResult().getStatistics();
			}
		}
		BenchReport.Table table = report.table("Validation cost per resource, ms (speed-up: HAPI median / FHIR AI Trust median)",
				BenchReport.Column.text("resource"),
				new BenchReport.Column("AI Trust median", "%.2f"), new BenchReport.Column("AI Trust p95", "%.2f"),
				new BenchReport.Column("HAPI median", "%.2f"), new BenchReport.Column("HAPI p95", "%.2f"),
				new BenchReport.Column("speed-up", "%.2f"), BenchReport.Column.text("calls timed (AI Trust, HAPI)"));
		for (Sample sample : samples) {
			Statistics[] pair = byResource.get(sample.key());
			if (pair[0] == null && pair[1] == null) {
				continue;
			}
			table.row(sample.label(), percentile(pair[0], 50), percentile(pair[0], 95), percentile(pair[1], 50),
					percentile(pair[1], 95), pair[0] == null || pair[1] == null ? null : pair[1].getPercentile(50) / pair[0].getPercentile(50),
					(pair[0] == null ? "–" : pair[0].getN()) + ", " + (pair[1] == null ? "–" : pair[1].getN()));
		}
		table.print();
		report.write();
	}

	private static Double percentile(Statistics statistics, double percent) {
		return statistics == null ? null : statistics.getPercentile(percent);
	}

	/** Both validators on each example and its broken copy, validated once here (in the launching JVM). */
	private static BenchReport.Table verdicts(BenchReport report, List<Sample> samples) {
		Validators validators = Validators.build();
		BenchReport.Table table = report.table("Verdicts (HAPI: its errors and warnings; AI Trust: errors after triage;"
						+ " same messages: the reused core validator's messages equal HAPI's)",
				BenchReport.Column.text("resource"), BenchReport.Column.text("HAPI"), BenchReport.Column.text("AI Trust"),
				BenchReport.Column.text("same verdict"), BenchReport.Column.text("same messages"));
		for (Sample sample : samples) {
			for (Map.Entry<String, String> verdictCase : sample.verdictCases()) {
				Resource resource = (Resource) UsCoreExamples.FHIR.newJsonParser().parseResource(verdictCase.getValue());
				List<SingleValidationMessage> hapi = validators.hapi().validateWithResult(resource).getMessages();
				List<SingleValidationMessage> reused = validators.reusedOnly().validateWithResult(resource).getMessages();
				ValidationVerdict ours = validators.aiTrust().validate(resource, validators.rule());
				long hapiErrors = hapi.stream().filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR
						|| m.getSeverity() == ResultSeverityEnum.FATAL).count();
				long hapiWarnings = hapi.stream().filter(m -> m.getSeverity() == ResultSeverityEnum.WARNING).count();
				long ourErrors = ours.issues().stream().filter(i -> i.severity().isAtLeast(IssueSeverity.ERROR)).count();
				table.row(verdictCase.getKey(),
						(hapiErrors > 0 ? "rejects" : "accepts") + " (" + hapiErrors + " errors, " + hapiWarnings + " warnings)",
						(ours.failed() ? "rejects" : "accepts") + " (" + ourErrors + " errors)",
						ours.failed() == hapiErrors > 0 ? "yes" : "NO",
						signatures(hapi).equals(signatures(reused)) ? "yes" : "NO");
				if (ours.failed() != hapiErrors > 0) {
					table.note(verdictCase.getKey() + ": HAPI's first errors: " + String.join(" | ", hapi.stream()
							.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR).limit(2)
							.map(m -> m.getLocationString() + ": " + m.getMessage())
							.map(m -> m.length() > 240 ? m.substring(0, 240) + "…" : m).toList()));
				}
			}
		}
		return table;
	}

	private static List<String> signatures(List<SingleValidationMessage> messages) {
		return messages.stream()
				.map(m -> m.getSeverity() + "|" + m.getLocationString() + "|" + m.getMessageId() + "|" + m.getMessage())
				.sorted().toList();
	}
}
