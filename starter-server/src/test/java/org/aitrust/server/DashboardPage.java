package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The quality dashboard in the system's headless Chromium, as a reviewer sees it: signed in through the embedded
 * issuer, waiting for the page to say it is ready, reading its figures and headline. Screenshots go to
 * {@code target/dashboard/}. On a machine without Chromium the calling test is skipped with the reason; under CI
 * (which installs it) a missing browser fails.
 */
final class DashboardPage implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
	private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
	/** The computed colour of {@code --fail} in dashboard.css, as Chromium reports it. */
	static final String FAIL_COLOR = "rgba(179, 38, 30, 1)";
	private static final String EXTENSIONS = "http://fhir-aitrust.org/StructureDefinition/";

	private final ChromeDriver browser;

	private DashboardPage(ChromeDriver browser) {
		this.browser = browser;
	}

	/** A new headless browser (no page open yet). */
	static DashboardPage startBrowser() {
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
		return new DashboardPage(new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options));
	}

	ChromeDriver browser() {
		return browser;
	}

	/**
	 * Opens the dashboard of the server at this port: the page holds no data, so it sends the browser to the issuer's
	 * sign-in page; signs in as this user and waits until the page is ready.
	 */
	void signInAt(int port, String username, String password) {
		browser.get("http://127.0.0.1:" + port + "/quality/");
		new WebDriverWait(browser, PAGE_TIMEOUT).until(driver -> driver.getCurrentUrl().contains("/login"));
		browser.findElement(By.name("username")).sendKeys(username);
		browser.findElement(By.name("password")).sendKeys(password);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(browser, PAGE_TIMEOUT).until(driver -> driver.getCurrentUrl().contains("/quality/"));
		awaitReady();
	}

	/** Waits until the page says it is ready; fails with the page's message when it reports an error. */
	void awaitReady() {
		new WebDriverWait(browser, PAGE_TIMEOUT).until(driver -> {
			String state = browser.findElement(By.tagName("body")).getAttribute("data-state");
			if ("error".equals(state)) {
				throw new AssertionError("the page reports: " + browser.findElement(By.id("message")).getText());
			}
			return "ready".equals(state);
		});
	}

	/** Shows one source only, as a quality analyst picks it in the filter. */
	void showSource(String source) {
		new Select(browser.findElement(By.id("filter-source"))).selectByValue(source);
		awaitReady();
	}

	WebElement figure(String id) {
		return browser.findElement(By.id(id));
	}

	List<WebElement> rows(String selector) {
		return browser.findElements(By.cssSelector(selector));
	}

	void screenshot(String name) throws IOException {
		screenshot(browser, name);
	}

	static void screenshot(TakesScreenshot target, String name) throws IOException {
		File shot = target.getScreenshotAs(OutputType.FILE);
		Path folder = Path.of("target", "dashboard");
		Files.createDirectories(folder);
		Files.copy(shot.toPath(), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * The headline separates the three kinds of figure as the report's dq-status says: the judged checks that failed
	 * (the only red in it, each fatal or convention), the characterization figures (counted, neutral) and what the
	 * server cannot check (listed apart).
	 */
	void assertHeadlineMatches(MeasureReport report) {
		List<String> failed = checksWithStatus(report, "failed");
		assertThat(failed).as("failures come from judged checks only").allSatisfy(id ->
				assertThat(extension(group(report, id), "dq-check-class")).isIn("fatal", "convention"));
		assertThat(rows("#checks-failing li")).extracting(item -> item.getAttribute("data-check"))
				.containsExactlyInAnyOrderElementsOf(failed);
		assertThat(figure("figure-checks-failing").getAttribute("data-failing")).isEqualTo(String.valueOf(failed.size()));
		assertThat(rows("#checks-not-checkable li")).extracting(item -> item.getAttribute("data-check"))
				.containsExactlyInAnyOrderElementsOf(checksWithStatus(report, "not-checkable-here"));
		assertThat(figure("figure-characterization").getText())
				.isEqualTo(String.valueOf(checksWithStatus(report, "characterization").size()));

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

	/** The ids of the report's checks with this dq-status. */
	static List<String> checksWithStatus(MeasureReport report, String status) {
		return report.getGroup().stream().filter(g -> status.equals(extension(g, "dq-status")))
				.map(g -> g.getCode().getCodingFirstRep().getCode()).toList();
	}

	static MeasureReport.MeasureReportGroupComponent group(MeasureReport report, String id) {
		return report.getGroup().stream().filter(g -> id.equals(g.getCode().getCodingFirstRep().getCode()))
				.findFirst().orElseThrow();
	}

	/** The value of one of the module's extensions on a report group ({@code dq-status}, {@code dq-check-class}). */
	static String extension(MeasureReport.MeasureReportGroupComponent group, String name) {
		Extension found = group.getExtensionByUrl(EXTENSIONS + name);
		return found == null ? null : found.getValue().primitiveValue();
	}

	@Override
	public void close() {
		browser.quit();
	}
}
