package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSession;
import javax.sql.DataSource;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bad and hostile input as a client sends it, over plain HTTP, to the starter server with its default limits and
 * AI provenance and data quality switched on: each gets the 4xx a client can act on, with an OperationOutcome
 * carrying an error, never a 500; not one resource version is stored (counted in the database before and after);
 * and the server answers the next request ({@code GET /fhir/metadata}, a Patient create) as usual. Every request
 * has a timeout, so a hung request fails the test instead of stalling it. The class prints a table of input,
 * status and versions written.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {"aitrust.provenance.enabled=true", "aitrust.quality.enabled=true"})
@IsolatedDatabase
class BadInputIT {

	private static final FhirContext FHIR = FhirTestClients.fhirContext();
	private static final Duration TIMEOUT = Duration.ofMinutes(2);
	private static final String FHIR_JSON = "application/fhir+json";
	private static final String FHIR_XML = "application/fhir+xml";

	@LocalServerPort
	int port;

	/** input, status, resource versions written: one row a refused request, printed after the class. */
	private static final List<String[]> TABLE = Collections.synchronizedList(new ArrayList<>());

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

	@Autowired
	DataSource dataSource;

	@AfterAll
	static void printTable() {
		StringBuilder table = new StringBuilder(String.format("%n[bad input] %-72s %6s %8s%n", "input", "status", "written"));
		synchronized (TABLE) {
			TABLE.forEach(row -> table.append(String.format("[bad input] %-72s %6s %8s%n", (Object[]) row)));
		}
		System.out.print(table);
	}

	// ---------------------------------------------------------------- unparseable bodies

	@Test
	void unparseableJsonGets400() throws Exception {
		OperationOutcome outcome = outcomeOf(assertRefused("malformed JSON", 400,
				() -> send("POST", "Patient", FHIR_JSON, "{\"resourceType\":\"Patient\",\"name\":[")));

		assertThat(diagnostics(outcome)).contains("Failed to parse").contains("JSON");
	}

	@Test
	void unparseableXmlGets400AnsweredInXml() throws Exception {
		HttpResponse<String> response = assertRefused("malformed XML", 400, () -> send("POST", "Patient", FHIR_XML,
				"<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"Okafor\"/></Patient"));

		OperationOutcome outcome = outcomeOf(response);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
		assertThat(diagnostics(outcome)).contains("Failed to parse").contains("XML");
	}

	// ---------------------------------------------------------------- content type

	/** HAPI answers 400 (not 415): the request names no FHIR format it can read. */
	@ParameterizedTest
	@ValueSource(strings = {"text/plain", "application/pdf", "none"})
	void aCreateWithoutAFhirContentTypeGets400(String contentType) throws Exception {
		String body = contentType.equals("application/pdf")
				? "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
				: "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Okafor\"}]}";

		OperationOutcome outcome = outcomeOf(assertRefused("Content-Type " + contentType, 400,
				() -> send("POST", "Patient", contentType.equals("none") ? null : contentType, body)));

		assertThat(diagnostics(outcome)).contains("Content-Type");
	}

	// ---------------------------------------------------------------- resource type against URL

	@Test
	void anObservationPostedToPatientGets400AndIsNotStored() throws Exception {
		String marker = UUID.randomUUID().toString();

		OperationOutcome outcome = outcomeOf(assertRefused("Observation posted to /Patient", 400,
				() -> send("POST", "Patient", FHIR_JSON, json(observation(marker)))));

		assertThat(diagnostics(outcome)).contains("Patient").contains("Observation");
		assertThat(observationsMarked(marker)).isZero();
	}

	@Test
	void anObservationPutToAPatientUrlGets400() throws Exception {
		Observation observation = observation(UUID.randomUUID().toString());
		observation.setId("bad-input-put");

		assertRefused("Observation put to /Patient/id", 400,
				() -> send("PUT", "Patient/bad-input-put", FHIR_JSON, json(observation)));

		assertThat(send("GET", "Observation/bad-input-put", null, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "Patient/bad-input-put", null, null).statusCode()).isEqualTo(404);
	}

	/** HAPI alone would store the Observation; the starter server's BundleRequestGuard refuses the transaction. */
	@Test
	void aTransactionEntryPostingAnObservationToPatientGets400AndNothingIsStored() throws Exception {
		String marker = UUID.randomUUID().toString();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(patient(marker)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		transaction.addEntry().setResource(observation(marker)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");

		OperationOutcome outcome = outcomeOf(assertRefused("transaction entry posting an Observation to Patient", 400,
				() -> send("POST", "", FHIR_JSON, json(transaction))));

		assertThat(diagnostics(outcome)).contains("Bundle.entry[1]").contains("Patient").contains("Observation");
		assertThat(outcome.getIssueFirstRep().getExpression()).extracting(e -> e.getValue())
				.containsExactly("Bundle.entry[1].request.url");
		assertThat(observationsMarked(marker)).isZero();
		assertThat(patientsNamed(marker)).isZero();
	}

	// ---------------------------------------------------------------- size

	@Test
	void aFiftyMegabyteBodyGets413() throws Exception {
		byte[] body = patientOfBytes(50 * 1024 * 1024);

		OperationOutcome outcome = outcomeOf(assertRefused("50 MB body", 413, () -> http.send(
				post("Patient", HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofString())));

		assertThat(diagnostics(outcome)).contains("aitrust.server.max-request-size").contains("20971520");
	}

	@Test
	void aFiftyMegabyteChunkedBodyGets413() throws Exception {
		byte[] body = patientOfBytes(50 * 1024 * 1024);

		// A body publisher without a length makes the client send the body chunked.
		OperationOutcome outcome = outcomeOf(assertRefused("50 MB body, chunked", 413, () -> http.send(
				post("Patient", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
				HttpResponse.BodyHandlers.ofString())));

		assertThat(diagnostics(outcome)).contains("aitrust.server.max-request-size");
	}

	/**
	 * 10,000 entries fit in the 20 MB body limit (about 1.5 MB here), but exceed the default
	 * aitrust.server.max-bundle-entries (5,000): refused whole, before any entry is stored.
	 */
	@ParameterizedTest
	@ValueSource(strings = {"TRANSACTION", "BATCH"})
	void aBundleOfTenThousandEntriesGets413AndNothingIsStored(String type) throws Exception {
		String marker = UUID.randomUUID().toString();
		Bundle bundle = new Bundle().setType(Bundle.BundleType.valueOf(type));
		for (int i = 0; i < 10_000; i++) {
			bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(patient(marker))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		}

		OperationOutcome outcome = outcomeOf(assertRefused("10,000-entry " + type.toLowerCase() + " Bundle", 413,
				() -> send("POST", "", FHIR_JSON, json(bundle))));

		assertThat(diagnostics(outcome)).contains("10000 entries").contains("aitrust.server.max-bundle-entries");
		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOLONG);
		assertThat(patientsNamed(marker)).isZero();
	}

	@Test
	void aSmallTransactionStillGoesThrough() throws Exception {
		String marker = UUID.randomUUID().toString();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (int i = 0; i < 3; i++) {
			transaction.addEntry().setResource(patient(marker)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		}

		HttpResponse<String> response = send("POST", "", FHIR_JSON, json(transaction));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(patientsNamed(marker)).isEqualTo(3);
	}

	// ---------------------------------------------------------------- hostile input

	/**
	 * An external parameter entity pointing at a listener of the test's own and a general entity pointing at a
	 * secret file: the request is refused, the listener is never called and the secret appears nowhere.
	 */
	@Test
	void xmlWithExternalEntitiesGets400AndNoEntityIsResolved(@TempDir Path dir) throws Exception {
		String secret = "secret-" + UUID.randomUUID();
		Path file = Files.writeString(dir.resolve("secret.txt"), secret);
		AtomicInteger fetched = new AtomicInteger();
		HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		listener.createContext("/", exchange -> {
			fetched.incrementAndGet();
			exchange.sendResponseHeaders(200, 0);
			exchange.close();
		});
		listener.start();
		try {
			String body = "<?xml version=\"1.0\"?>\n<!DOCTYPE Patient [\n"
					+ "  <!ENTITY % remote SYSTEM \"http://127.0.0.1:" + listener.getAddress().getPort() + "/xxe.dtd\">\n"
					+ "  %remote;\n"
					+ "  <!ENTITY secret SYSTEM \"" + file.toUri() + "\">\n]>\n"
					+ "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"&secret;\"/></name></Patient>";

			HttpResponse<String> response = assertRefused("XML with external entities (XXE)", 400,
					() -> send("POST", "Patient", FHIR_XML, body));

			assertThat(response.body()).doesNotContain(secret);
			assertThat(patientsNamed(secret)).isZero();
			assertThat(fetched).hasValue(0);
		} finally {
			listener.stop(0);
		}
	}

	@Test
	void jsonNestedTenThousandDeepGets400() throws Exception {
		String body = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Deep\"}],\"deep\":"
				+ "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}";

		assertRefused("JSON nested 10,000 deep", 400, () -> send("POST", "Patient", FHIR_JSON, body));
	}

	/** A client-supplied Provenance may describe the resource being written, never one already stored. */
	@Test
	void anXProvenanceHeaderTargetingAnotherResourceGets400() throws Exception {
		String victim = location(send("POST", "Patient", FHIR_JSON, json(patient("Victim-" + UUID.randomUUID()))));
		String device = location(send("POST", "Device", FHIR_JSON, "{\"resourceType\":\"Device\","
				+ "\"deviceName\":[{\"name\":\"SpoofCheck\",\"type\":\"user-friendly-name\"}]}"));
		String spoofed = "{\"resourceType\":\"Provenance\",\"agent\":[{\"who\":{\"reference\":\"" + device
				+ "\"}}],\"target\":[{\"reference\":\"" + victim + "\"}]}";

		OperationOutcome outcome = outcomeOf(assertRefused("X-Provenance targeting another resource", 400,
				() -> send("POST", "Observation", FHIR_JSON, json(observation(UUID.randomUUID().toString())),
						"X-Provenance", spoofed)));

		assertThat(diagnostics(outcome)).contains("X-Provenance");
		assertThat(total("Provenance?target=" + victim)).isZero();
	}

	/**
	 * The source header ends up in Provenance and metrics. A percent-encoded CR/LF (the form that survives proxies),
	 * markup, a tab, a character outside ASCII and an over-long name are refused by the module.
	 */
	@ParameterizedTest
	@ValueSource(strings = {"scribe%0D%0AX-Injected:%20yes", "scribe<script>alert(1)</script>", "scribe\tadmin",
			"scrib\u00e9", "LONG"})
	void anAgentHeaderWithIllegalCharactersGets400(String header) throws Exception {
		String value = header.equals("LONG") ? "s".repeat(129) : header;

		OperationOutcome outcome = outcomeOf(assertRefused("X-AI-Agent " + printable(value), 400,
				() -> send("POST", "Patient", FHIR_JSON, json(patient("Injected-" + UUID.randomUUID())),
						"X-AI-Agent", value)));

		assertThat(diagnostics(outcome)).contains("X-AI-Agent");
	}

	/**
	 * A raw CR inside the header value, which no HTTP client library will send: Tomcat's parser refuses it before
	 * any FHIR code runs, and the OperationOutcomeErrorReportValve gives that refusal a FHIR body.
	 */
	@Test
	void aCarriageReturnInsideTheAgentHeaderGets400() throws Exception {
		String body = json(patient("Injected-" + UUID.randomUUID()));

		assertRefused("X-AI-Agent with a raw CR", 400, () -> rawPost("Patient",
				"X-AI-Agent: scribe\rX-Injected: yes\r\n", body));
	}

	@ParameterizedTest
	@ValueSource(strings = {"colour=blue", "source=rel-ehr&sorce=rel-ehr", "_count=10"})
	void unknownDataQualityParametersGet400(String query) throws Exception {
		OperationOutcome outcome = outcomeOf(assertRefused("$data-quality?" + query, 400,
				() -> send("GET", "$data-quality?" + query, null, null)));

		assertThat(diagnostics(outcome)).contains("$data-quality");
	}

	@Test
	void updatingOrDeletingAModuleWrittenProvenanceGets403() throws Exception {
		Observation labelled = observation(UUID.randomUUID().toString());
		labelled.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "AIAST", null);
		String observation = location(send("POST", "Observation", FHIR_JSON, json(labelled)));
		Bundle found = (Bundle) parse(send("GET", "Provenance?target=" + observation, null, null));
		assertThat(found.getEntry()).hasSize(1);
		Provenance provenance = (Provenance) found.getEntryFirstRep().getResource();
		String id = provenance.getIdElement().toUnqualifiedVersionless().getValue();
		provenance.setRecordedElement(new org.hl7.fhir.r4.model.InstantType("2020-01-01T00:00:00Z"));

		assertRefused("PUT of a module-written Provenance", 403, () -> send("PUT", id, FHIR_JSON, json(provenance)));
		assertRefused("DELETE of a module-written Provenance", 403, () -> send("DELETE", id, null, null));

		Provenance stored = (Provenance) parse(send("GET", id, null, null));
		assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
		assertThat(stored.getRecorded()).isAfter(new java.util.Date(1_600_000_000_000L));
	}

	// ---------------------------------------------------------------- helpers

	/**
	 * Sends the request and checks the refusal a client can act on: the status, an OperationOutcome with an error,
	 * no resource version stored, and a server that still serves. Adds a row to the printed table.
	 */
	private HttpResponse<String> assertRefused(String input, int status, Callable<HttpResponse<String>> request)
			throws Exception {
		long before = storedVersions();
		HttpResponse<String> response = request.call();
		long written = storedVersions() - before;
		TABLE.add(new String[] {input, String.valueOf(response.statusCode()), String.valueOf(written)});

		assertOperationOutcome(response, status);
		assertThat(written).as("resource versions written by " + input).isZero();
		assertServerStillServes();
		return response;
	}

	/** Every version of every resource type, the module's Provenance and Devices included. */
	private long storedVersions() {
		return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM HFJ_RES_VER", Long.class);
	}

	private static OperationOutcome outcomeOf(HttpResponse<String> response) {
		return (OperationOutcome) parse(response);
	}

	private static String location(HttpResponse<String> created) {
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		String path = URI.create(location).getPath();
		return new org.hl7.fhir.r4.model.IdType(path.substring(path.indexOf("/fhir/") + 6)).toUnqualifiedVersionless().getValue();
	}

	private static String printable(String value) {
		String shown = value.replace("\t", "\\t");
		return shown.length() > 40 ? shown.substring(0, 12) + "... (" + shown.length() + " chars)" : shown;
	}

	/** A request written byte by byte on a socket, for what {@link HttpClient} refuses to send. */
	private HttpResponse<String> rawPost(String path, String extraHeaders, String body) throws Exception {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("POST /fhir/" + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: " + FHIR_JSON
					+ "\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n" + extraHeaders + "\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return RawResponse.read(socket.getInputStream(), uri(path));
		}
	}

	/** The server answers its CapabilityStatement and stores a normal Patient. */
	private void assertServerStillServes() throws Exception {
		HttpResponse<String> metadata = send("GET", "metadata", null, null);
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(parse(metadata)).isInstanceOf(CapabilityStatement.class);

		HttpResponse<String> created = send("POST", "Patient", FHIR_JSON, json(patient("Healthy-" + UUID.randomUUID())));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/Patient/"));
	}

	private static OperationOutcome assertOperationOutcome(HttpResponse<String> response, int status) {
		return FhirResponses.assertOperationOutcome(response, status);
	}

	private static IBaseResource parse(HttpResponse<String> response) {
		return FhirResponses.parse(response);
	}

	private static String diagnostics(OperationOutcome outcome) {
		return FhirResponses.diagnostics(outcome);
	}

	private int patientsNamed(String family) throws Exception {
		return total("Patient?family:exact=" + family);
	}

	private int observationsMarked(String marker) throws Exception {
		return total("Observation?code=http://example.org/bad-input%7C" + marker);
	}

	private int total(String search) throws Exception {
		HttpResponse<String> response = send("GET", search + "&_summary=count", null, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ((Bundle) parse(response)).getTotal();
	}

	private HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
			throws Exception {
		return FhirResponses.send(http, uri(path), TIMEOUT, method, contentType, body, headers);
	}

	private HttpRequest post(String path, HttpRequest.BodyPublisher body) {
		return TestGateway.request(uri(path)).timeout(TIMEOUT).header("Content-Type", FHIR_JSON).POST(body).build();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + "/fhir" + (path.isEmpty() ? "" : "/" + path));
	}

	private static Patient patient(String family) {
		Patient patient = new Patient();
		patient.addName().setFamily(family).addGiven("Test");
		return patient;
	}

	/** An Observation findable by its code, which carries the marker. */
	private static Observation observation(String marker) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://example.org/bad-input").setCode(marker);
		return observation;
	}

	private static String json(IBaseResource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

	/** The answer to {@link #rawPost}, read off the socket (the request sent {@code Connection: close}). */
	private record RawResponse(int statusCode, HttpHeaders headers, String body, URI uri)
			implements HttpResponse<String> {

		static RawResponse read(InputStream in, URI uri) throws Exception {
			String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			int end = all.indexOf("\r\n\r\n");
			String[] head = all.substring(0, end).split("\r\n");
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.computeIfAbsent(head[i].substring(0, colon).trim(), k -> new ArrayList<>())
						.add(head[i].substring(colon + 1).trim());
			}
			String body = all.substring(end + 4);
			if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
				StringBuilder unchunked = new StringBuilder();
				for (int at = 0; ; ) {
					int lineEnd = body.indexOf("\r\n", at);
					int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
					if (size == 0) {
						break;
					}
					unchunked.append(body, lineEnd + 2, lineEnd + 2 + size);
					at = lineEnd + 2 + size + 2;
				}
				body = unchunked.toString();
			}
			return new RawResponse(Integer.parseInt(head[0].split(" ")[1]), HttpHeaders.of(headers, (k, v) -> true),
					new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), uri);
		}

		@Override
		public HttpRequest request() {
			return TestGateway.request(uri).build();
		}

		@Override
		public Optional<HttpResponse<String>> previousResponse() {
			return Optional.empty();
		}

		@Override
		public Optional<SSLSession> sslSession() {
			return Optional.empty();
		}

		@Override
		public HttpClient.Version version() {
			return HttpClient.Version.HTTP_1_1;
		}
	}

	/** A Patient whose JSON is {@code size} bytes: one very long family name. */
	private static byte[] patientOfBytes(int size) {
		byte[] prefix = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"".getBytes(StandardCharsets.US_ASCII);
		byte[] suffix = "\"}]}".getBytes(StandardCharsets.US_ASCII);
		byte[] body = new byte[size];
		System.arraycopy(prefix, 0, body, 0, prefix.length);
		Arrays.fill(body, prefix.length, size - suffix.length, (byte) 'x');
		System.arraycopy(suffix, 0, body, size - suffix.length, suffix.length);
		return body;
	}
}
