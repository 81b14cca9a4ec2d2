package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad input as a client sends it, over plain HTTP, to the starter server with its default settings: each gets
 * the 4xx a client can act on, with an OperationOutcome carrying an error, never a 500; nothing of it is stored;
 * and the server answers the next request ({@code GET /fhir/metadata}, a Patient create) as usual. Every request
 * has a timeout, so a hung request fails the test instead of stalling it.
 */
@SpringBootTest(classes = StarterServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IsolatedDatabase
class BadInputIT {

	private static final FhirContext FHIR = FhirTestClients.fhirContext();
	private static final Duration TIMEOUT = Duration.ofMinutes(2);
	private static final String FHIR_JSON = "application/fhir+json";
	private static final String FHIR_XML = "application/fhir+xml";

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

	// ---------------------------------------------------------------- unparseable bodies

	@Test
	void unparseableJsonGets400() throws Exception {
		HttpResponse<String> response = send("POST", "Patient", FHIR_JSON, "{\"resourceType\":\"Patient\",\"name\":[");

		OperationOutcome outcome = assertOperationOutcome(response, 400);
		assertThat(diagnostics(outcome)).contains("Failed to parse").contains("JSON");
		assertServerStillServes();
	}

	@Test
	void unparseableXmlGets400AnsweredInXml() throws Exception {
		HttpResponse<String> response = send("POST", "Patient", FHIR_XML,
				"<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"Okafor\"/></Patient");

		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
		OperationOutcome outcome = assertOperationOutcome(response, 400);
		assertThat(diagnostics(outcome)).contains("Failed to parse").contains("XML");
		assertServerStillServes();
	}

	// ---------------------------------------------------------------- content type

	/** HAPI answers 400 (not 415): the request names no FHIR format it can read. */
	@ParameterizedTest
	@ValueSource(strings = {"text/plain", "application/pdf", "none"})
	void aCreateWithoutAFhirContentTypeGets400(String contentType) throws Exception {
		String body = contentType.equals("application/pdf")
				? "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
				: "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Okafor\"}]}";

		HttpResponse<String> response = send("POST", "Patient", contentType.equals("none") ? null : contentType, body);

		OperationOutcome outcome = assertOperationOutcome(response, 400);
		assertThat(diagnostics(outcome)).contains("Content-Type");
		assertServerStillServes();
	}

	// ---------------------------------------------------------------- resource type against URL

	@Test
	void anObservationPostedToPatientGets400AndIsNotStored() throws Exception {
		String marker = UUID.randomUUID().toString();

		HttpResponse<String> response = send("POST", "Patient", FHIR_JSON, json(observation(marker)));

		OperationOutcome outcome = assertOperationOutcome(response, 400);
		assertThat(diagnostics(outcome)).contains("Patient").contains("Observation");
		assertThat(observationsMarked(marker)).isZero();
		assertServerStillServes();
	}

	@Test
	void anObservationPutToAPatientUrlGets400() throws Exception {
		Observation observation = observation(UUID.randomUUID().toString());
		observation.setId("bad-input-put");

		HttpResponse<String> response = send("PUT", "Patient/bad-input-put", FHIR_JSON, json(observation));

		assertOperationOutcome(response, 400);
		assertThat(send("GET", "Observation/bad-input-put", null, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "Patient/bad-input-put", null, null).statusCode()).isEqualTo(404);
		assertServerStillServes();
	}

	/** HAPI alone would store the Observation; the starter server's BundleRequestGuard refuses the transaction. */
	@Test
	void aTransactionEntryPostingAnObservationToPatientGets400AndNothingIsStored() throws Exception {
		String marker = UUID.randomUUID().toString();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(patient(marker)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		transaction.addEntry().setResource(observation(marker)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");

		HttpResponse<String> response = send("POST", "", FHIR_JSON, json(transaction));

		OperationOutcome outcome = assertOperationOutcome(response, 400);
		assertThat(diagnostics(outcome)).contains("Bundle.entry[1]").contains("Patient").contains("Observation");
		assertThat(outcome.getIssueFirstRep().getExpression()).extracting(e -> e.getValue())
				.containsExactly("Bundle.entry[1].request.url");
		assertThat(observationsMarked(marker)).isZero();
		assertThat(patientsNamed(marker)).isZero();
		assertServerStillServes();
	}

	// ---------------------------------------------------------------- size

	@Test
	void aFiftyMegabyteBodyGets413() throws Exception {
		byte[] body = patientOfBytes(50 * 1024 * 1024);

		HttpResponse<String> response = http.send(post("Patient", HttpRequest.BodyPublishers.ofByteArray(body)),
				HttpResponse.BodyHandlers.ofString());

		OperationOutcome outcome = assertOperationOutcome(response, 413);
		assertThat(diagnostics(outcome)).contains("aitrust.server.max-request-size").contains("20971520");
		assertServerStillServes();
	}

	@Test
	void aFiftyMegabyteChunkedBodyGets413() throws Exception {
		byte[] body = patientOfBytes(50 * 1024 * 1024);

		// A body publisher without a length makes the client send the body chunked.
		HttpResponse<String> response = http.send(
				post("Patient", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
				HttpResponse.BodyHandlers.ofString());

		OperationOutcome outcome = assertOperationOutcome(response, 413);
		assertThat(diagnostics(outcome)).contains("aitrust.server.max-request-size");
		assertServerStillServes();
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

		HttpResponse<String> response = send("POST", "", FHIR_JSON, json(bundle));

		OperationOutcome outcome = assertOperationOutcome(response, 413);
		assertThat(diagnostics(outcome)).contains("10000 entries").contains("aitrust.server.max-bundle-entries");
		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOLONG);
		assertThat(patientsNamed(marker)).isZero();
		assertServerStillServes();
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

	// ---------------------------------------------------------------- helpers

	/** The server answers its CapabilityStatement and stores a normal Patient. */
	private void assertServerStillServes() throws Exception {
		HttpResponse<String> metadata = send("GET", "metadata", null, null);
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(parse(metadata)).isInstanceOf(CapabilityStatement.class);

		HttpResponse<String> created = send("POST", "Patient", FHIR_JSON, json(patient("Healthy-" + UUID.randomUUID())));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/Patient/"));
	}

	/** The status, and a body that is an OperationOutcome with at least one error (or fatal) issue. */
	private static OperationOutcome assertOperationOutcome(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		IBaseResource body = parse(response);
		assertThat(body).as(response.body()).isInstanceOf(OperationOutcome.class);
		OperationOutcome outcome = (OperationOutcome) body;
		assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getSeverity)
				.containsAnyOf(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
		return outcome;
	}

	private static IBaseResource parse(HttpResponse<String> response) {
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		EncodingEnum encoding = EncodingEnum.forContentType(contentType.split(";")[0].trim());
		assertThat(encoding).as("FHIR content type of the response, was '" + contentType + "'").isNotNull();
		return encoding.newParser(FHIR).parseResource(response.body());
	}

	private static String diagnostics(OperationOutcome outcome) {
		return String.join("\n", outcome.getIssue().stream()
				.map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).toList());
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

	private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest post(String path, HttpRequest.BodyPublisher body) {
		return HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).header("Content-Type", FHIR_JSON).POST(body).build();
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
