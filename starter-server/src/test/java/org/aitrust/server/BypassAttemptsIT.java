package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.aitrust.interceptor.core.UtcDays;
import org.aitrust.interceptor.oversight.OversightReportBuilder;
import org.aitrust.interceptor.store.PatientStrata;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each way a client could get round the module's records, played as a client would over HTTP against the starter
 * server with provenance, data quality and oversight on: the status and OperationOutcome it gets, and from the
 * database that nothing was half-written (no AI-labelled version without its AI-Provenance, no review counted twice, no
 * package loaded, no stratum recoverable). The class prints a table of attempt, status and resource versions written,
 * like {@code BadInputIT}. It runs on H2 and, in the PostgreSQL pass, on PostgreSQL.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.provenance.enabled=true",
			"aitrust.quality.enabled=true",
			"aitrust.oversight.enabled=true",
			"aitrust.provenance.agents[0].id=" + BypassAttemptsIT.AI_AGENT,
			"aitrust.provenance.agents[0].model-name=BypassScribe",
			"aitrust.provenance.agents[0].model-version=1.0",
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs"
		})
@IsolatedDatabase
class BypassAttemptsIT {

	/** A registered AI agent; the test gateway speaks for it with the agent header. */
	static final String AI_AGENT = "bypass-scribe";
	static final String AGENT_HEADER = "X-AI-Agent";
	static final String FHIR_JSON = "application/fhir+json";

	private static final FhirContext FHIR = FhirTestClients.fhirContext();
	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	/** attempt, status, resource versions written: one row an attempt, printed after the class. */
	private static final List<String[]> TABLE = Collections.synchronizedList(new ArrayList<>());

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

	@AfterAll
	static void printTable() {
		StringBuilder table = new StringBuilder(String.format("%n[bypass] %-80s %6s %8s%n", "attempt", "status", "written"));
		synchronized (TABLE) {
			TABLE.forEach(row -> table.append(String.format("[bypass] %-80s %6s %8s%n", (Object[]) row)));
		}
		System.out.print(table);
	}

	// Each part of the class below has its own section; tests and helpers that only one part needs stay in it.

	// ==== meta operations: $meta-add and $meta-delete of AIAST

	// ==== deletes of AI-written resources

	// ==== the review worklist: $ai-unreviewed and $data-quality's ai-unreviewed

	// ==== IG packages: $aitrust-install-package

	// ==== small-cell suppression in $ai-oversight

	/** The model of {@link #AI_AGENT}, as $ai-oversight names it. */
	static final String SUPPRESSION_MODEL = "BypassScribe|1.0";

	@Test
	void onePatientWithElevenAiWritesIsMaskedInTheStrata() throws Exception {
		String patient = suppressionPatient("1931-05-01", "other");
		String reviewer = created(send("POST", "Practitioner", FHIR_JSON,
				json(new Practitioner().addName(new HumanName().setFamily("Suppression")))));
		for (int i = 0; i < 11; i++) {
			String write = created(sendAsAi("POST", "Observation", json(suppressionVital(patient, 60 + i))));
			Parameters review = new Parameters();
			review.addParameter().setName("reviewer").setValue(new Reference(reviewer));
			review.addParameter().setName("outcome").setValue(new CodeType("verified"));
			assertThat(send("POST", write + "/$ai-review", FHIR_JSON, json(review)).statusCode()).isEqualTo(200);
		}
		LocalDate monday = UtcDays.of(java.time.Instant.now()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

		HttpResponse<String> response = attempt("$ai-oversight: one patient's 11 reviewed AI writes in a stratum",
				() -> send("GET", "$ai-oversight?model=" + SUPPRESSION_MODEL.replace("|", "%7C") + "&start=" + monday
						+ "&end=" + monday, null, null, "Accept", FHIR_JSON));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		MeasureReport report = (MeasureReport) ((Bundle) parse(response)).getEntryFirstRep().getResource();
		List<Long> keyed = jdbc().query("SELECT COUNT(*), COUNT(DISTINCT PATIENT_KEY) FROM AITRUST_QUALITY_REVIEW"
				+ " WHERE PATIENT_KEY = ?", (rs, row) -> List.of(rs.getLong(1), rs.getLong(2)),
				PatientStrata.keyOf(patient)).get(0);
		assertThat(keyed).as("11 reviews kept under one pseudonymous key").containsExactly(11L, 1L);
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM AITRUST_QUALITY_REVIEW WHERE PATIENT_KEY LIKE ?",
				Long.class, "%" + new IdType(patient).getIdPart() + "%")).as("no patient id in clear").isZero();
		for (String dimension : List.of("age-band", "gender")) {
			String value = dimension.equals("age-band") ? "65+" : "other";
			for (MeasureReport.MeasureReportGroupStratifierComponent stratifier :
					suppressionStratifiers(report, "review-corrected", dimension)) {
				stratifier.getStratum().stream().filter(stratum -> value.equals(stratum.getValue().getText()))
						.forEach(stratum -> assertThat(stratum.getPopulation()).as(dimension + " " + value
								+ ": 11 reviews but one patient").allSatisfy(population -> assertThat(
								population.getCountElement().getExtensionByUrl(OversightReportBuilder.DATA_ABSENT_REASON))
								.isNotNull()));
			}
		}
		assertMaskedCellsAddUpToTheThreshold(report);
	}

	@Test
	void twoQueriesWhoseEndDiffersByADayDoNotRevealThatDaysCount() throws Exception {
		String patient = suppressionPatient("2015-03-01", "female");
		for (int i = 0; i < 3; i++) {
			created(sendAsAi("POST", "Observation", json(suppressionVital(patient, 70 + i))));
		}
		LocalDate monday = UtcDays.of(java.time.Instant.now()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

		MeasureReport untilToday = suppressionReport("$ai-oversight: start Monday, end Wednesday", monday,
				monday.plusDays(2));
		MeasureReport untilYesterday = suppressionReport("$ai-oversight: start Monday, end Tuesday", monday,
				monday.plusDays(1));
		MeasureReport weekBefore = suppressionReport("$ai-oversight: the week before, ending the Sunday before",
				monday.minusDays(7), monday.minusDays(1));
		MeasureReport twoWeeks = suppressionReport("$ai-oversight: the week before and this week, ending Monday",
				monday.minusDays(7), monday);

		assertThat(untilToday.getPeriod().getStartElement().getValueAsString()).startsWith(monday.toString());
		assertThat(untilToday.getPeriod().getEndElement().getValueAsString()).startsWith(monday.plusDays(6).toString());
		assertThat(groups(untilYesterday)).as("both widen to the same calendar week: nothing to subtract")
				.isEqualTo(groups(untilToday));
		assertThat(weekBefore.getPeriod().getEndElement().getValueAsString()).startsWith(monday.minusDays(1).toString());
		assertThat(twoWeeks.getPeriod().getEndElement().getValueAsString()).startsWith(monday.plusDays(6).toString());
		// ends a day apart across a week boundary: the two reports differ by a whole week, and every stratifier of a
		// week is the same in both, so subtracting them gives only what the week's own strata show
		for (MeasureReport.MeasureReportGroupStratifierComponent stratifier : weekStrata(twoWeeks)) {
			String week = ((org.hl7.fhir.r4.model.Period) stratifier.getExtensionByUrl(
					OversightReportBuilder.EXTENSION_WINDOW).getValue()).getStartElement().getValueAsString();
			MeasureReport alone = week.startsWith(monday.toString()) ? untilToday : weekBefore;
			assertThat(weekStrata(alone).stream().map(BypassAttemptsIT::json).toList()).as(week)
					.contains(json(stratifier));
		}
		assertMaskedCellsAddUpToTheThreshold(untilToday);
	}

	@Test
	void twoSmallCellsCannotBeRecoveredFromTheTotal() throws Exception {
		String reviewer = created(send("POST", "Practitioner", FHIR_JSON,
				json(new Practitioner().addName(new HumanName().setFamily("Suppression")))));
		for (String[] cell : List.of(new String[] {"2012-01-01", "male"}, new String[] {"1950-01-01", "unknown"})) {
			String patient = suppressionPatient(cell[0], cell[1]);
			for (int i = 0; i < 2; i++) {
				String write = created(sendAsAi("POST", "Observation", json(suppressionVital(patient, 80 + i))));
				Parameters review = new Parameters();
				review.addParameter().setName("reviewer").setValue(new Reference(reviewer));
				review.addParameter().setName("outcome").setValue(new CodeType("rejected"));
				assertThat(send("POST", write + "/$ai-review", FHIR_JSON, json(review)).statusCode()).isEqualTo(200);
			}
		}
		LocalDate monday = UtcDays.of(java.time.Instant.now()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

		MeasureReport report = suppressionReport("$ai-oversight: two small strata beside the model's total", monday,
				monday);

		assertMaskedCellsAddUpToTheThreshold(report);
	}

	@Test
	void aPeriodLongerThanTheLimitIsRefusedNamingTheProperty() throws Exception {
		HttpResponse<String> response = attempt("$ai-oversight: 730 days at once", () -> send("GET",
				"$ai-oversight?start=2025-01-01&end=2026-12-31", null, null, "Accept", FHIR_JSON));

		OperationOutcome outcome = assertRefusal(response, 400);
		assertThat(diagnostics(outcome)).contains("730 days", "at most 400 days", "aitrust.oversight.max-report-days");
	}

	/** A Patient of this age and gender, created by the gateway (not the AI agent); its versionless reference. */
	String suppressionPatient(String birthDate, String gender) throws Exception {
		Patient patient = new Patient();
		patient.addName().setFamily("Suppression");
		patient.setBirthDateElement(new DateType(birthDate));
		patient.setGender(Enumerations.AdministrativeGender.fromCode(gender));
		return created(send("POST", "Patient", FHIR_JSON, json(patient)));
	}

	static Observation suppressionVital(String patient, int value) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		observation.setSubject(new Reference(patient));
		observation.setEffective(new DateTimeType("2026-11-01T10:00:00Z"));
		observation.setValue(new Quantity().setValue(value).setUnit("/min").setSystem("http://unitsofmeasure.org")
				.setCode("/min"));
		return observation;
	}

	/** The versionless reference of what a 201 created. */
	static String created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return new IdType(response.headers().firstValue("Location").orElseThrow()).toUnqualifiedVersionless().getValue();
	}

	MeasureReport suppressionReport(String attempt, LocalDate start, LocalDate end) throws Exception {
		HttpResponse<String> response = attempt(attempt, () -> send("GET", "$ai-oversight?model="
				+ SUPPRESSION_MODEL.replace("|", "%7C") + "&start=" + start + "&end=" + end, null, null, "Accept", FHIR_JSON));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (MeasureReport) ((Bundle) parse(response)).getEntryFirstRep().getResource();
	}

	static List<MeasureReport.MeasureReportGroupStratifierComponent> weekStrata(MeasureReport report) {
		return report.getGroup().stream().flatMap(g -> g.getStratifier().stream())
				.filter(s -> s.getExtensionByUrl(OversightReportBuilder.EXTENSION_WINDOW) != null).toList();
	}

	static String json(MeasureReport.MeasureReportGroupStratifierComponent stratifier) {
		MeasureReport holder = new MeasureReport();
		holder.addGroup().addStratifier(stratifier.copy());
		return json(holder);
	}

	/** Every figure of a report, without the time it was made. */
	static String groups(MeasureReport report) {
		MeasureReport figures = report.copy();
		figures.setDateElement(null);
		return json(figures);
	}

	static List<MeasureReport.MeasureReportGroupStratifierComponent> suppressionStratifiers(MeasureReport report,
			String group, String dimension) {
		return report.getGroup().stream().filter(g -> group.equals(g.getCode().getCodingFirstRep().getCode()))
				.flatMap(g -> g.getStratifier().stream())
				.filter(s -> dimension.equals(s.getCodeFirstRep().getCodingFirstRep().getCode())).toList();
	}

	/**
	 * What a reader can subtract in a one-week report: the group's count (the model's, that week) minus a
	 * stratifier's shown cells is the sum of its masked cells, which must be at least the threshold (11), unless every
	 * cell is masked or none is listed.
	 */
	static void assertMaskedCellsAddUpToTheThreshold(MeasureReport report) {
		for (MeasureReport.MeasureReportGroupComponent group : report.getGroup()) {
			for (MeasureReport.MeasureReportGroupStratifierComponent stratifier : group.getStratifier()) {
				if (stratifier.getExtensionByUrl(OversightReportBuilder.EXTENSION_WINDOW) == null) {
					continue;
				}
				for (MeasureReport.MeasureReportGroupPopulationComponent total : group.getPopulation()) {
					String code = total.getCode().getCodingFirstRep().getCode();
					List<IntegerType> cells = stratifier.getStratum().stream().flatMap(s -> s.getPopulation().stream())
							.filter(p -> code.equals(p.getCode().getCodingFirstRep().getCode()))
							.map(MeasureReport.StratifierGroupPopulationComponent::getCountElement).toList();
					long shown = cells.stream().filter(c -> c.getValue() != null).mapToLong(IntegerType::getValue).sum();
					boolean someMasked = cells.stream().anyMatch(c -> c.getValue() == null);
					boolean someShown = cells.stream().anyMatch(c -> c.getValue() != null);
					if (someMasked && someShown && cells.size() > 1) {
						assertThat(total.getCount() - shown).as(group.getCode().getCodingFirstRep().getCode() + " "
								+ stratifier.getCodeFirstRep().getCodingFirstRep().getCode() + " " + code
								+ ": total minus shown cells").isGreaterThanOrEqualTo(11);
					}
				}
			}
		}
	}

	// ==== label caps: sources, models, profiles

	// ==== input that must not fail a write or a report

	// ==== writes made as the system

	// ---------------------------------------------------------------- shared helpers

	/**
	 * Sends the attempt, records its row in the printed table (status and resource versions written) and returns the
	 * response for the caller's assertions.
	 */
	HttpResponse<String> attempt(String attempt, Callable<HttpResponse<String>> request) throws Exception {
		long before = storedVersions();
		HttpResponse<String> response = request.call();
		TABLE.add(new String[] {attempt, String.valueOf(response.statusCode()), String.valueOf(storedVersions() - before)});
		return response;
	}

	/** Every version of every resource type, the module's Provenance and Devices included. */
	long storedVersions() {
		return jdbc().queryForObject("SELECT COUNT(*) FROM HFJ_RES_VER", Long.class);
	}

	JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource);
	}

	/** A request as the test gateway, optionally speaking for a client named in {@link #AGENT_HEADER}. */
	HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
			throws Exception {
		HttpRequest.Builder request = TestGateway.request(uri(path)).timeout(TIMEOUT);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A request as the registered AI agent. */
	HttpResponse<String> sendAsAi(String method, String path, String body) throws Exception {
		return send(method, path, FHIR_JSON, body, AGENT_HEADER, AI_AGENT);
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + port + "/fhir" + (path.isEmpty() ? "" : "/" + path));
	}

	static String json(IBaseResource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

	static IBaseResource parse(HttpResponse<String> response) {
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		EncodingEnum encoding = EncodingEnum.forContentType(contentType.split(";")[0].trim());
		assertThat(encoding).as("FHIR content type of the response, was '" + contentType + "'").isNotNull();
		return encoding.newParser(FHIR).parseResource(response.body());
	}

	/** The status, and a body that is an OperationOutcome with at least one error (or fatal) issue. */
	static OperationOutcome assertRefusal(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		IBaseResource body = parse(response);
		assertThat(body).as(response.body()).isInstanceOf(OperationOutcome.class);
		OperationOutcome outcome = (OperationOutcome) body;
		assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getSeverity)
				.containsAnyOf(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
		return outcome;
	}

	static String diagnostics(OperationOutcome outcome) {
		return String.join("\n", outcome.getIssue().stream()
				.map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).toList());
	}
}
