package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aitrust.testsupport.DatabaseIndependent;
import org.aitrust.testsupport.IsolatedDatabase;
import org.aitrust.testsupport.RequiresSharedCorpus;
import org.aitrust.testsupport.SharedCorpora;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * OHDSI DQD's own results viewer (2.8.4, from {@code ../shared/corpora/dqd-viewer}) renders our
 * {@code $data-quality?export=dqd} in headless Chromium: after real writes with known defects from one source, it
 * names the source, its overview table counts what {@code $data-quality} says (read report by report, type by type,
 * not from the export) and its results table lists exactly the failing checks, element paths and codes. Screenshot
 * under {@code target/dashboard/dqd-viewer.png} and {@code dqd-viewer-failing-rows.png}.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {"aitrust.quality.enabled=true", "aitrust.validation.enabled=false"})
@IsolatedDatabase
@DatabaseIndependent("the export renders $data-quality's reports, whose figures DataQualityIT checks on both databases")
@RequiresSharedCorpus("dqd-viewer")
class DqdViewerBrowserIT {

	private static final String SOURCE = "dqd-viewer-lab";
	private static final String STATUS = "http://fhir-aitrust.org/StructureDefinition/dq-status";
	private DashboardPage page;

	@LocalServerPort
	int port;

	@Test
	void theViewerShowsTheSourceTheOverviewOfDataQualityAndTheFailingRows() throws Exception {
		IGenericClient client = TestGateway.client(port);
		String patient = create(client, patient());
		create(client, heartRate(patient, 72, "/min"));
		create(client, heartRate(patient, 500, "/min"));
		Observation freeTextUnit = heartRate(patient, 80, null);
		freeTextUnit.setValue(new Quantity().setValue(80).setUnit("beats/min"));
		create(client, freeTextUnit);
		create(client, heartRate(patient, 64, "/min").setEffective(null));
		Condition local = new Condition();
		local.setSubject(new Reference(patient));
		local.setCode(new CodeableConcept(new Coding("http://example.org/local-problems", "P-17", null)));
		local.setClinicalStatus(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
		create(client, local);
		String today = LocalDate.now(ZoneOffset.UTC).toString();

		HttpResponse<String> export = HttpClient.newHttpClient().send(TestGateway.request(URI.create(
				"http://localhost:" + port + "/fhir/$data-quality?_format=json&export=dqd&start=" + today + "&end="
						+ today + "&source=" + SOURCE)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(export.statusCode()).isEqualTo(200);
		Expected expected = expectedFromDataQuality(client, today);
		assertThat(expected.failing).as("the defects written fail their checks").isNotEmpty();

		try (DashboardPage browser = DashboardPage.startBrowser();
				DqdViewerServer viewer = new DqdViewerServer(SharedCorpora.require("dqd-viewer"), export.body())) {
			page = browser;
			page.browser().get(viewer.pageUrl());
			new WebDriverWait(page.browser(), Duration.ofSeconds(60)).until(driver ->
					Boolean.TRUE.equals(page.browser().executeScript(
							"return typeof jQuery === 'function' && typeof loadResults === 'function'"
									+ " && typeof $.fn.DataTable === 'function'")));
			page.browser().executeAsyncScript("var done = arguments[arguments.length - 1];"
					+ " $.getJSON('results.json', function (results) { loadResults(results); done(); });");

			page.screenshot("dqd-viewer.png");
			assertThat(page.browser().findElement(org.openqa.selenium.By.tagName("cdm-source-name"))
					.getDomProperty("textContent")).as("the side bar, which shows it in capitals").isEqualTo(SOURCE);
			assertThat(page.browser().executeScript("return document.querySelector('dq-metadata-heading')"
					+ ".shadowRoot.querySelector('h1').textContent")).isEqualTo(SOURCE);
			Map<String, List<String>> overview = overviewTable();
			expected.byCategory.forEach((category, counts) -> assertThat(overview.get(category))
					.as(category + ": Verification pass, fail, total, then Total pass, fail, total")
					.containsExactly(counts[0] + "", counts[1] + "", counts[2] + "", counts[0] + "", counts[1] + "",
							counts[2] + ""));

			List<String> failingRows = failingRowsShown();
			page.browser().executeScript("document.getElementById('results').scrollIntoView();");
			page.screenshot("dqd-viewer-failing-rows.png");
			assertThat(failingRows).containsExactlyInAnyOrderElementsOf(expected.failing);
			assertThat(failingRows).contains("Observation | " + description(client, today, "Observation",
					"plausibility-vital-sign-out-of-range") + " (LOINC code http://loinc.org|8867-4)");
		}
	}

	/**
	 * What {@code $data-quality} says for the source, read as a quality analyst would: for each resource type that
	 * arrived, its report's judged checks that applied and their element or code strata, and the checks that applied
	 * to nothing at all; pass (passed, characterization, not applicable) and fail by Kahn category, and the failing
	 * ones as "type | description".
	 */
	private Expected expectedFromDataQuality(IGenericClient client, String day) {
		Expected expected = new Expected();
		MeasureReport all = DataQualityReports.report(client, "start", day, "end", day, "source", SOURCE);
		for (MeasureReport.MeasureReportGroupComponent group : all.getGroup()) {
			if (group.hasExtension(STATUS) && !applied(group)) {
				expected.count(category(group), group.getExtensionByUrl(STATUS).getValue().primitiveValue(), null);
			}
		}
		List<String> types = all.getGroup().stream()
				.filter(g -> g.getCode().getCodingFirstRep().getCode().equals("received"))
				.flatMap(g -> g.getStratifier().stream())
				.filter(s -> s.getCodeFirstRep().getCodingFirstRep().getCode().equals("resource-type"))
				.flatMap(s -> s.getStratum().stream()).map(s -> s.getValue().getText()).toList();
		assertThat(types).containsExactlyInAnyOrder("Patient", "Observation", "Condition");
		for (String type : types) {
			MeasureReport report = DataQualityReports.report(client, "start", day, "end", day, "source", SOURCE,
					"resourceType", type);
			for (MeasureReport.MeasureReportGroupComponent group : report.getGroup()) {
				if (!group.hasExtension(STATUS) || !applied(group)) {
					continue;
				}
				String description = group.getCode().getCodingFirstRep().getDisplay();
				expected.count(category(group), group.getExtensionByUrl(STATUS).getValue().primitiveValue(),
						type + " | " + description);
				for (MeasureReport.MeasureReportGroupStratifierComponent stratifier : group.getStratifier()) {
					String itemName = stratifier.getCodeFirstRep().getText();
					boolean makesRows = List.of("non-ucum-quantity-element", "vital-sign-out-of-range-code",
							"unknown-code-system", "missing-required-element")
							.contains(stratifier.getCodeFirstRep().getCodingFirstRep().getCode());
					for (MeasureReport.StratifierGroupComponent stratum : makesRows ? stratifier.getStratum()
							: List.<MeasureReport.StratifierGroupComponent>of()) {
						expected.count(category(group), stratum.getExtensionByUrl(STATUS).getValue().primitiveValue(),
								type + " | " + description + " (" + itemName + " " + stratum.getValue().getText() + ")");
					}
				}
			}
		}
		return expected;
	}

	/** Pass, fail and total by the viewer's categories and in total, from the viewer's shadow DOM. */
	@SuppressWarnings("unchecked")
	private Map<String, List<String>> overviewTable() {
		List<List<String>> rows = (List<List<String>>) page.browser().executeScript(
				"return Array.from(document.querySelector('dq-dashboard').shadowRoot.querySelectorAll('tbody tr'))"
						+ ".map(tr => Array.from(tr.querySelectorAll('td')).map(td => td.textContent.trim()));");
		Map<String, List<String>> table = new TreeMap<>();
		for (List<String> row : rows) {
			// label, Verification pass/fail/total/%, Validation pass/fail/total/%, Total pass/fail/total/%
			table.put(row.get(0), List.of(row.get(1), row.get(2), row.get(3), row.get(9), row.get(10), row.get(11)));
		}
		return table;
	}

	/** The rows the viewer's results table shows with status FAIL, as "table | description". */
	@SuppressWarnings("unchecked")
	private List<String> failingRowsShown() {
		page.browser().executeScript("var table = $('#dt-results').DataTable();"
				+ " table.column(1).search('^FAIL$', true, false); table.page.len(-1).draw();");
		List<List<String>> rows = (List<List<String>>) page.browser().executeScript(
				"return Array.from(document.querySelectorAll('#dt-results tbody tr'))"
						+ ".map(tr => Array.from(tr.querySelectorAll('td')).map(td => td.textContent.trim()));");
		List<String> shown = new ArrayList<>();
		for (List<String> row : rows) {
			// details, STATUS, TABLE, CATEGORY, SUBCATEGORY, LEVEL, NOTES, DESCRIPTION, % RECORDS
			assertThat(row.get(1)).isEqualTo("FAIL");
			shown.add(row.get(2) + " | " + row.get(7).replaceFirst(" \\(Threshold=[0-9.]+%\\)\\.$", ""));
		}
		return shown;
	}

	private static String description(IGenericClient client, String day, String type, String check) {
		return DataQualityReports.report(client, "start", day, "end", day, "source", SOURCE, "resourceType", type,
				"check", check).getGroupFirstRep().getCode().getCodingFirstRep().getDisplay();
	}

	private static String category(MeasureReport.MeasureReportGroupComponent group) {
		return group.getExtensionByUrl("http://fhir-aitrust.org/StructureDefinition/dq-kahn-category").getValue()
				.primitiveValue().split("/")[0];
	}

	/** Whether the check applied to any resource (its denominator is not 0). */
	private static boolean applied(MeasureReport.MeasureReportGroupComponent group) {
		return group.getPopulation().stream().anyMatch(p ->
				p.getCode().getCodingFirstRep().getCode().equals("denominator") && p.getCount() > 0);
	}

	/** Pass, fail and total rows by category and in total, and the failing rows. */
	private static final class Expected {

		final Map<String, long[]> byCategory = new TreeMap<>();
		final List<String> failing = new ArrayList<>();

		void count(String category, String status, String row) {
			boolean failed = status.equals("failed");
			for (String key : List.of(category, "Total")) {
				long[] counts = byCategory.computeIfAbsent(key, k -> new long[3]);
				counts[failed ? 1 : 0]++;
				counts[2]++;
			}
			if (failed) {
				failing.add(row);
			}
		}
	}

	private static String create(IGenericClient client, IBaseResource resource) {
		return client.create().resource(resource).withAdditionalHeader(DataQualityIT.SOURCE_HEADER, SOURCE).execute()
				.getId().toUnqualifiedVersionless().getValue();
	}

	private static Patient patient() {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:test:mrn").setValue("dqd-viewer");
		patient.addName().setFamily("Viewer");
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new DateType("1980-01-01"));
		return patient;
	}

	private static Observation heartRate(String subject, int value, String ucum) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		observation.setSubject(new Reference(subject));
		observation.setEffective(new DateTimeType("2026-11-01T10:00:00Z"));
		if (ucum != null) {
			observation.setValue(new Quantity().setValue(value).setUnit(ucum).setSystem("http://unitsofmeasure.org")
					.setCode(ucum));
		}
		return observation;
	}
}
