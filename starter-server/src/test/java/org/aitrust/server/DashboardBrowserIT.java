package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.aitrust.interceptor.quality.trend.TrendReportParts;
import org.aitrust.interceptor.quality.trend.TrendStatus;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.interceptor.oversight.OversightReportBuilder;
import org.aitrust.interceptor.quality.check.UcumUnitCheck;
import org.aitrust.server.demo.DemoClock;
import org.aitrust.server.demo.DemoLoader;
import org.aitrust.testsupport.DatabaseIndependent;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The quality dashboard in a real browser (the system's headless Chromium): after the demo data set is loaded, the
 * figures on the page are those {@code $data-quality} returns, a source filter changes them to that source's, an empty
 * period says what to do, and the browser logs no error. The headline shows red only for fatal and convention checks
 * that failed, characterization figures neutrally and what the server cannot check apart. Screenshots are saved
 * under {@code target/dashboard/}.
 * Skipped, with the reason, on a machine without Chromium; under CI (which installs it) a missing browser fails.
 */
@SpringBootTest(
		classes = {StarterServerApplication.class, DashboardBrowserIT.DemoModuleClock.class},
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.quality.enabled=true",
			"aitrust.provenance.enabled=true",
			"aitrust.provenance.agents[0].id=demo-scribe",
			"aitrust.provenance.agents[0].model-name=DemoScribe",
			"aitrust.provenance.agents[0].model-version=2.0",
			"aitrust.provenance.agents[0].manufacturer=FHIR AI Trust demo",
			"aitrust.provenance.agents[1].id=calib-scribe",
			"aitrust.provenance.agents[1].model-name=CalibScribe",
			"aitrust.provenance.agents[1].model-version=1",
			"aitrust.provenance.agents[1].manufacturer=FHIR AI Trust demo",
			"aitrust.provenance.agents[2].id=demo-triage",
			"aitrust.provenance.agents[2].model-name=DemoTriage",
			"aitrust.provenance.agents[2].model-version=1.3",
			"aitrust.provenance.agents[2].manufacturer=FHIR AI Trust demo",
			"aitrust.oversight.enabled=true",
			"aitrust.validation.enabled=true",
			"aitrust.validation.mode=SHADOW",
			"aitrust.validation.packages[0]=classpath:packages/aitrust.fixtures.hospital-0.1.0.tgz"
		})
@IsolatedDatabase
@DatabaseIndependent("the page reads $data-quality, whose figures DataQualityIT checks on both databases")
class DashboardBrowserIT {

	static final String TRIAGE_MODEL = "DemoTriage|1.3";

	/** The module's clock the demo profile gives the server, which the loader moves while it writes the history. */
	@TestConfiguration
	static class DemoModuleClock {
		@Bean
		DemoClock aiTrustClock() {
			return new DemoClock();
		}
	}

	static DashboardPage page;

	@LocalServerPort
	int port;

	@Autowired
	DemoClock clock;

	@BeforeAll
	static void startBrowser() {
		page = DashboardPage.startBrowser();
	}

	@AfterAll
	static void stopBrowser() {
		if (page != null) {
			page.close();
		}
	}

	@Test
	void thePageShowsWhatDataQualityReturnsFiltersByItAndLogsNoError() throws IOException {
		IGenericClient client = TestGateway.client(port);
		long loading = System.nanoTime();
		new DemoLoader(FhirContext.forR4(), "http://localhost:" + port + "/fhir", "", new StarterServerProperties.Demo(
				true, "target/no-synthea-here", 0, 8), clock, () -> TestGateway.token(port)).load();
		System.out.printf("demo load with eight weeks of history: %.1f s%n", (System.nanoTime() - loading) / 1e9);
		writeCalibrationFixture(client);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		assertEightWeeksOfHistory(client, today);
		String start = today.minusDays(13).toString();

		// the page holds no data: it sends the browser to the issuer's sign-in page, and comes back with a token
		page.signInAt(port, TestGateway.REVIEWER, TestGateway.reviewerPassword());
		assertThat(page.browser().getCurrentUrl()).as("the sign-in answer is taken off the address")
				.isEqualTo("http://127.0.0.1:" + port + "/quality/");
		MeasureReport all = DataQualityReports.report(client, "start", start, "end", today.toString());
		assertFiguresMatch(all);
		assertCheckSummaryMatches(all);
		assertTrendsMatch(all);
		page.screenshot("dashboard-check-classes.png");
		assertThat(page.figure("figure-received").getText()).isNotEqualTo("0");
		assertThat(page.rows("#checks tbody tr[data-check]")).isNotEmpty();
		assertThat(page.rows("#checks tbody tr[data-check]").get(0).findElement(By.cssSelector("td:last-child")).getText())
				.as("failing checks come first").isEqualTo("failed");
		assertThat(page.rows("#issues tbody tr")).extracting(WebElement::getText).anyMatch(text -> text.startsWith("error"));
		assertThat(page.rows("#sources tbody tr[data-source]")).extracting(row -> row.getAttribute("data-source"))
				.contains("demo-lab", "demo-scribe", "demo-registry");
		WebElement model = page.browser().findElement(By.cssSelector("#oversight .model[data-model='DemoScribe|2.0']"));
		assertThat(model.findElement(By.cssSelector("tr[data-rate='reviewed']")).getText())
				.as("12 of the 36 drafts are reviewed").contains("33.3% (12/36)");
		assertThat(model.findElements(By.cssSelector("tr[data-stratum]"))).extracting(WebElement::getText)
				.as("the demo's strata hold fewer than 11 reviews each").anyMatch(text -> text.contains("masked"));
		assertReliabilityDiagramOfTheFixture();
		page.screenshot("dashboard.png");

		page.showSource("demo-scribe");
		MeasureReport scribe = DataQualityReports.report(client, "start", start, "end", today.toString(), "source",
				"demo-scribe");
		assertFiguresMatch(scribe);
		assertThat(page.figure("figure-received").getAttribute("data-numerator"))
				.isNotEqualTo(String.valueOf(population(all, "received", "denominator")));
		assertThat(page.figure("figure-ai-share").getText()).as("every write of the AI agent is AI-written").isEqualTo("100.0%");
		page.screenshot("dashboard-demo-scribe.png");

		page.browser().executeScript("document.getElementById('filter-start').value = '2020-01-01';"
				+ "document.getElementById('filter-end').value = '2020-01-14';"
				+ "document.getElementById('filter-source').value = '';");
		page.browser().findElement(By.cssSelector("#filters button[type=submit]")).click();
		page.awaitReady();
		assertThat(page.browser().findElement(By.id("message")).getText()).startsWith("No data yet for this selection");
		assertThat(page.figure("figure-received").getText()).isEqualTo("0");
		assertThat(page.browser().findElements(By.cssSelector("#oversight .model[data-model='DemoScribe|2.0'] tr[data-rate='reviewed']")))
				.extracting(WebElement::getText).allMatch(text -> text.contains("(0/0)"));

		List<LogEntry> errors = page.browser().manage().logs().get(LogType.BROWSER).getAll().stream()
				.filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
				.toList();
		assertThat(errors).as("errors the browser logged").isEmpty();
	}

	/**
	 * The demo's history: each of the eight weeks before today has the lab's arrivals, whose non-UCUM share rises from
	 * week six on, and the triage assistant's corrections, which rise over the last two weeks, are flagged as drift
	 * in the period the dashboard opens on (the last 14 days, against the four weeks before).
	 */
	private static void assertEightWeeksOfHistory(IGenericClient client, LocalDate today) {
		List<Double> nonUcumByWeek = new java.util.ArrayList<>();
		for (int week = 1; week <= 8; week++) {
			LocalDate start = today.minusDays(56 - 7L * (week - 1));
			MeasureReport lab = DataQualityReports.report(client, "start", start.toString(), "end",
					start.plusDays(6).toString(), "source", "demo-lab", "check", UcumUnitCheck.ID);
			long[] counts = DataQualityReports.counts(lab).get(UcumUnitCheck.ID);
			assertThat(counts[0]).as("the lab's results measured in week " + week).isEqualTo(28);
			nonUcumByWeek.add((double) counts[1] / counts[0]);
		}
		assertThat(nonUcumByWeek.subList(0, 5)).as("non-UCUM share of the lab, weeks 1-5").allMatch(rate -> rate < 0.15);
		assertThat(nonUcumByWeek.subList(5, 8)).as("non-UCUM share of the lab, weeks 6-8").allMatch(rate -> rate >= 0.5);

		Parameters parameters = new Parameters();
		parameters.addParameter("model", new StringType(TRIAGE_MODEL));
		parameters.addParameter("start", new DateType(today.minusDays(13).toString()));
		parameters.addParameter("end", new DateType(today.toString()));
		Bundle reports = client.operation().onServer().named("$ai-oversight").withParameters(parameters).useHttpGet()
				.returnResourceType(Bundle.class).execute();
		MeasureReport triage = (MeasureReport) reports.getEntryFirstRep().getResource();
		MeasureReport.MeasureReportGroupComponent corrected = triage.getGroup().stream()
				.filter(g -> "review-corrected".equals(g.getCode().getCodingFirstRep().getCode())).findFirst().orElseThrow();
		assertThat(corrected.getExtensionByUrl(OversightReportBuilder.EXTENSION_STATUS).getValue().primitiveValue())
				.as("the triage assistant's corrections drifted").isEqualTo("drifted");
		double baseline = Double.parseDouble(corrected.getExtensionByUrl(OversightReportBuilder.EXTENSION_BASELINE_NUMERATOR)
				.getValue().primitiveValue()) / Double.parseDouble(corrected.getExtensionByUrl(
						OversightReportBuilder.EXTENSION_BASELINE_DENOMINATOR).getValue().primitiveValue());
		assertThat(corrected.getMeasureScore().getValue().doubleValue() / 100).as("recent share corrected against the"
				+ " baseline's " + baseline).isGreaterThan(3 * baseline);
	}

	/**
	 * Ten AI writes of CalibScribe stating their confidence, eight of them reviewed: the fixture whose bins and
	 * expected calibration error ConfidenceCalibrationIT computes by hand (ECE 0.22625).
	 */
	private static void writeCalibrationFixture(IGenericClient client) {
		String reviewer = client.create().resource(AiWrites.practitioner()).execute().getId().toUnqualifiedVersionless()
				.getValue();
		String[][] fixture = {{"0.95", "verified"}, {"0.95", "verified"}, {"0.90", "verified"}, {"1.00", "corrected"},
			{"0.70", "verified"}, {"0.74", "verified"}, {"0.20", "rejected"}, {"0.25", "corrected"}, {"0.5", null}};
		for (String[] write : fixture) {
			Observation observation = AiWrites.observation("calibration fixture");
			observation.addExtension(AiTransparency.EXTENSION_AI_CONFIDENCE, new DecimalType(write[0]));
			String id = client.create().resource(observation).withAdditionalHeader("X-AI-Agent", "calib-scribe").execute()
					.getId().toUnqualifiedVersionless().getValue();
			if (write[1] != null) {
				client.operation().onInstance(new IdType(id)).named("$ai-review")
						.withParameter(Parameters.class, "reviewer", new Reference(reviewer))
						.andParameter("outcome", new CodeType(write[1])).execute();
			}
		}
	}

	/** CalibScribe's reliability diagram: the fixture's bins, each bin's mean confidence and accuracy, and its ECE. */
	private static void assertReliabilityDiagramOfTheFixture() throws IOException {
		WebElement model = page.browser().findElement(By.cssSelector("#oversight .model[data-model='CalibScribe|1']"));
		DashboardPage.screenshot(model.findElement(By.cssSelector(".reliability")), "reliability-diagram.png");
		assertThat(model.findElement(By.cssSelector(".reliability .ece")).getAttribute("data-ece")).isEqualTo("0.22625");
		assertThat(model.findElements(By.cssSelector(".reliability .reliability-chart canvas"))).isNotEmpty();
		List<String> bins = model.findElements(By.cssSelector(".reliability tr[data-bin]")).stream()
				.map(row -> String.join(" | ", row.findElements(By.tagName("td")).stream().limit(6)
						.map(WebElement::getText).toList()))
				.toList();
		// confidence | written | reviewed | verified | mean confidence | accuracy
		assertThat(bins).containsExactly(
				"0.0-0.1 | 0 | 0 | 0 | – | –", "0.1-0.2 | 0 | 0 | 0 | – | –", "0.2-0.3 | 2 | 2 | 0 | 0.225 | 0.0%",
				"0.3-0.4 | 0 | 0 | 0 | – | –", "0.4-0.5 | 0 | 0 | 0 | – | –", "0.5-0.6 | 1 | 0 | 0 | – | –",
				"0.6-0.7 | 0 | 0 | 0 | – | –", "0.7-0.8 | 2 | 2 | 2 | 0.720 | 100.0%", "0.8-0.9 | 0 | 0 | 0 | – | –",
				"0.9-1.0 | 4 | 4 | 3 | 0.950 | 75.0%");
		assertThat(model.findElements(By.cssSelector("tr[data-rate]"))).extracting(row -> row.getAttribute("data-rate"))
				.as("the confidence groups have their own table, not rows of the rates table")
				.doesNotContain("confidence", "calibration");
	}

	private void assertFiguresMatch(MeasureReport report) {
		long received = population(report, "received", "denominator");
		assertThat(page.figure("figure-received").getAttribute("data-numerator")).isEqualTo(String.valueOf(received));
		assertThat(page.figure("figure-received").getText()).isEqualTo(String.format("%,d", received));
		assertShare("figure-validation-failing", report, "conformance-validation-errors");
		assertShare("figure-ai-share", report, "ai-labelled");
		assertShare("figure-ai-unreviewed", report, "ai-unreviewed");
	}

	/** The headline as the report says (see {@link DashboardPage#assertHeadlineMatches}), and one characterization. */
	private void assertCheckSummaryMatches(MeasureReport report) {
		page.assertHeadlineMatches(report);
		assertThat(DashboardPage.extension(DashboardPage.group(report, "conformance-no-profile-claimed"), "dq-status"))
				.as("every arrival is measured for a profile claim: a characterization figure")
				.isEqualTo("characterization");
		WebElement noProfile = page.browser().findElement(
				By.cssSelector("#checks tr[data-check='conformance-no-profile-claimed'] td:last-child"));
		assertThat(noProfile.getText()).isEqualTo("characterization");
		assertThat(noProfile.getCssValue("color")).as("a characterization is never shown as a failure")
				.isNotEqualTo(DashboardPage.FAIL_COLOR);
	}

	/**
	 * Each check's trend column shows the report's dq-trend status ("–" for a measure without one), and each source's
	 * "Worse lately" the checks its trend-by-source stratum calls worse, in the report's order ("none" without one).
	 * The demo's eight weeks of history give the lab source worse trends; TrendAlertIT covers how a trend turns worse.
	 */
	private static void assertTrendsMatch(MeasureReport report) {
		List<WebElement> rows = page.rows("#checks tbody tr[data-check]");
		for (WebElement row : rows) {
			String check = row.getAttribute("data-check");
			String expected = TrendReportParts.status(DashboardPage.group(report, check));
			assertThat(row.findElement(By.cssSelector("td:nth-child(8)")).getText()).as(check)
					.isEqualTo(expected == null ? "–" : expected);
		}
		assertThat(rows).extracting(row -> row.findElement(By.cssSelector("td:nth-child(8)")).getText())
				.contains(TrendStatus.NO_BASELINE.code());
		for (WebElement row : page.rows("#sources tbody tr[data-source]")) {
			String source = row.getAttribute("data-source");
			List<String> worse = new java.util.ArrayList<>();
			for (MeasureReport.MeasureReportGroupComponent group : report.getGroup()) {
				group.getStratifier().stream()
						.filter(stratifier -> TrendReportParts.BY_SOURCE.equals(stratifier.getCodeFirstRep().getCodingFirstRep().getCode()))
						.flatMap(stratifier -> stratifier.getStratum().stream())
						.filter(stratum -> source.equals(stratum.getValue().getText())
								&& TrendStatus.WORSE.code().equals(TrendReportParts.status(stratum)))
						.findFirst()
						.ifPresent(stratum -> worse.add(group.getCode().getCodingFirstRep().getCode()));
			}
			assertThat(row.findElement(By.cssSelector("td:last-child")).getText()).as(source)
					.isEqualTo(worse.isEmpty() ? "none" : String.join(", ", worse));
		}
	}

	private void assertShare(String id, MeasureReport report, String measure) {
		long numerator = population(report, measure, "numerator");
		long denominator = population(report, measure, "denominator");
		WebElement element = page.figure(id);
		assertThat(element.getAttribute("data-numerator")).as(id + " numerator").isEqualTo(String.valueOf(numerator));
		assertThat(element.getAttribute("data-denominator")).as(id + " denominator").isEqualTo(String.valueOf(denominator));
		if (denominator > 0) {
			double shown = Double.parseDouble(element.getText().replace("%", ""));
			assertThat(shown).as(id).isCloseTo(100.0 * numerator / denominator, org.assertj.core.data.Offset.offset(0.051));
		} else {
			assertThat(element.getText()).isEqualTo("–");
		}
	}

	private static long population(MeasureReport report, String measure, String population) {
		return report.getGroup().stream()
				.filter(g -> measure.equals(g.getCode().getCodingFirstRep().getCode()))
				.flatMap(g -> g.getPopulation().stream())
				.filter(p -> population.equals(p.getCode().getCodingFirstRep().getCode()))
				.mapToLong(MeasureReport.MeasureReportGroupPopulationComponent::getCount)
				.findFirst().orElseThrow();
	}
}
