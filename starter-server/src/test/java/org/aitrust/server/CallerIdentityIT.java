package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The agent header is believed only from a trusted proxy. Here the only trusted proxy is an address the test does not
 * send from (a configuration value; no traffic goes there), so the test's own requests, from loopback, are what an
 * untrusted client sends: a header naming a registered AI agent is refused with 403 and an OperationOutcome, for a
 * write (nothing stored) and for a read alike; without the header the request is served. That the header names the
 * source when loopback is trusted, the tests' usual setting, {@code AiProvenanceIT} shows.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.identity.trusted-proxies=10.255.255.1/32",
			"aitrust.provenance.enabled=true",
			"aitrust.quality.enabled=true",
			"aitrust.provenance.agents[0].id=scribe",
			"aitrust.provenance.agents[0].model-name=ClinicalScribe",
			"aitrust.provenance.agents[0].model-version=3.1",
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs"
		})
@IsolatedDatabase
class CallerIdentityIT {

	private static final FhirContext FHIR = FhirTestClients.fhirContext();
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void aWriteNamingAnAgentFromAnUntrustedPeerIs403WithAnOperationOutcomeAndStoresNothing() throws Exception {
		String code = UUID.randomUUID().toString();
		int before = count(code);

		HttpResponse<String> refused = send(post("Observation", observation(code)).header("X-AI-Agent", "scribe"));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(diagnostics(refused)).contains("X-AI-Agent", "only accepted from a trusted proxy");
		assertThat(count(code)).as("nothing stored").isEqualTo(before);
		assertThat(count("Provenance", "")).as("no AI-Provenance either").isZero();
	}

	@Test
	void aTransactionNamingAnAgentIsRefusedWhole() throws Exception {
		String code = UUID.randomUUID().toString();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(observation(code)).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

		HttpResponse<String> refused = send(post("", transaction).header("X-AI-Agent", "scribe"));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(count(code)).isZero();
	}

	@Test
	void readsAndOperationsCarryingTheHeaderAreRefusedToo() throws Exception {
		HttpResponse<String> created = send(post("Observation", observation(UUID.randomUUID().toString())));
		String location = created.headers().firstValue("Location").orElseThrow();
		String id = location.replaceAll(".*/Observation/([^/]+)/_history/.*", "$1");

		for (String path : new String[] {"Observation/" + id, "Observation?code=x", "$aitrust-status"}) {
			HttpResponse<String> refused = send(get(path).header("X-AI-Agent", "scribe"));
			assertThat(refused.statusCode()).as(path).isEqualTo(403);
			assertThat(diagnostics(refused)).as(path).contains("only accepted from a trusted proxy");
		}
		assertThat(send(get("Observation/" + id)).statusCode()).isEqualTo(200);
	}

	@Test
	void withoutTheHeaderAWriteIsStoredAsAnyAnonymousClientsWouldBe() throws Exception {
		String code = UUID.randomUUID().toString();

		HttpResponse<String> created = send(post("Observation", observation(code)));

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(count(code)).isEqualTo(1);
		String id = created.headers().firstValue("Location").orElseThrow()
				.replaceAll(".*/(Observation/[^/]+)/_history/.*", "$1");
		assertThat(count("Provenance", "?target=" + id)).as("not an AI write").isZero();
	}

	private int count(String code) throws Exception {
		return count("Observation", "?code=http://example.org/codes%7C" + code);
	}

	private int count(String type, String query) throws Exception {
		String separator = query.isEmpty() ? "?" : "&";
		HttpResponse<String> answer = send(get(type + query + separator + "_summary=count"));
		assertThat(answer.statusCode()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Bundle.class, answer.body()).getTotal();
	}

	private static Observation observation(String code) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://example.org/codes").setCode(code);
		return observation;
	}

	private HttpRequest.Builder get(String path) {
		return TestGateway.request(uri(path)).header("Accept", "application/fhir+json").GET();
	}

	private HttpRequest.Builder post(String path, org.hl7.fhir.instance.model.api.IBaseResource body) {
		return TestGateway.request(uri(path)).header("Accept", "application/fhir+json")
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(body)));
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + "/fhir/" + path);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String diagnostics(HttpResponse<String> answer) {
		OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, answer.body());
		return outcome.getIssueFirstRep().getDiagnostics();
	}
}
