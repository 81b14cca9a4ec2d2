package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter server as it starts by default, secured, with real tokens from its own issuer: who may reach it
 * without a token (SMART discovery, the CapabilityStatement, actuator on its loopback port), what a token that is
 * missing, malformed or signed by someone else gets (401, {@code WWW-Authenticate}, an OperationOutcome, nothing
 * written), what each scope form lets a client do, how an AI agent's token becomes the AI-Provenance's agent, how
 * a reviewer signs in with PKCE and gets only a reviewer's scopes whatever the app asks for, and reviews as the record
 * its token names and never as someone else.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.provenance.enabled=true",
			"aitrust.quality.enabled=true",
			"aitrust.provenance.agents[0].id=ai-scribe",
			"aitrust.provenance.agents[0].model-name=ClinicalScribe",
			"aitrust.provenance.agents[0].model-version=3.1",
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs",
			"aitrust.server.issuer.clients.patient-reader.scopes=system/Patient.rs",
			"aitrust.server.issuer.clients.v1-reader.scopes=system/Patient.read",
			"aitrust.server.issuer.users.chief.fhir-user=Practitioner/chief",
			"aitrust.server.issuer.users.chief.scopes=user/*.cruds,aitrust/admin,aitrust/review,aitrust/reports"
		})
@IsolatedDatabase
class StarterSecurityIT {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final String SCRIBE_SECRET = UUID.randomUUID().toString();
	private static final String ADMIN_SECRET = UUID.randomUUID().toString();
	private static final String READER_SECRET = UUID.randomUUID().toString();
	private static final String CHIEF_PASSWORD = UUID.randomUUID().toString();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void secrets(DynamicPropertyRegistry registry) {
		registry.add("aitrust.server.issuer.clients.ai-scribe.secret", () -> SCRIBE_SECRET);
		registry.add("aitrust.server.issuer.clients.administrator.secret", () -> ADMIN_SECRET);
		registry.add("aitrust.server.issuer.clients.patient-reader.secret", () -> READER_SECRET);
		registry.add("aitrust.server.issuer.clients.v1-reader.secret", () -> READER_SECRET);
		registry.add("aitrust.server.issuer.users.chief.password", () -> CHIEF_PASSWORD);
	}

	@Test
	void aRequestWithoutATokenGets401WithWwwAuthenticateAndAnOperationOutcomeAndWritesNothing() throws Exception {
		String code = UUID.randomUUID().toString();

		HttpResponse<String> read = send(HttpRequest.newBuilder(fhir("Patient")).GET(), null);
		HttpResponse<String> write = send(HttpRequest.newBuilder(fhir("Observation")), observation(code));

		for (HttpResponse<String> refused : List.of(read, write)) {
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					value -> assertThat(value).startsWith("Bearer"));
			assertThat(outcome(refused).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
		}
		assertThat(diagnostics(read)).contains("bearer token", ".well-known/smart-configuration");
		assertThat(countObservations(code)).as("nothing stored").isZero();
	}

	@Test
	void aMalformedTokenOrOneSignedByAnotherKeyIsRefused() throws Exception {
		NimbusJwtEncoder stranger = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(
				new RSAKeyGenerator(2048).keyID("stranger").generate())));
		String forged = stranger.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
				JwtClaimsSet.builder().subject("ai-scribe").claim("client_id", "ai-scribe")
						.claim("scope", List.of("system/*.cruds", "aitrust/admin")).issuedAt(Instant.now())
						.expiresAt(Instant.now().plusSeconds(300)).build())).getTokenValue();
		String code = UUID.randomUUID().toString();

		for (String token : List.of("not-a-jwt", forged)) {
			HttpResponse<String> refused = send(HttpRequest.newBuilder(fhir("Observation"))
					.header("Authorization", "Bearer " + token), observation(code));
			assertThat(refused.statusCode()).as(token).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
			assertThat(outcome(refused).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
		}
		assertThat(countObservations(code)).isZero();
	}

	@Test
	void smartDiscoveryAndTheCapabilityStatementArePublicAndNameThisServersIssuer() throws Exception {
		HttpResponse<String> discovery = send(HttpRequest.newBuilder(fhir(".well-known/smart-configuration")).GET(), null);
		HttpResponse<String> metadata = send(HttpRequest.newBuilder(fhir("metadata"))
				.header("Accept", "application/fhir+json").GET(), null);

		assertThat(discovery.statusCode()).isEqualTo(200);
		JsonNode document = JSON.readTree(discovery.body());
		assertThat(document.path("token_endpoint").asText()).isEqualTo("http://localhost:" + port + "/oauth2/token");
		assertThat(document.path("authorization_endpoint").asText())
				.isEqualTo("http://localhost:" + port + "/oauth2/authorize");
		assertThat(document.path("code_challenge_methods_supported").toString()).contains("S256");
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(metadata.body()).contains("SMART-on-FHIR", "http://localhost:" + port + "/oauth2/token");
	}

	@Test
	void actuatorAnswersOnlyOnItsLoopbackManagementPort() throws Exception {
		HttpResponse<String> publicWithoutToken = send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + port + "/actuator/health")).GET(), null);
		HttpResponse<String> publicWithToken = send(TestGateway.request(
				URI.create("http://localhost:" + port + "/actuator/prometheus")).GET(), null);
		HttpResponse<String> management = HTTP.send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(publicWithoutToken.statusCode()).isEqualTo(401);
		assertThat(publicWithToken.statusCode()).as("not served on the public port").isEqualTo(404);
		assertThat(management.statusCode()).isEqualTo(200);
		assertThat(management.body()).contains("\"status\":\"UP\"");
		Optional<InetAddress> external = nonLoopbackAddress();
		if (external.isPresent()) {
			assertThat(connects(external.get(), managementPort)).as("management port on " + external.get()).isFalse();
			assertThat(connects(external.get(), port)).as("the public port on " + external.get()).isTrue();
		} else {
			System.out.println("[security] no non-loopback address here: the management port's binding is not probed");
		}
	}

	@Test
	void anAiAgentsOwnTokenMakesItTheAuthorOfItsWrite() throws Exception {
		String token = TestGateway.clientToken(port, "ai-scribe", SCRIBE_SECRET, "system/*.cruds");
		String code = UUID.randomUUID().toString();

		HttpResponse<String> created = send(HttpRequest.newBuilder(fhir("Observation"))
				.header("Authorization", "Bearer " + token), observation(code));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		Observation stored = (Observation) FHIR.newJsonParser().parseResource(created.body());
		assertThat(stored.getMeta().getSecurity()).anyMatch(c -> "AIAST".equals(c.getCode()));
		Bundle provenance = TestGateway.client(port).search().forResource(Provenance.class)
				.where(Provenance.TARGET.hasId(stored.getIdElement().toUnqualifiedVersionless().getValue()))
				.returnBundle(Bundle.class).execute();
		assertThat(provenance.getEntry()).hasSize(1);
		Provenance ai = (Provenance) provenance.getEntryFirstRep().getResource();
		assertThat(ai.getAgentFirstRep().getWho().getReference()).startsWith("Device/");
		org.hl7.fhir.r4.model.Device device = TestGateway.client(port).read().resource(org.hl7.fhir.r4.model.Device.class)
				.withId(ai.getAgentFirstRep().getWho().getReferenceElement()).execute();
		assertThat(device.getDeviceName()).anyMatch(name -> name.getName().contains("ClinicalScribe"));
	}

	@Test
	void eachScopeFormAllowsWhatItNamesAndRefusesTheRestWith403() throws Exception {
		String v2 = TestGateway.clientToken(port, "patient-reader", READER_SECRET, "system/Patient.rs");
		String v1 = TestGateway.clientToken(port, "v1-reader", READER_SECRET, "system/Patient.read");
		String scribe = TestGateway.clientToken(port, "ai-scribe", SCRIBE_SECRET, "system/*.cruds");
		String admin = TestGateway.clientToken(port, "administrator", ADMIN_SECRET,
				"system/*.cruds aitrust/admin aitrust/reports");
		String code = UUID.randomUUID().toString();

		for (String reader : List.of(v2, v1)) {
			assertThat(send(bearer(fhir("Patient"), reader).GET(), null).statusCode()).isEqualTo(200);
			HttpResponse<String> write = send(bearer(fhir("Observation"), reader), observation(code));
			assertThat(write.statusCode()).isEqualTo(403);
			assertThat(outcome(write).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
			assertThat(send(bearer(fhir("Patient"), reader), new Patient().addName(
					new org.hl7.fhir.r4.model.HumanName().setFamily(code))).statusCode()).isEqualTo(403);
		}
		assertThat(countObservations(code)).as("nothing written by a read-only token").isZero();
		assertThat(send(bearer(fhir("$data-quality"), scribe).GET(), null).statusCode())
				.as("reports need the reports permission").isEqualTo(403);
		assertThat(send(bearer(fhir("$data-quality"), admin).GET(), null).statusCode()).isEqualTo(200);
		assertThat(send(bearer(fhir("$data-quality"), v2).GET(), null).statusCode()).isEqualTo(403);
	}

	@Test
	void aSignedInUserGetsAUserTokenNarrowedToWhatThatUserMayHave() throws Exception {
		String asked = "user/*.rs aitrust/review aitrust/reports aitrust/admin";

		JsonNode reviewer = new BrowserSignIn(port).signIn(TestGateway.REVIEWER, TestGateway.reviewerPassword(), asked);
		JsonNode chief = new BrowserSignIn(port).signIn("chief", CHIEF_PASSWORD, asked);

		JsonNode reviewerClaims = BrowserSignIn.claims(reviewer.path("access_token").asText());
		assertThat(reviewerClaims.path("fhirUser").asText()).isEqualTo("Practitioner/reviewer");
		assertThat(reviewerClaims.path("client_id").asText()).isEqualTo("aitrust-dashboard");
		assertThat(scopes(reviewerClaims)).containsExactlyInAnyOrder("user/*.rs", "aitrust/review", "aitrust/reports");
		assertThat(scopes(BrowserSignIn.claims(chief.path("access_token").asText())))
				.contains("aitrust/admin", "aitrust/review");
		String token = reviewer.path("access_token").asText();
		assertThat(send(bearer(fhir("$data-quality"), token).GET(), null).statusCode()).isEqualTo(200);
		assertThat(send(bearer(fhir("Observation"), token), observation(UUID.randomUUID().toString())).statusCode())
				.as("user/*.rs reads only").isEqualTo(403);
	}

	@Test
	void aSignedInReviewerReviewsAsItsOwnRecordAndNeverAsSomeoneElse() throws Exception {
		IGenericClient gateway = TestGateway.client(port);
		for (String id : List.of("reviewer", "someone-else")) {
			gateway.update().resource(new org.hl7.fhir.r4.model.Practitioner().setId("Practitioner/" + id)).execute();
		}
		String scribe = TestGateway.clientToken(port, "ai-scribe", SCRIBE_SECRET, "system/*.cruds");
		HttpResponse<String> written = send(bearer(fhir("Observation"), scribe), observation(UUID.randomUUID().toString()));
		String target = ((Observation) FHIR.newJsonParser().parseResource(written.body())).getIdElement()
				.toUnqualifiedVersionless().getValue();
		String reviewer = new BrowserSignIn(port).signIn(TestGateway.REVIEWER, TestGateway.reviewerPassword(),
				"user/*.rs aitrust/review").path("access_token").asText();
		int provenanceBefore = countProvenance(target);

		HttpResponse<String> asSomeoneElse = send(bearer(fhir(target + "/$ai-review"), reviewer),
				review("Practitioner/someone-else"));
		assertThat(asSomeoneElse.statusCode()).isEqualTo(403);
		assertThat(diagnostics(asSomeoneElse)).contains("Practitioner/someone-else", "Practitioner/reviewer");
		assertThat(countProvenance(target)).as("nothing written").isEqualTo(provenanceBefore);

		HttpResponse<String> asItself = send(bearer(fhir(target + "/$ai-review"), reviewer), review(null));
		assertThat(asItself.statusCode()).as(asItself.body()).isEqualTo(200);
		Provenance review = (Provenance) FHIR.newJsonParser().parseResource(asItself.body());
		assertThat(review.getAgentFirstRep().getWho().getReference()).isEqualTo("Practitioner/reviewer");
	}

	@Test
	void aCodeIsRedeemedOnlyWithItsPkceVerifier() throws Exception {
		BrowserSignIn browser = new BrowserSignIn(port);
		JsonNode refused = browser.redeem("no-such-code", "http://127.0.0.1:" + port + "/quality/", "wrong-verifier");

		assertThat(refused.path("httpStatus").asInt()).isEqualTo(400);
		assertThat(refused.path("error").asText()).isEqualTo("invalid_grant");
	}

	private static org.hl7.fhir.r4.model.Parameters review(String reviewer) {
		org.hl7.fhir.r4.model.Parameters parameters = new org.hl7.fhir.r4.model.Parameters();
		if (reviewer != null) {
			parameters.addParameter().setName("reviewer").setValue(new org.hl7.fhir.r4.model.Reference(reviewer));
		}
		parameters.addParameter().setName("outcome").setValue(new org.hl7.fhir.r4.model.CodeType("verified"));
		return parameters;
	}

	private int countProvenance(String target) {
		return TestGateway.client(port).search().forResource(Provenance.class)
				.where(Provenance.TARGET.hasId(target)).returnBundle(Bundle.class).execute().getEntry().size();
	}

	private static List<String> scopes(JsonNode claims) {
		List<String> scopes = new ArrayList<>();
		claims.path("scope").forEach(scope -> scopes.add(scope.asText()));
		return scopes;
	}

	private URI fhir(String path) {
		return URI.create("http://localhost:" + port + "/fhir/" + path);
	}

	private static HttpRequest.Builder bearer(URI uri, String token) {
		return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request, org.hl7.fhir.instance.model.api.IBaseResource body)
			throws Exception {
		request.header("Accept", "application/fhir+json");
		if (body != null) {
			request.header("Content-Type", "application/fhir+json")
					.POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(body)));
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static OperationOutcome outcome(HttpResponse<String> response) {
		return (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
	}

	private static String diagnostics(HttpResponse<String> response) {
		return outcome(response).getIssueFirstRep().getDiagnostics();
	}

	private static Observation observation(String code) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("urn:test").setCode(code);
		return observation;
	}

	private int countObservations(String code) {
		IGenericClient client = TestGateway.client(port);
		return client.search().forResource(Observation.class)
				.where(Observation.CODE.exactly().systemAndCode("urn:test", code))
				.returnBundle(Bundle.class).execute().getEntry().size();
	}

	private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
		for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!nic.isUp() || nic.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(nic.getInetAddresses())) {
				if (address instanceof Inet4Address) {
					return Optional.of(address);
				}
			}
		}
		return Optional.empty();
	}

	private static boolean connects(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new java.net.InetSocketAddress(address, port), 2000);
			return true;
		} catch (ConnectException refused) {
			return false;
		} catch (java.io.IOException other) {
			return false;
		}
	}
}
