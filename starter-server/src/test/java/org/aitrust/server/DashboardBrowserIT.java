package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.server.demo.DemoLoader;
import org.aitrust.testsupport.DatabaseIndependent;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The quality dashboard in a real browser (the system's headless Chromium): after the demo data set is loaded, the
 * figures on the page are those {@code $data-quality} returns, a source filter changes them to that source's, an empty
 * period says what to do, and the browser logs no error. The headline shows red only for fatal and convention checks
 * that failed, characterization figures neutrally and what the server cannot check apart. Screenshots are saved
 * under {@code target/dashboard/}.
 * Skipped, with the reason, on a machine without Chromium; under CI (which installs it) a missing browser fails.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
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
			"aitrust.oversight.enabled=true",
			"aitrust.validation.enabled=true",
			"aitrust.validation.mode=SHADOW",
			"aitrust.validation.packages[0]=classpath:packages/aitrust.fixtures.hospital-0.1.0.tgz"
		})
@IsolatedDatabase
@DatabaseIndependent("the page reads $data-quality, whose figures DataQualityIT checks on both databases")
class DashboardBrowserIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
	private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
	/** The computed colour of {@code --fail} in dashboard.css. */
	private static final String FAIL_COLOR = "rgba(179, 38, 30, 1)";

	static ChromeDriver browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!present && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must run the browser test: install Debian's chromium and chromium-driver"
					+ " (.ci/run does)");
		}
		Assumptions.assumeTrue(present, "no browser here: " + CHROMIUM + " and " + CHROMEDRIVER
				+ " (Debian chromium, chromium-driver) are needed");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1440,3200");
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
				options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void thePageShowsWhatDataQualityReturnsFiltersByItAndLogsNoError() throws IOException {
		IGenericClient client = TestGateway.client(port);
		new DemoLoader(FhirContext.forR4(), "http://localhost:" + port + "/fhir", "", new StarterServerProperties.Demo(
				true, "target/no-synthea-here", 0), Clock.systemUTC(), () -> TestGateway.token(port)).load();
		writeCalibrationFixture(client);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String start = today.minusDays(13).toString();

		// the page holds no data: it sends the browser to the issuer's sign-in page, and comes back with a token
		browser.get("http://127.0.0.1:" + port + "/quality/");
		signIn(TestGateway.REVIEWER, TestGateway.reviewerPassword());
		awaitReady();
		assertThat(browser.getCurrentUrl()).as("the sign-in answer is taken off the address")
				.isEqualTo("http://127.0.0.1:" + port + "/quality/");
		MeasureReport all = DataQualityReports.report(client, "start", start, "end", today.toString());
		assertFiguresMatch(all);
		assertCheckSummaryMatches(all);
		screenshot("dashboard-check-classes.png");
		assertThat(figure("figure-received").getText()).isNotEqualTo("0");
		assertThat(rows("#checks tbody tr[data-check]")).isNotEmpty();
		assertThat(rows("#checks tbody tr[data-check]").get(0).findElement(By.cssSelector("td:last-child")).getText())
				.as("failing checks come first").isEqualTo("failed");
		assertThat(rows("#issues tbody tr")).extracting(WebElement::getText).anyMatch(text -> text.startsWith("error"));
		assertThat(rows("#sources tbody tr[data-source]")).extracting(row -> row.getAttribute("data-source"))
				.contains("demo-lab", "demo-scribe", "demo-registry");
		WebElement model = browser.findElement(By.cssSelector("#oversight .model[data-model='DemoScribe|2.0']"));
		assertThat(model.findElement(By.cssSelector("tr[data-rate='reviewed']")).getText())
				.as("12 of the 36 drafts are reviewed").contains("33.3% (12/36)");
		assertThat(model.findElements(By.cssSelector("tr[data-stratum]"))).extracting(WebElement::getText)
				.as("the demo's strata hold fewer than 11 reviews each").anyMatch(text -> text.contains("masked"));
		assertReliabilityDiagramOfTheFixture();
		screenshot("dashboard.png");

		new Select(browser.findElement(By.id("filter-source"))).selectByValue("demo-scribe");
		awaitReady();
		MeasureReport scribe = DataQualityReports.report(client, "start", start, "end", today.toString(), "source",
				"demo-scribe");
		assertFiguresMatch(scribe);
		assertThat(figure("figure-received").getAttribute("data-numerator"))
				.isNotEqualTo(String.valueOf(population(all, "received", "denominator")));
		assertThat(figure("figure-ai-share").getText()).as("every write of the AI agent is AI-written").isEqualTo("100.0%");
		screenshot("dashboard-demo-scribe.png");

		browser.executeScript("document.getElementById('filter-start').value = '2020-01-01';"
				+ "document.getElementById('filter-end').value = '2020-01-14';"
				+ "document.getElementById('filter-source').value = '';");
		browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
		awaitReady();
		assertThat(browser.findElement(By.id("message")).getText()).startsWith("No data yet for this selection");
		assertThat(figure("figure-received").getText()).isEqualTo("0");
		assertThat(browser.findElements(By.cssSelector("#oversight .model[data-model='DemoScribe|2.0'] tr[data-rate='reviewed']")))
				.extracting(WebElement::getText).allMatch(text -> text.contains("(0/0)"));

		List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
				.filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
				.toList();
		assertThat(errors).as("errors the browser logged").isEmpty();
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
		WebElement model = browser.findElement(By.cssSelector("#oversight .model[data-model='CalibScribe|1']"));
		screenshot(model.findElement(By.cssSelector(".reliability")), "reliability-diagram.png");
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
		assertThat(figure("figure-received").getAttribute("data-numerator")).isEqualTo(String.valueOf(received));
		assertThat(figure("figure-received").getText()).isEqualTo(String.format("%,d", received));
		assertShare("figure-validation-failing", report, "conformance-validation-errors");
		assertShare("figure-ai-share", report, "ai-labelled");
		assertShare("figure-ai-unreviewed", report, "ai-unreviewed");
	}

	/**
	 * The headline separates the three kinds of figure: the judged checks that failed (the only red in it), the
	 * characterization figures (counted, neutral) and what the server cannot check (listed apart) — each as the
	 * report's dq-status says. With default settings every failing check is fatal or convention.
	 */
	private void assertCheckSummaryMatches(MeasureReport report) {
		List<String> failed = idsWithStatus(report, "failed");
		assertThat(failed).as("failures come from judged checks only").allSatisfy(id ->
				assertThat(extension(group(report, id), "dq-check-class")).isIn("fatal", "convention"));
		assertThat(rows("#checks-failing li")).extracting(item -> item.getAttribute("data-check"))
				.containsExactlyInAnyOrderElementsOf(failed);
		assertThat(figure("figure-checks-failing").getAttribute("data-failing")).isEqualTo(String.valueOf(failed.size()));
		assertThat(rows("#checks-not-checkable li")).extracting(item -> item.getAttribute("data-check"))
				.containsExactlyInAnyOrderElementsOf(idsWithStatus(report, "not-checkable-here"));
		assertThat(figure("figure-characterization").getText())
				.isEqualTo(String.valueOf(idsWithStatus(report, "characterization").size()));

		assertThat(extension(group(report, "conformance-no-profile-claimed"), "dq-status"))
				.as("every arrival is measured for a profile claim: a characterization figure")
				.isEqualTo("characterization");
		WebElement noProfile = browser.findElement(
				By.cssSelector("#checks tr[data-check='conformance-no-profile-claimed'] td:last-child"));
		assertThat(noProfile.getText()).isEqualTo("characterization");
		assertThat(noProfile.getCssValue("color")).as("a characterization is never shown as a failure")
				.isNotEqualTo(FAIL_COLOR);

		@SuppressWarnings("unchecked")
		List<String> red = (List<String>) browser.executeScript(
				"return [...document.querySelectorAll('section[aria-labelledby=headline-title] *')]"
						+ ".filter(e => e.children.length === 0 && e.textContent.trim()"
						+ " && ['rgb(179, 38, 30)', 'rgba(179, 38, 30, 1)'].includes(getComputedStyle(e).color))"
						+ ".map(e => e.closest('#summary-failing') ? 'failing:' + e.textContent : 'elsewhere:' + e.textContent);");
		assertThat(red).as("red in the headline: only failing fatal and convention checks").allMatch(text ->
				text.startsWith("failing:"));
		if (!failed.isEmpty()) {
			assertThat(red).as("each failing check, and their count, is red").hasSize(failed.size() + 1);
		}
	}

	private static List<String> idsWithStatus(MeasureReport report, String status) {
		return report.getGroup().stream().filter(g -> status.equals(extension(g, "dq-status")))
				.map(g -> g.getCode().getCodingFirstRep().getCode()).toList();
	}

	private static MeasureReport.MeasureReportGroupComponent group(MeasureReport report, String id) {
		return report.getGroup().stream().filter(g -> id.equals(g.getCode().getCodingFirstRep().getCode()))
				.findFirst().orElseThrow();
	}

	private static String extension(MeasureReport.MeasureReportGroupComponent group, String name) {
		org.hl7.fhir.r4.model.Extension found =
				group.getExtensionByUrl("http://fhir-aitrust.org/StructureDefinition/" + name);
		return found == null ? null : found.getValue().primitiveValue();
	}

	private void assertShare(String id, MeasureReport report, String measure) {
		long numerator = population(report, measure, "numerator");
		long denominator = population(report, measure, "denominator");
		WebElement element = figure(id);
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

	private static WebElement figure(String id) {
		return browser.findElement(By.id(id));
	}

	private static List<WebElement> rows(String selector) {
		return browser.findElements(By.cssSelector(selector));
	}

	/** Signs in on the embedded issuer's sign-in page, where the dashboard sent the browser. */
	private static void signIn(String username, String password) {
		new WebDriverWait(browser, PAGE_TIMEOUT).until(driver -> driver.getCurrentUrl().contains("/login"));
		browser.findElement(By.name("username")).sendKeys(username);
		browser.findElement(By.name("password")).sendKeys(password);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(browser, PAGE_TIMEOUT).until(driver -> driver.getCurrentUrl().contains("/quality/"));
	}

	private static void awaitReady() {
		new WebDriverWait(browser, PAGE_TIMEOUT).until(driver -> {
			String state = browser.findElement(By.tagName("body")).getAttribute("data-state");
			if ("error".equals(state)) {
				throw new AssertionError("the page reports: " + browser.findElement(By.id("message")).getText());
			}
			return "ready".equals(state);
		});
	}

	private static void screenshot(String name) throws IOException {
		screenshot(browser, name);
	}

	private static void screenshot(TakesScreenshot target, String name) throws IOException {
		File shot = target.getScreenshotAs(OutputType.FILE);
		Path folder = Path.of("target", "dashboard");
		Files.createDirectories(folder);
		Files.copy(shot.toPath(), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}
}
