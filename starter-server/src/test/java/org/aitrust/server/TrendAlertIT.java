package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aitrust.interceptor.quality.trend.QualityTrends;
import org.aitrust.interceptor.quality.trend.TrendRefresher;
import org.aitrust.interceptor.quality.trend.TrendReportParts;
import org.aitrust.testsupport.IsolatedDatabase;
import org.aitrust.testsupport.Promtool;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.yaml.snakeyaml.Yaml;

/**
 * The trend of a check per source, from writes over HTTP to a fired Prometheus alert. With the module's clock moved
 * ({@code aiTrustClock}), two sources write a baseline with 2 % of non-UCUM quantities; in the recent week a steady
 * source keeps 2 % and a drifting one rises to 10 %. At each of the test's clock points the trend gauge is refreshed
 * and {@code /actuator/prometheus} scraped; the scraped {@code aitrust_quality_check_trend} samples, as the module
 * printed them, become the input series of a promtool test of the shipped rule
 * ({@code ops/prometheus/aitrust-alerts.yml}), which must not fire while only the steady source writes and must fire
 * an hour after the drifting one got worse. {@code $data-quality} shows the same statuses per source.
 *
 * <p>600 arrivals (the fewest for which 2 % → 10 % is significant at 0.01: 200 baseline and 100 recent per source)
 * are written as 12 transactions of 50 Observations each, through the real API.
 */
@SpringBootTest(
		classes = {StarterServerApplication.class, TrendAlertIT.MovableClock.class},
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.quality.enabled=true",
			"aitrust.validation.enabled=false",
			// the test refreshes at its own clock points; the schedule only runs once at start-up
			"aitrust.quality.trend.refresh-interval=1h"
		})
@AutoConfigureObservability
@IsolatedDatabase
class TrendAlertIT {

	private static final String SOURCE_HEADER = "X-AI-Agent";
	private static final String UCUM_CHECK = "conformance-non-ucum-quantity";
	private static final String STEADY = "trend-steady-lab";
	private static final String DRIFTING = "trend-drifting-lab";
	private static final String ALERT = "AiTrustQualityCheckWorse";
	private static final Path RULES = Path.of("..", "ops", "prometheus", "aitrust-alerts.yml").toAbsolutePath().normalize();
	private static final Pattern TREND_SAMPLE = Pattern.compile("^(aitrust_quality_check_trend\\{[^}]*\\}) (\\S+)$",
			Pattern.MULTILINE);
	/** The test's clock points are this far apart. */
	private static final int STEP_MINUTES = 30;

	@TestConfiguration
	static class MovableClock {
		@Bean
		SettableClock aiTrustClock() {
			return new SettableClock(Instant.parse("2026-10-20T09:00:00Z"));
		}
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	SettableClock clock;

	@Autowired
	TrendRefresher refresher;

	/** The scraped trend samples, by series, one value per clock point in order. */
	private final Map<String, List<String>> series = new LinkedHashMap<>();
	private int points;

	@Test
	void aSourceWhoseNonUcumRateRisesIsWorseAndFiresTheShippedRuleAndASteadyOneNever() throws Exception {
		Promtool.require();
		IGenericClient client = TestGateway.client(port);
		// baseline, inside the 28 days before the recent week of 2026-11-10..16: 4 of 200 non-UCUM each
		clock.set("2026-10-20T09:00:00Z");
		write(client, STEADY, 200, 4);
		write(client, DRIFTING, 200, 4);

		// the recent week, 06:00 to 08:00: only the steady source writes, 2 of 100
		clock.set("2026-11-16T06:00:00Z");
		write(client, STEADY, 100, 2);
		for (int step = 0; step < 5; step++) {
			QualityTrends trends = scrapeAt(Instant.parse("2026-11-16T06:00:00Z").plusSeconds(step * STEP_MINUTES * 60L));
			assertThat(trends.bySource().get(UCUM_CHECK).get(STEADY).status().code()).isEqualTo("stable");
		}
		int steadyPoints = points;

		// from 08:30: the drifting source writes 10 of 100
		clock.set("2026-11-16T08:30:00Z");
		write(client, DRIFTING, 100, 10);
		for (int step = 0; step < 5; step++) {
			QualityTrends trends = scrapeAt(Instant.parse("2026-11-16T08:30:00Z").plusSeconds(step * STEP_MINUTES * 60L));
			assertThat(trends.bySource().get(UCUM_CHECK).get(DRIFTING).status().code()).isEqualTo("worse");
			assertThat(trends.bySource().get(UCUM_CHECK).get(STEADY).status().code()).isEqualTo("stable");
		}
		assertThat(series.get(sample("worse")))
				.as("the gauge as scraped: no source worse while only the steady one wrote, then one")
				.containsExactly("0", "0", "0", "0", "0", "1", "1", "1", "1", "1");

		// the report: per source the same statuses; all sources together only 2 % → 6 %, under the minimum effect
		MeasureReport report = dataQuality(client, null);
		MeasureReport.MeasureReportGroupComponent ucum = group(report);
		assertThat(TrendReportParts.status(ucum)).isEqualTo("stable");
		MeasureReport.MeasureReportGroupStratifierComponent bySource = ucum.getStratifier().stream()
				.filter(s -> TrendReportParts.BY_SOURCE.equals(s.getCodeFirstRep().getCodingFirstRep().getCode()))
				.findFirst().orElseThrow();
		Map<String, String> statuses = new LinkedHashMap<>();
		bySource.getStratum().forEach(stratum -> statuses.put(stratum.getValue().getText(), TrendReportParts.status(stratum)));
		assertThat(statuses).containsEntry(DRIFTING, "worse").containsEntry(STEADY, "stable");
		assertThat(TrendReportParts.status(group(dataQuality(client, DRIFTING)))).isEqualTo("worse");

		// the shipped rule over the scraped series: silent through the steady phase and the first hour, then firing
		int lastSteady = (steadyPoints - 1) * STEP_MINUTES;
		int firstWorse = steadyPoints * STEP_MINUTES;
		Path testFile = promtoolTest(List.of(0, lastSteady, firstWorse, firstWorse + 30),
				List.of(firstWorse + 60, (points - 1) * STEP_MINUTES));
		Promtool.Result result = Promtool.testRules(testFile);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS");
	}

	/** Moves the clock, refreshes the gauge as the schedule would, and scrapes the trend samples. */
	private QualityTrends scrapeAt(Instant instant) throws Exception {
		clock.set(instant.toString());
		QualityTrends trends = refresher.refresh();
		HttpResponse<String> scrape = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(scrape.statusCode()).isEqualTo(200);
		Matcher samples = TREND_SAMPLE.matcher(scrape.body());
		while (samples.find()) {
			List<String> values = series.computeIfAbsent(samples.group(1), name -> new ArrayList<>());
			assertThat(values).as("every series in every scrape").hasSize(points);
			values.add(String.valueOf(Math.round(Double.parseDouble(samples.group(2)))));
		}
		points++;
		assertThat(series).as("the check's worse series").containsKey(sample("worse"));
		return trends;
	}

	private static String sample(String status) {
		return "aitrust_quality_check_trend{check=\"" + UCUM_CHECK + "\",status=\"" + status + "\"}";
	}

	/**
	 * A promtool test file over the scraped series: no alert at the minutes in {@code silent}, the alert for the
	 * non-UCUM check at the minutes in {@code firing}, with the annotations the shipped rule renders.
	 */
	@SuppressWarnings("unchecked")
	private Path promtoolTest(List<Integer> silent, List<Integer> firing) throws Exception {
		Map<String, Object> rules = new Yaml().load(Files.readString(RULES));
		Map<String, Object> rule = ((List<Map<String, Object>>) ((List<Map<String, Object>>) rules.get("groups")).get(0)
				.get("rules")).stream().filter(r -> ALERT.equals(r.get("alert"))).findFirst().orElseThrow();
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("exp_labels", Map.of("check", UCUM_CHECK, "severity",
				((Map<String, String>) rule.get("labels")).get("severity")));
		Map<String, String> annotations = new LinkedHashMap<>();
		((Map<String, String>) rule.get("annotations")).forEach((name, template) ->
				annotations.put(name, template.replace("{{ $labels.check }}", UCUM_CHECK)));
		expected.put("exp_annotations", annotations);

		// Prometheus scrapes every minute or so and forgets a sample after 5 minutes: each scraped value is held, one
		// sample a minute, until the next clock point, as the gauge itself holds it between two refreshes
		List<Map<String, Object>> inputs = new ArrayList<>();
		series.forEach((name, values) -> inputs.add(Map.of("series", name, "values", String.join(" ",
				values.stream().map(value -> value + "x" + (STEP_MINUTES - 1)).toList()))));
		List<Map<String, Object>> checks = new ArrayList<>();
		silent.forEach(minute -> checks.add(Map.of("eval_time", minute + "m", "alertname", ALERT, "exp_alerts", List.of())));
		firing.forEach(minute -> checks.add(Map.of("eval_time", minute + "m", "alertname", ALERT,
				"exp_alerts", List.of(expected))));
		Map<String, Object> test = new LinkedHashMap<>();
		test.put("rule_files", List.of(RULES.toString()));
		test.put("evaluation_interval", "1m");
		test.put("tests", List.of(Map.of("interval", "1m", "input_series", inputs,
				"alert_rule_test", checks)));
		Path directory = Files.createDirectories(Path.of("target", "trend-alert"));
		Path file = directory.resolve("scraped-trend.test.yml");
		Files.writeString(file, new Yaml().dump(test));
		return file;
	}

	/** {@code count} Observations from a source in transactions of 50, the first {@code nonUcum} with a non-UCUM unit. */
	private void write(IGenericClient client, String source, int count, int nonUcum) {
		LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		for (int first = 0; first < count; first += 50) {
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (int i = first; i < Math.min(count, first + 50); i++) {
				Observation observation = new Observation();
				observation.setStatus(Observation.ObservationStatus.FINAL);
				// Mean blood pressure: a LOINC code neither the units-per-code table nor the vital-sign ranges list, so a
				// non-UCUM unit fails conformance-non-ucum-quantity alone (a heart rate in words would also fail
				// plausibility-unit-for-loinc-code, and its trend would fire the rule too).
				observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8478-0");
				observation.setEffective(new DateTimeType(day + "T00:30:00Z"));
				observation.setValue(i < nonUcum
						? new Quantity().setValue(90).setUnit("millimetres of mercury")
						: new Quantity().setValue(90).setUnit("mmHg").setSystem("http://unitsofmeasure.org").setCode("mm[Hg]"));
				transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation).getRequest()
						.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
			}
			client.transaction().withBundle(transaction).withAdditionalHeader(SOURCE_HEADER, source).execute();
		}
	}

	private static MeasureReport dataQuality(IGenericClient client, String source) {
		Parameters parameters = new Parameters();
		parameters.addParameter("check", new StringType(UCUM_CHECK));
		if (source != null) {
			parameters.addParameter("source", new StringType(source));
		}
		return client.operation().onServer().named("$data-quality").withParameters(parameters).useHttpGet()
				.returnResourceType(MeasureReport.class).execute();
	}

	private static MeasureReport.MeasureReportGroupComponent group(MeasureReport report) {
		return report.getGroup().stream().filter(g -> UCUM_CHECK.equals(g.getCode().getCodingFirstRep().getCode()))
				.findFirst().orElseThrow();
	}
}
