package org.aitrust.foreign;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.IParser;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.aitrust.interceptor.security.SmartCapabilityStatementContributor;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A hospital's own HAPI JPA server secured as an OAuth 2.0 resource server by its own Spring Security, with the
 * module's SMART scope authorization on. Tokens are signed by a key this test generates, as the hospital's identity
 * provider would sign them; each case sends a handful of requests with one token and checks what is allowed, what is
 * refused (403 with an OperationOutcome) and that a refused write stored nothing.
 */
@SpringBootTest(
		classes = {MinimalHapiJpaServer.class, SmartScopesIT.HospitalSecurity.class},
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"spring.main.allow-circular-references=true",
			"spring.flyway.enabled=false",
			"aitrust.security.enabled=true",
			"aitrust.security.issuer=" + SmartScopesIT.ISSUER,
			"aitrust.security.authorization-endpoint=" + SmartScopesIT.ISSUER + "/authorize",
			"aitrust.security.token-endpoint=" + SmartScopesIT.ISSUER + "/token",
			"aitrust.provenance.enabled=true",
			"aitrust.quality.enabled=true"
		})
@IsolatedDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartScopesIT {

	static final String ISSUER = "https://idp.hospital.test";
	private static final KeyPair KEYS = rsaKeys();

	private final HttpClient http = HttpClient.newHttpClient();
	private final IParser json = FhirTestClients.fhirContext().newJsonParser();

	@LocalServerPort
	int port;

	private String alice;
	private String bob;
	private String aliceObservation;
	private String bobObservation;
	private String practitioner;

	/** The hospital's resource-server set-up: every request needs a bearer token signed by its identity provider. */
	@TestConfiguration(proxyBeanMethods = false)
	static class HospitalSecurity {

		@Bean
		SecurityFilterChain fhirSecurity(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
					.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
					.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
					.csrf(csrf -> csrf.disable())
					.build();
		}

		@Bean
		JwtDecoder jwtDecoder() {
			return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
		}
	}

	@BeforeAll
	void twoPatientsWithAnObservationEach() throws Exception {
		String admin = token("system/*.cruds", null);
		alice = created(admin, "Patient", new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Alice")));
		bob = created(admin, "Patient", new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Bob")));
		aliceObservation = created(admin, "Observation", observationOf(alice));
		bobObservation = created(admin, "Observation", observationOf(bob));
		practitioner = created(admin, "Practitioner", new org.hl7.fhir.r4.model.Practitioner());
	}

	@Test
	void aCreateScopeCreatesItsTypeAndNothingElse() throws Exception {
		String token = token("system/Observation.c", null);
		long patients = count("Patient");

		assertThat(send(token, "POST", "Observation", observationOf(alice)).statusCode()).isEqualTo(201);
		assertRefused(send(token, "POST", "Patient", new Patient()));
		assertRefused(send(token, "GET", "Observation/" + aliceObservation, null));
		assertThat(count("Patient")).as("nothing written").isEqualTo(patients);
	}

	@Test
	void readAndSearchScopesAllowExactlyTheirInteraction() throws Exception {
		String readAndSearch = token("system/Observation.rs", null);
		String readOnly = token("system/Observation.r", null);
		String searchOnly = token("system/Observation.s", null);

		assertThat(send(readAndSearch, "GET", "Observation/" + aliceObservation, null).statusCode()).isEqualTo(200);
		assertThat(send(readAndSearch, "GET", "Observation?patient=" + alice, null).statusCode()).isEqualTo(200);
		assertRefused(send(readAndSearch, "PUT", "Observation/" + aliceObservation, withId(observationOf(alice), aliceObservation)));
		assertRefused(send(readAndSearch, "DELETE", "Observation/" + aliceObservation, null));
		assertRefused(send(readAndSearch, "GET", "Patient/" + alice, null));
		assertThat(send(readOnly, "GET", "Observation/" + aliceObservation, null).statusCode()).isEqualTo(200);
		assertRefused(send(readOnly, "GET", "Observation?patient=" + alice, null));
		assertThat(send(searchOnly, "GET", "Observation?patient=" + alice, null).statusCode()).isEqualTo(200);
		assertRefused(send(searchOnly, "GET", "Observation/" + aliceObservation, null));
	}

	@Test
	void updateAndDeleteScopesAllowExactlyTheirInteraction() throws Exception {
		String admin = token("system/*.cruds", null);
		String observation = created(admin, "Observation", observationOf(bob));
		String updater = token("user/Observation.u", null);
		String deleter = token("user/Observation.d", null);
		long observations = count("Observation");

		assertThat(send(updater, "PUT", "Observation/" + observation, withId(observationOf(bob), observation)).statusCode())
				.isEqualTo(200);
		assertRefused(send(updater, "POST", "Observation", observationOf(bob)));
		assertRefused(send(updater, "DELETE", "Observation/" + observation, null));
		assertThat(count("Observation")).as("nothing created").isEqualTo(observations);
		assertThat(send(deleter, "DELETE", "Observation/" + observation, null).statusCode()).isIn(200, 204);
	}

	@Test
	void theVersionOneFormsMeanReadAndSearchOrCreateUpdateAndDelete() throws Exception {
		String reader = token("user/*.read", null);
		String writer = token("system/Observation.write", null);

		assertThat(send(reader, "GET", "Patient/" + bob, null).statusCode()).isEqualTo(200);
		assertThat(send(reader, "GET", "Observation?patient=" + bob, null).statusCode()).isEqualTo(200);
		assertRefused(send(reader, "POST", "Patient", new Patient()));
		assertThat(send(writer, "POST", "Observation", observationOf(bob)).statusCode()).isEqualTo(201);
		assertRefused(send(writer, "GET", "Observation/" + bobObservation, null));
	}

	@Test
	void aPatientScopedTokenStaysInsideItsPatientsCompartment() throws Exception {
		String token = token("patient/Observation.crs patient/Patient.rs", alice);
		long observations = count("Observation");

		assertThat(send(token, "GET", "Observation/" + aliceObservation, null).statusCode()).isEqualTo(200);
		assertThat(send(token, "GET", "Observation?patient=" + alice, null).statusCode()).isEqualTo(200);
		assertThat(send(token, "GET", "Patient/" + alice, null).statusCode()).isEqualTo(200);
		assertRefused(send(token, "GET", "Observation/" + bobObservation, null));
		assertRefused(send(token, "GET", "Observation?patient=" + bob, null));
		assertRefused(send(token, "GET", "Patient/" + bob, null));
		assertRefused(send(token, "POST", "Observation", observationOf(bob)));
		assertThat(count("Observation")).as("nothing written into another patient's record").isEqualTo(observations);
		assertThat(send(token, "POST", "Observation", observationOf(alice)).statusCode()).isEqualTo(201);
	}

	@Test
	void aTransactionIsRefusedWholeWhenOneEntryIsNotAllowed() throws Exception {
		String token = token("system/Observation.c", null);
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(observationOf(alice)).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("Observation");
		transaction.addEntry().setResource(new Patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		long observations = count("Observation");

		assertRefused(send(token, "POST", "", transaction));
		assertThat(count("Observation")).as("nothing written").isEqualTo(observations);
	}

	@Test
	void aQueryRestrictedScopeIsRefusedRatherThanGrantedUnrestricted() throws Exception {
		String token = token("system/Observation.rs?category=laboratory", null);

		assertRefused(send(token, "GET", "Observation?patient=" + alice, null));
	}

	@Test
	void theModuleOperationsNeedTheirScopes() throws Exception {
		String reports = token("aitrust/reports", null);
		String reviewer = token("aitrust/review", null, "Practitioner/" + practitioner);
		String clinicalEverything = token("system/*.cruds", null);

		assertThat(send(reports, "GET", "$data-quality", null).statusCode()).isEqualTo(200);
		assertThat(send(reports, "GET", "$aitrust-status", null).statusCode()).isEqualTo(200);
		assertRefused(send(reports, "GET", "$ai-unreviewed?type=Observation", null));
		assertRefused(send(reports, "POST", "Observation/" + aliceObservation + "/$ai-review", review()));
		assertThat(send(reviewer, "GET", "$ai-unreviewed?type=Observation", null).statusCode()).isEqualTo(200);
		assertThat(send(reviewer, "POST", "Observation/" + aliceObservation + "/$ai-review", review()).statusCode())
				.as("past authorization, refused by the operation itself: no AI wrote this Observation").isEqualTo(422);
		assertRefused(send(reviewer, "GET", "$data-quality", null));
		assertRefused(send(clinicalEverything, "GET", "$data-quality", null));
	}

	@Test
	void aClinicianReviewsAsTheTokensFhirUserAndNoOneElse() throws Exception {
		String write = created(token("system/Observation.c", null), "Observation", aiWritten(observationOf(alice)));
		String colleague = created(token("system/*.cruds", null), "Practitioner", new org.hl7.fhir.r4.model.Practitioner());
		String clinician = token("aitrust/review", null, "https://ehr.hospital.test/fhir/Practitioner/" + practitioner);
		long provenance = count("Provenance");

		HttpResponse<String> asSomeoneElse = send(clinician, "POST", "Observation/" + write + "/$ai-review",
				review("Practitioner/" + colleague, "verified"));
		assertRefused(asSomeoneElse);
		assertThat(asSomeoneElse.body()).contains("Practitioner/" + practitioner, "Practitioner/" + colleague);
		assertThat(count("Provenance")).as("nothing written").isEqualTo(provenance);

		HttpResponse<String> asItself = send(clinician, "POST", "Observation/" + write + "/$ai-review",
				review(null, "verified"));
		assertThat(asItself.statusCode()).as(asItself.body()).isEqualTo(200);
		org.hl7.fhir.r4.model.Provenance stored = reviewOf(write);
		assertThat(stored.getAgent()).singleElement().satisfies(agent -> {
			assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("verifier");
			assertThat(agent.getWho().getReference()).isEqualTo("Practitioner/" + practitioner);
		});
	}

	@Test
	void aUserWhoIsNoClinicianAndAClientWithoutUserMayNotReview() throws Exception {
		String write = created(token("system/Observation.c", null), "Observation", aiWritten(observationOf(bob)));
		long provenance = count("Provenance");

		assertRefused(send(token("aitrust/review", null, "Patient/" + bob), "POST",
				"Observation/" + write + "/$ai-review", review(null, "verified")));
		HttpResponse<String> backend = send(token("aitrust/review", null), "POST", "Observation/" + write + "/$ai-review",
				review("Practitioner/" + practitioner, "verified"));
		assertRefused(backend);
		assertThat(backend.body()).contains("fhirUser");
		assertThat(count("Provenance")).as("nothing written").isEqualTo(provenance);
	}

	@Test
	void anAdministratorRecordsAReviewOnACliniciansBehalfAndIsNamedAsItsEnterer() throws Exception {
		String write = created(token("system/Observation.c", null), "Observation", aiWritten(observationOf(alice)));
		String other = created(token("system/Observation.c", null), "Observation", aiWritten(observationOf(bob)));
		String administrator = created(token("system/*.cruds", null), "Practitioner",
				new org.hl7.fhir.r4.model.Practitioner());

		HttpResponse<String> byUser = send(token("aitrust/admin", null, "Practitioner/" + administrator), "POST",
				"Observation/" + write + "/$ai-review", review("Practitioner/" + practitioner, "corrected"));
		assertThat(byUser.statusCode()).as(byUser.body()).isEqualTo(200);
		org.hl7.fhir.r4.model.Provenance onBehalf = reviewOf(write);
		assertThat(onBehalf.getAgent()).extracting(agent -> agent.getType().getCodingFirstRep().getCode() + " "
				+ agent.getWho().getReference()).containsExactly("verifier Practitioner/" + practitioner,
						"enterer Practitioner/" + administrator);
		assertThat(onBehalf.getAgent().get(1).getType().getCodingFirstRep().getSystem())
				.isEqualTo("http://terminology.hl7.org/CodeSystem/provenance-participant-type");

		HttpResponse<String> byClient = send(token("aitrust/admin", null), "POST", "Observation/" + other + "/$ai-review",
				review("Practitioner/" + practitioner, "verified"));
		assertThat(byClient.statusCode()).as(byClient.body()).isEqualTo(200);
		org.hl7.fhir.r4.model.Provenance.ProvenanceAgentComponent enterer = reviewOf(other).getAgent().get(1);
		assertThat(enterer.getType().getCodingFirstRep().getCode()).isEqualTo("enterer");
		assertThat(enterer.getWho().getDisplay()).isEqualTo("client test-client");
	}

	@Test
	void withoutATokenTheAnswerIs401WithABearerChallenge() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("Observation/" + aliceObservation)).GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				challenge -> assertThat(challenge).startsWith("Bearer"));
	}

	@Test
	void everyAuthenticatedCallerSeesSmartOnFhirInTheCapabilityStatement() throws Exception {
		HttpResponse<String> response = send(token("openid", null), "GET", "metadata", null);

		assertThat(response.statusCode()).isEqualTo(200);
		CapabilityStatement statement = json.parseResource(CapabilityStatement.class, response.body());
		CapabilityStatement.CapabilityStatementRestSecurityComponent security = statement.getRestFirstRep().getSecurity();
		assertThat(security.getService()).anySatisfy(service -> assertThat(service.hasCoding(
				SmartCapabilityStatementContributor.SECURITY_SERVICE_SYSTEM, "SMART-on-FHIR")).isTrue());
		assertThat(security.getExtensionByUrl(SmartCapabilityStatementContributor.OAUTH_URIS)
				.getExtensionByUrl("token").getValue().primitiveValue()).isEqualTo(ISSUER + "/token");
	}

	@Test
	void smartClientsDiscoverTheAuthorizationServerWithoutAToken() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(".well-known/smart-configuration")).GET()
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).contains("\"token_endpoint\":\"" + ISSUER + "/token\"",
				"\"code_challenge_methods_supported\":[\"S256\"]", "\"capabilities\":[\"permission-v1\"");
	}

	private org.hl7.fhir.r4.model.Parameters review() {
		return review("Practitioner/" + practitioner, "verified");
	}

	private static org.hl7.fhir.r4.model.Parameters review(String reviewer, String outcome) {
		org.hl7.fhir.r4.model.Parameters review = new org.hl7.fhir.r4.model.Parameters();
		if (reviewer != null) {
			review.addParameter().setName("reviewer").setValue(new Reference(reviewer));
		}
		review.addParameter().setName("outcome").setValue(new org.hl7.fhir.r4.model.CodeType(outcome));
		return review;
	}

	/** The one review Provenance stored for the Observation (a verifier agent), read with a clinical read scope. */
	private org.hl7.fhir.r4.model.Provenance reviewOf(String observation) throws Exception {
		HttpResponse<String> response = send(token("system/Provenance.rs", null), "GET",
				"Provenance?target=Observation/" + observation + "&agent-type=verifier", null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Bundle found = json.parseResource(Bundle.class, response.body());
		assertThat(found.getEntry()).hasSize(1);
		return (org.hl7.fhir.r4.model.Provenance) found.getEntryFirstRep().getResource();
	}

	/** Labelled AI-asserted by its writer, so the module records it as an AI write. */
	private static Observation aiWritten(Observation observation) {
		observation.getMeta().addSecurity(org.aitrust.provenance.AiTransparency.SYSTEM_V3_OBSERVATION_VALUE,
				org.aitrust.provenance.AiTransparency.CODE_AIAST, null);
		return observation;
	}

	private void assertRefused(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(json.parseResource(response.body())).isInstanceOf(OperationOutcome.class);
	}

	private long count(String type) throws Exception {
		HttpResponse<String> response = send(token("system/*.rs", null), "GET", type + "?_summary=count", null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.parseResource(Bundle.class, response.body()).getTotal();
	}

	private String created(String token, String type, IBaseResource resource) throws Exception {
		HttpResponse<String> response = send(token, "POST", type, resource);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.parseResource(response.body()).getIdElement().getIdPart();
	}

	private HttpResponse<String> send(String token, String method, String path, IBaseResource body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "application/fhir+json")
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(json.encodeResourceToString(body)));
		if (body != null) {
			request.header("Content-Type", "application/fhir+json");
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + port + "/fhir/" + path);
	}

	private static Observation observationOf(String patientId) {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().setText("heart rate");
		observation.setSubject(new Reference("Patient/" + patientId));
		return observation;
	}

	private static Observation withId(Observation observation, String id) {
		observation.setId(id);
		return observation;
	}

	/** A bearer token as the hospital's identity provider would issue it, signed with its key. */
	private static String token(String scope, String patient) {
		return token(scope, patient, null);
	}

	/** A user token: the identity provider names the user the client acts for in {@code fhirUser}. */
	private static String token(String scope, String patient, String fhirUser) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(ISSUER).subject("test-client")
				.claim("client_id", "test-client").claim("scope", scope)
				.issuedAt(now).expiresAt(now.plus(10, ChronoUnit.MINUTES));
		if (patient != null) {
			claims.claim("patient", patient);
		}
		if (fhirUser != null) {
			claims.claim("fhirUser", fhirUser);
		}
		RSAKey key = new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).privateKey((RSAPrivateKey) KEYS.getPrivate())
				.keyID("hospital-test-key").build();
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build()))
				.getTokenValue();
	}

	private static KeyPair rsaKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
