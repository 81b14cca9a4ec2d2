package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The starter server as a new user meets it: a FHIR server at /fhir with the module in it. */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "aitrust.server.max-request-size=1MB")
@IsolatedDatabase
class StarterServerIT {

	private static final FhirContext FHIR = FhirTestClients.fhirContext();

	@LocalServerPort
	int port;

	/** Actuator's own port, on loopback, where it needs no token. */
	@LocalManagementPort
	int managementPort;

	IGenericClient client;
	HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void connect() {
		client = TestGateway.client(port);
	}

	@Test
	void metadataIsACapabilityStatementThatListsTheModuleStatusOperation() {
		CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();

		assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
		assertThat(capabilities.getRestFirstRep().getOperation())
				.extracting(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName)
				.contains("aitrust-status");
		assertThat(capabilities.getRestFirstRep().getResource())
				.extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
				.contains("Patient", "Observation", "Provenance", "Device");
	}

	@Test
	void aPatientCanBeCreatedAndReadBack() {
		Patient patient = new Patient();
		patient.addName().setFamily("Nakamura").addGiven("Aiko");
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1984-03-02"));

		IdType id = (IdType) client.create().resource(patient).execute().getId();
		Patient read = client.read().resource(Patient.class).withId(id.toUnqualifiedVersionless()).execute();

		assertThat(id.getVersionIdPart()).isEqualTo("1");
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Nakamura");
		assertThat(read.getBirthDateElement().getValueAsString()).isEqualTo("1984-03-02");
	}

	@Test
	void statusOperationReportsTheModuleAndItsCapabilities() {
		Parameters status = client.operation().onServer().named("$aitrust-status")
				.withNoParameters(Parameters.class).useHttpGet().execute();

		assertThat(status.getParameter("module").getValue().primitiveValue()).isEqualTo("FHIR AI Trust");
		// the starter exists to show the module: its defaults switch every capability on, and security with them
		for (String capability : List.of("provenance", "validation", "quality", "oversight", "security", "audit")) {
			Parameters.ParametersParameterComponent reported = status.getParameters("capability").stream()
					.filter(c -> capability.equals(c.getPart().get(0).getValue().primitiveValue()))
					.findFirst().orElseThrow();
			assertThat(reported.getPart().get(1).getValue().primitiveValue()).as(capability).isEqualTo("true");
		}
	}

	@Test
	void aBodyOverTheConfiguredLimitGets413WithAnOperationOutcome() throws Exception {
		byte[] body = oversizedPatient();

		HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(body));

		assertTooLarge(response);
		assertServerStillAnswers();
	}

	@Test
	void aChunkedBodyOverTheLimitGets413Too() throws Exception {
		byte[] body = oversizedPatient();

		// An InputStream publisher has no length, so the client sends the body chunked.
		HttpResponse<String> response =
				post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

		assertTooLarge(response);
		assertServerStillAnswers();
	}

	@Test
	void actuatorHealthIsUp() throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
		return http.send(TestGateway.request(URI.create("http://localhost:" + port + "/fhir/Patient"))
						.header("Content-Type", "application/fhir+json")
						.POST(body)
						.build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static byte[] oversizedPatient() {
		char[] filler = new char[1_200_000];
		Arrays.fill(filler, 'x');
		return ("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + new String(filler) + "\"}]}").getBytes();
	}

	private static void assertTooLarge(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(413);
		OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("aitrust.server.max-request-size");
	}

	private void assertServerStillAnswers() {
		assertThat(client.search().forResource(Patient.class).returnBundle(org.hl7.fhir.r4.model.Bundle.class)
				.execute().getType().toCode()).isEqualTo("searchset");
	}
}
