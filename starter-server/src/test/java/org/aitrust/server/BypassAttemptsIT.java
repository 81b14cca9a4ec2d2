package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.aitrust.interceptor.validation.IgPackageProvider;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.aitrust.testsupport.NpmPackages;
import org.aitrust.testsupport.SharedCorpora;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

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

	/** Marks the resources one run of the worklist test writes, so they are told apart from other sections' writes. */
	static final String WORKLIST_RUN = "urn:aitrust:test:worklist-run";

	/**
	 * 2,000 AI writes about three patients, every one reviewed with {@code $ai-review} but the newest 10 (7
	 * Observations, 3 RiskAssessments): {@code $ai-unreviewed} lists exactly those 10 page by page, newest first, with
	 * and without {@code type} and {@code patient}, its {@code total} is what its pages list, and {@code $data-quality}'s
	 * {@code ai-unreviewed} counts the same.
	 */
	@Test
	void theWorklistListsExactlyTheNewestUnreviewedAiWritesAcrossPagesWithAndWithoutTypeAndPatient() throws Exception {
		long started = System.nanoTime();
		String run = UUID.randomUUID().toString();
		String reviewer = createAsGateway(AiWrites.practitioner());
		List<String> patients = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			patients.add(createAsGateway(new Patient().addName(new HumanName().setFamily("Worklist" + i))));
		}
		List<String> reviewed = new ArrayList<>();
		for (int transaction = 0; transaction < 10; transaction++) {
			Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (int i = 0; i < 199; i++) {
				bundle.addEntry().setResource(worklistObservation(run, patients.get(i % 3)))
						.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
			}
			HttpResponse<String> stored = sendAsAi("POST", "", json(bundle));
			assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
			((Bundle) parse(stored)).getEntry()
					.forEach(e -> reviewed.add(new IdType(e.getResponse().getLocation()).toUnqualifiedVersionless().getValue()));
		}
		Map<String, String> newest = new LinkedHashMap<>(); // id -> patient
		for (int i = 0; i < 10; i++) {
			String patient = patients.get(i % 3);
			Resource resource = i % 3 == 2 ? worklistRiskAssessment(run, patient) : worklistObservation(run, patient);
			HttpResponse<String> stored = sendAsAi("POST", resource.fhirType(), json(resource));
			assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
			newest.put(parse(stored).getIdElement().toUnqualifiedVersionless().getValue(), patient);
		}
		long written = System.nanoTime();
		reviewAll(reviewed, reviewer);
		long setUp = System.nanoTime();
		System.out.printf("[bypass] worklist set-up: 2,000 AI writes %d s, 1,990 reviews %d s%n",
				(written - started) / 1_000_000_000, (setUp - written) / 1_000_000_000);
		assertThat(reviewed).hasSize(1_990).doesNotHaveDuplicates();

		Worklist all = worklist("worklist: $ai-unreviewed, all types and patients, pages of 4", "", 4, run);
		assertThat(all.ofThisRun()).containsExactlyElementsOf(newestFirst(newest.keySet()));
		assertThat(all.listed()).doesNotContainAnyElementsOf(reviewed);
		Worklist observations = worklist("worklist: $ai-unreviewed?type=Observation, pages of 3",
				"type=Observation&", 3, run);
		assertThat(observations.ofThisRun()).containsExactlyElementsOf(
				newestFirst(newest.keySet()).stream().filter(id -> id.startsWith("Observation/")).toList());
		Worklist risks = worklist("worklist: $ai-unreviewed?type=RiskAssessment, pages of 2",
				"type=RiskAssessment&", 2, run);
		assertThat(risks.ofThisRun()).hasSize(3).allMatch(id -> id.startsWith("RiskAssessment/"));
		for (String patient : patients) {
			List<String> ofPatient = newestFirst(newest.keySet()).stream()
					.filter(id -> newest.get(id).equals(patient)).toList();
			Worklist byPatient = worklist("worklist: $ai-unreviewed?patient=" + patient + ", pages of 2",
					"patient=" + patient + "&", 2, run);
			assertThat(byPatient.listed()).as("a patient of this run has only this run's resources")
					.isEqualTo(byPatient.ofThisRun()).containsExactlyElementsOf(ofPatient);
			Worklist observationsOfPatient = worklist("worklist: $ai-unreviewed?type=Observation&patient=<id>",
					"type=Observation&patient=" + patient.substring("Patient/".length()) + "&", 50, run);
			assertThat(observationsOfPatient.listed())
					.containsExactlyElementsOf(ofPatient.stream().filter(id -> id.startsWith("Observation/")).toList());
		}

		IGenericClient client = TestGateway.client(port);
		assertThat(DataQualityReports.counts(DataQualityReports.report(client)).get("ai-unreviewed")[1])
				.as("$data-quality's ai-unreviewed is the worklist's total").isEqualTo(all.total());
		assertThat(DataQualityReports.counts(DataQualityReports.report(client, "resourceType", "RiskAssessment"))
				.get("ai-unreviewed")[1]).isEqualTo(risks.total());
		assertThat(DataQualityReports.counts(DataQualityReports.report(client, "resourceType", "Observation"))
				.get("ai-unreviewed")[1]).isEqualTo(observations.total());
	}

	@Test
	void aWorklistRequestItCannotAnswerIsRefusedWithWhatToSend() throws Exception {
		for (String[] refused : new String[][] {
				{"type=NotAType", "'type' must name a resource type"},
				{"patient=Group/1", "'patient' must be a Patient"},
				{"_count=0", "_count must be between 1 and 500"},
				{"_count=501", "_count must be between 1 and 500"},
				{"cursor=bm90LWEtY3Vyc29y", "'cursor' is not a position a 'next' link gave"},
				{"patinet=Patient/1", "unknown parameter 'patinet'"}}) {
			HttpResponse<String> response = attempt("worklist: $ai-unreviewed?" + refused[0],
					() -> send("GET", "$ai-unreviewed?" + refused[0], null, null));
			assertThat(diagnostics(assertRefusal(response, 400))).contains(refused[1]);
		}
	}

	/** What the pages of one worklist request listed, following {@code next} links to the end. */
	record Worklist(List<String> listed, List<String> ofThisRun, long total) {}

	/**
	 * Every page of {@code $ai-unreviewed?<filters>_count=<pageSize>}: each page's {@code total} is the same and is
	 * what all pages list, no entry is listed twice, entries come newest first, and no page is longer than asked.
	 */
	Worklist worklist(String attempt, String filters, int pageSize, String run) throws Exception {
		String query = filters + "_count=" + pageSize;
		List<String> listed = new ArrayList<>();
		List<String> ofThisRun = new ArrayList<>();
		List<Instant> lastUpdated = new ArrayList<>();
		Set<Integer> totals = new HashSet<>();
		HttpResponse<String> response = attempt(attempt, () -> send("GET", "$ai-unreviewed?" + query, null, null));
		while (true) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			Bundle page = (Bundle) parse(response);
			assertThat(page.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
			assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(pageSize);
			totals.add(page.getTotal());
			for (Bundle.BundleEntryComponent entry : page.getEntry()) {
				Resource resource = (Resource) entry.getResource();
				listed.add(resource.getIdElement().toUnqualifiedVersionless().getValue());
				lastUpdated.add(resource.getMeta().getLastUpdated().toInstant());
				if (resource instanceof DomainResource domain && domain.getExtensionByUrl(WORKLIST_RUN) != null
						&& run.equals(domain.getExtensionByUrl(WORKLIST_RUN).getValue().primitiveValue())) {
					ofThisRun.add(listed.get(listed.size() - 1));
				}
			}
			Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
			if (next == null) {
				break;
			}
			String path = next.getUrl().substring(next.getUrl().indexOf("/fhir/") + "/fhir/".length());
			response = send("GET", path, null, null);
		}
		assertThat(totals).as("every page's total").containsExactly(listed.size());
		assertThat(listed).doesNotHaveDuplicates();
		assertThat(lastUpdated).as("newest first").isSortedAccordingTo(Comparator.reverseOrder());
		return new Worklist(listed, ofThisRun, listed.size());
	}

	/** Ids of resources created one after the other, newest first. */
	static List<String> newestFirst(Collection<String> createdInOrder) {
		List<String> ids = new ArrayList<>(createdInOrder);
		Collections.reverse(ids);
		return ids;
	}

	/** One {@code $ai-review} per resource, four at a time, each as the gateway naming the reviewer. */
	void reviewAll(List<String> ids, String reviewer) throws Exception {
		String body = json(new Parameters()
				.addParameter("reviewer", new Reference(reviewer))
				.addParameter("outcome", new CodeType("verified")));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<HttpResponse<String>>> reviews = new ArrayList<>();
			for (String id : ids) {
				reviews.add(pool.submit(() -> send("POST", id + "/$ai-review", FHIR_JSON, body)));
			}
			for (Future<HttpResponse<String>> review : reviews) {
				HttpResponse<String> response = review.get();
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			}
		} finally {
			pool.shutdownNow();
		}
	}

	String createAsGateway(Resource resource) throws Exception {
		HttpResponse<String> created = send("POST", resource.fhirType(), FHIR_JSON, json(resource));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return parse(created).getIdElement().toUnqualifiedVersionless().getValue();
	}

	static Observation worklistObservation(String run, String patient) {
		Observation observation = new Observation();
		observation.addExtension(WORKLIST_RUN, new StringType(run));
		observation.setStatus(Observation.ObservationStatus.PRELIMINARY);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		observation.setSubject(new Reference(patient));
		observation.setValue(new Quantity().setValue(72).setUnit("/min").setSystem("http://unitsofmeasure.org")
				.setCode("/min"));
		return observation;
	}

	static RiskAssessment worklistRiskAssessment(String run, String patient) {
		RiskAssessment risk = new RiskAssessment();
		risk.addExtension(WORKLIST_RUN, new StringType(run));
		risk.setStatus(RiskAssessment.RiskAssessmentStatus.PRELIMINARY);
		risk.setSubject(new Reference(patient));
		risk.addPrediction().getOutcome().setText("readmission within 30 days");
		return risk;
	}

	// ==== IG packages: $aitrust-install-package

	static final String US_CORE_PATIENT = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";

	@Test
	void aGzipBombIsRefusedWithoutExpandingIt() throws Exception {
		// about 5 MB that expand to 1 GB of zeros: made by streaming, never held expanded
		byte[] bomb = NpmPackages.gzipBomb("bypass.bomb", 1L << 30);
		String body = installBody(bomb, false);
		List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP).toList();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();

		HttpResponse<String> response = attempt("IG package: gzip of a tar expanding to 1 GB",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, body));

		long peakGrowth = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() - before;
		assertThat(diagnostics(assertRefusal(response, 413)))
				.contains("expands to more than the 200MB allowed", "max-uncompressed-size");
		assertThat(peakGrowth).as("heap growth while the server read the bomb (the server runs in this JVM)")
				.isLessThan(256L << 20);
		assertPackageAbsent("bypass.bomb");
		assertStillValidatingAndStoring();
	}

	@Test
	void aPackageOfAHundredThousandEntriesIsRefused() throws Exception {
		byte[] many = NpmPackages.manyEntries("bypass.many", 100_000);

		HttpResponse<String> response = attempt("IG package: tar of 100,000 entries",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, installBody(many, false)));

		assertThat(diagnostics(assertRefusal(response, 413))).contains("more than the 20000 entries allowed", "max-entries");
		assertPackageAbsent("bypass.many");
		assertStillValidatingAndStoring();
	}

	@Test
	void aPackageSquattingUsCoreOrRedefiningItsProfilesIsRefused() throws Exception {
		// the administrator installs the real US Core 6.1.0; the attacker comes after it
		byte[] usCore = Files.readAllBytes(SharedCorpora.require("packages").resolve("hl7.fhir.us.core-6.1.0.tgz"));
		HttpResponse<String> installed = attempt("IG package: the real hl7.fhir.us.core#6.1.0, by the administrator",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, installBody(usCore, false)));
		assertThat(installed.statusCode()).as(installed.body()).isEqualTo(200);
		HttpResponse<String> again = attempt("IG package: the same hl7.fhir.us.core#6.1.0 again",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, installBody(usCore, false)));
		assertThat(((Parameters) parse(again)).getParameterBool("installed")).as("identical: nothing changes").isFalse();

		String relaxedPatient = "{\"resourceType\":\"StructureDefinition\",\"id\":\"us-core-patient\",\"url\":\""
				+ US_CORE_PATIENT + "\",\"version\":\"6.1.0\",\"name\":\"USCorePatientProfile\",\"status\":\"active\","
				+ "\"kind\":\"resource\",\"abstract\":false,\"type\":\"Patient\",\"baseDefinition\":"
				+ "\"http://hl7.org/fhir/StructureDefinition/Patient\",\"derivation\":\"constraint\"}";
		byte[] squatter = NpmPackages.of("hl7.fhir.us.core", "6.1.0",
				Map.of("StructureDefinition-us-core-patient.json", relaxedPatient));
		HttpResponse<String> squatting = attempt("IG package: other content claiming hl7.fhir.us.core#6.1.0",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, installBody(squatter, true)));
		assertThat(diagnostics(assertRefusal(squatting, 409))).contains("hl7.fhir.us.core#6.1.0 is already active");

		byte[] redefining = NpmPackages.of("bypass.relaxed", "1.0.0",
				Map.of("StructureDefinition-us-core-patient.json", relaxedPatient));
		HttpResponse<String> redefined = attempt("IG package: bypass.relaxed redefining the US Core Patient profile",
				() -> send("POST", IgPackageProvider.INSTALL, FHIR_JSON, installBody(redefining, false)));
		assertThat(diagnostics(assertRefusal(redefined, 409)))
				.contains(US_CORE_PATIENT + " (defined by hl7.fhir.us.core#6.1.0)", "replace=true");
		assertPackageAbsent("bypass.relaxed");

		assertThat(jdbc().queryForList("SELECT PACKAGE_VERSION FROM AITRUST_IG_PACKAGE WHERE PACKAGE_NAME = ?",
				String.class, "hl7.fhir.us.core")).as("one US Core stored, the real one").containsExactly("6.1.0");
		assertThat(jdbc().queryForObject("SELECT CONTENT FROM AITRUST_IG_PACKAGE WHERE PACKAGE_NAME = ?",
				byte[].class, "hl7.fhir.us.core")).isEqualTo(usCore);
		// US Core's own profile is still in force: a Patient claiming it without identifier, name or gender fails it
		Patient bare = new Patient();
		bare.getMeta().addProfile(US_CORE_PATIENT);
		OperationOutcome verdict = (OperationOutcome) parse(send("POST", "Patient/$validate", FHIR_JSON, json(bare)));
		assertThat(verdict.getIssue()).filteredOn(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
				.extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
				.anySatisfy(message -> assertThat(message).contains("Patient.identifier"));
		assertStillValidatingAndStoring();
	}

	static String installBody(byte[] tgz, boolean replace) {
		Parameters install = new Parameters();
		install.addParameter().setName("package").setValue(new Base64BinaryType(tgz));
		if (replace) {
			install.addParameter().setName("replace").setValue(new BooleanType(true));
		}
		return json(install);
	}

	/** Not active ({@code $aitrust-packages}) and not stored. */
	void assertPackageAbsent(String name) throws Exception {
		HttpResponse<String> active = send("GET", IgPackageProvider.PACKAGES, null, null);
		assertThat(active.statusCode()).isEqualTo(200);
		assertThat(((Parameters) parse(active)).getParameters("package")).extracting(p -> p.getPart().stream()
				.filter(part -> part.getName().equals("name")).findFirst().orElseThrow().getValue().primitiveValue())
				.isNotEmpty().doesNotContain(name);
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM AITRUST_IG_PACKAGE WHERE PACKAGE_NAME = ?", Long.class, name))
				.isZero();
	}

	/** After a refused package the server still validates ({@code $validate}) and stores a write. */
	void assertStillValidatingAndStoring() throws Exception {
		Patient patient = new Patient();
		patient.addName().setFamily("AfterPackageRefusal");
		HttpResponse<String> validated = send("POST", "Patient/$validate", FHIR_JSON, json(patient));
		assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
		assertThat(parse(validated)).isInstanceOf(OperationOutcome.class);
		HttpResponse<String> created = send("POST", "Patient", FHIR_JSON, json(patient));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	// ==== small-cell suppression in $ai-oversight

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
