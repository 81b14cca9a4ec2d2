package org.aitrust.server;

import static org.aitrust.server.AiWrites.observation;
import static org.aitrust.server.AiWrites.practitioner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.util.HapiExtensions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The recipes of docs/notifications.md, as an EHR would use them: an administrator creates three REST-hook
 * Subscriptions through the API (each AI write for a patient, each review, each rejected review), pointing at a real
 * HTTP receiver on loopback; AI writes, reviews and writes that must not notify follow; each notification arrives
 * once, after commit (its resource is readable when it arrives; a rolled-back transaction announces nothing). Who may
 * subscribe, and where a hook may point, is checked through the API too.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.server.subscriptions.enabled=true",
			"aitrust.server.issuer.clients." + SubscriptionNotificationsIT.EHR_APP + ".scopes=system/*.cruds"
		})
@IsolatedDatabase
class SubscriptionNotificationsIT {

	static final String EHR_APP = "ehr-app";
	static final String AIAST = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue|AIAST";
	static final String MODULE_WRITTEN = AiTransparency.PROJECT_SYSTEM_TAG + "|module-written";
	static final String VERIFIER = "http://terminology.hl7.org/CodeSystem/provenance-participant-type|verifier";
	static final String REVIEW_OUTCOME = "http://fhir-aitrust.org/CodeSystem/ai-review-outcome";
	static final String AGENT_HEADER = "X-AI-Agent";
	/** The starter's registered AI agent (application.yaml), which the gateway speaks for here. */
	static final String AI_AGENT = "ai-scribe";
	static final FhirContext FHIR = FhirTestClients.fhirContext();
	static final Duration DELIVERY = Duration.ofSeconds(90);

	static final NotificationReceiver RECEIVER = new NotificationReceiver();
	static final String EHR_APP_SECRET = randomSecret();

	@DynamicPropertySource
	static void receiverIsTheOneAllowedEndpoint(DynamicPropertyRegistry properties) {
		properties.add("aitrust.server.subscriptions.rest-hook-endpoints[0]", RECEIVER::root);
		properties.add("aitrust.server.issuer.clients." + EHR_APP + ".secret", () -> EHR_APP_SECRET);
	}

	@LocalServerPort
	int port;

	@Autowired
	SubscriptionRegistry activeSubscriptions;

	IGenericClient admin;

	@BeforeEach
	void connect() {
		admin = TestGateway.client(port);
	}

	@AfterAll
	static void stopReceiver() {
		RECEIVER.close();
	}

	@Test
	void eachAiWriteReviewAndRejectedReviewIsDeliveredOnceAfterCommit() {
		IIdType patient = admin.create().resource(new Patient().setActive(true)).execute().getId().toUnqualifiedVersionless();
		IIdType otherPatient = admin.create().resource(new Patient().setActive(true)).execute().getId()
				.toUnqualifiedVersionless();
		String reviewer = admin.create().resource(practitioner()).execute().getId().toUnqualifiedVersionless().getValue();
		RECEIVER.checkOnArrival(this::readBackNotifiedResource);

		// recipe (c) needs a search parameter on Provenance.activity, stored once
		admin.create().resource(reviewOutcomeSearchParameter()).execute();
		await("the activity search parameter is in use").atMost(DELIVERY).ignoreExceptions().until(() -> admin.search()
				.byUrl("Provenance?activity=" + REVIEW_OUTCOME + "|rejected").returnBundle(Bundle.class).execute() != null);
		List<String> strategies = List.of(
				subscribe("ai-writes", "Observation?_security=" + AIAST + "&patient=" + patient.getValue()),
				subscribe("reviews", "Provenance?agent-type=" + VERIFIER + "&_tag=" + MODULE_WRITTEN),
				subscribe("rejected", "Provenance?activity=" + REVIEW_OUTCOME + "|rejected&_tag=" + MODULE_WRITTEN));
		assertThat(strategies).as("HAPI matches each recipe in memory, without a database query per write")
				.containsOnly("IN_MEMORY");

		// writes that must notify nobody: another patient's AI write, a human write for the patient, a client's own
		// "verifier" Provenance, and an AI write in a transaction that rolls back
		IdType firstAiWrite = aiWrite(patient, "first");
		aiWrite(otherPatient, "other patient");
		admin.create().resource(forPatient(observation("human"), patient)).execute();
		admin.create().resource(clientVerifierProvenance(firstAiWrite, reviewer)).execute();
		String rolledBack = "rolled back " + UUID.randomUUID();
		assertThatThrownBy(() -> admin.transaction().withBundle(transactionThatRollsBack(patient, rolledBack)).execute())
				.isInstanceOf(BaseServerResponseException.class);
		IdType secondAiWrite = aiWrite(patient, "second");
		Provenance verified = review(firstAiWrite, reviewer, "verified");
		Provenance rejected = review(secondAiWrite, reviewer, "rejected");
		// the last of each kind, written after every write that must not notify: those were committed and queued
		// before these, so by the time these arrive a notification of theirs would have had its turn
		IdType lastAiWrite = aiWrite(patient, "last");
		Provenance lastRejected = review(lastAiWrite, reviewer, "rejected");
		List<String> aiWrites = List.of(path(firstAiWrite), path(secondAiWrite), path(lastAiWrite));
		List<String> reviews = List.of(path(verified), path(rejected), path(lastRejected));
		List<String> rejections = List.of(path(rejected), path(lastRejected));
		await("every expected notification").atMost(DELIVERY).until(() -> notified("ai-writes").containsAll(aiWrites)
				&& notified("reviews").containsAll(reviews) && notified("rejected").containsAll(rejections));

		assertThat(notified("ai-writes")).containsExactlyInAnyOrderElementsOf(aiWrites);
		assertThat(notified("reviews")).containsExactlyInAnyOrderElementsOf(reviews);
		assertThat(notified("rejected")).containsExactlyInAnyOrderElementsOf(rejections);
		assertThat(RECEIVER.all()).as("each notification carries its resource as it was committed, and it was"
				+ " readable from the server when the notification arrived")
				.allSatisfy(n -> {
					assertThat(n.method()).isEqualTo("PUT");
					assertThat(n.checkedOnArrival()).isEqualTo("readable");
				});
		assertThat(RECEIVER.all()).noneMatch(n -> n.body().contains(rolledBack));
		Observation delivered = FHIR.newJsonParser().parseResource(Observation.class,
				RECEIVER.at("ai-writes").get(0).body());
		assertThat(delivered.getMeta().getSecurity("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "AIAST"))
				.isNotNull();
	}

	@Test
	void onlyAnAdministratorMaySubscribe() {
		String token = TestGateway.clientToken(port, EHR_APP, EHR_APP_SECRET, "system/*.cruds");
		IGenericClient clinicalOnly = FhirTestClients.forPort(port);
		clinicalOnly.registerInterceptor(new IClientInterceptor() {
			@Override
			public void interceptRequest(IHttpRequest request) {
				request.addHeader("Authorization", "Bearer " + token);
			}

			@Override
			public void interceptResponse(IHttpResponse response) {}
		});

		assertThatThrownBy(() -> clinicalOnly.create().resource(restHook("Observation?code=8867-4",
				RECEIVER.root() + "clinical")).execute())
				.isInstanceOf(ForbiddenOperationException.class);
		assertThat(admin.search().forResource(Subscription.class).returnBundle(Bundle.class).execute().getEntry())
				.noneMatch(e -> ((Subscription) e.getResource()).getChannel().getEndpoint().endsWith("/clinical"));
	}

	@Test
	void aHookOutsideTheAllowedPrefixesOrAnotherChannelTypeIsRefused() {
		for (String endpoint : List.of(
				"http://127.0.0.1:8081/actuator/prometheus",
				"http://169.254.169.254/latest/meta-data/",
				RECEIVER.root().replace("127.0.0.1", "127.0.0.1.nip.io"),
				RECEIVER.root() + "../escape",
				RECEIVER.root().substring(0, RECEIVER.root().length() - 1) + "@evil.example/")) {
			assertThatThrownBy(() -> admin.create().resource(restHook("Observation?code=8867-4", endpoint)).execute())
					.as(endpoint).isInstanceOf(UnprocessableEntityException.class);
		}
		Subscription websocket = restHook("Observation?code=8867-4", null);
		websocket.getChannel().setType(Subscription.SubscriptionChannelType.WEBSOCKET).setEndpoint(null);
		assertThatThrownBy(() -> admin.create().resource(websocket).execute())
				.isInstanceOf(UnprocessableEntityException.class);
		assertThat(admin.search().forResource(Subscription.class).returnBundle(Bundle.class).execute().getEntry())
				.noneMatch(e -> !((Subscription) e.getResource()).getChannel().getEndpoint().startsWith(RECEIVER.root()));
	}

	// ---- the recipes --------------------------------------------------------------------------------------

	/** Recipe (c)'s search parameter: Provenance.activity as a token, as FHIR R5 defines {@code activity}. */
	static SearchParameter reviewOutcomeSearchParameter() {
		SearchParameter parameter = new SearchParameter();
		parameter.setUrl("http://fhir-aitrust.org/SearchParameter/Provenance-activity");
		parameter.setName("activity");
		parameter.setStatus(Enumerations.PublicationStatus.ACTIVE);
		parameter.setDescription("The activity a Provenance records, such as the outcome of an $ai-review");
		parameter.setCode("activity");
		parameter.addBase("Provenance");
		parameter.setType(Enumerations.SearchParamType.TOKEN);
		parameter.setExpression("Provenance.activity");
		return parameter;
	}

	static Subscription restHook(String criteria, String endpoint) {
		Subscription subscription = new Subscription();
		subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
		subscription.setReason("FHIR AI Trust notifications");
		subscription.setCriteria(criteria);
		subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint)
				.setPayload("application/fhir+json");
		return subscription;
	}

	/**
	 * Creates the Subscription as an administrator, waits until the server matches writes against it, and answers the
	 * matching strategy HAPI chose for its criteria (the tag HAPI puts on it).
	 */
	private String subscribe(String endpoint, String criteria) {
		IIdType id = admin.create().resource(restHook(criteria, RECEIVER.root() + endpoint)).execute().getId();
		await(endpoint + " active").atMost(DELIVERY).until(() ->
				admin.read().resource(Subscription.class).withId(id.toUnqualifiedVersionless()).execute().getStatus()
						== Subscription.SubscriptionStatus.ACTIVE && activeSubscriptions.get(id.getIdPart()) != null);
		return admin.read().resource(Subscription.class).withId(id.toUnqualifiedVersionless()).execute().getMeta()
				.getTag().stream().filter(tag -> HapiExtensions.EXT_SUBSCRIPTION_MATCHING_STRATEGY.equals(tag.getSystem()))
				.map(tag -> tag.getCode()).findFirst().orElse("none");
	}

	// ---- writes -------------------------------------------------------------------------------------------

	private IdType aiWrite(IIdType patient, String text) {
		return (IdType) admin.create().resource(forPatient(observation(text), patient))
				.withAdditionalHeader(AGENT_HEADER, AI_AGENT).execute().getId();
	}

	private Provenance review(IdType aiWrite, String reviewer, String outcome) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("reviewer").setValue(new Reference(reviewer));
		parameters.addParameter().setName("outcome").setValue(new CodeType(outcome));
		return admin.operation().onInstance(aiWrite.toUnqualifiedVersionless()).named("$ai-review")
				.withParameters(parameters).returnResourceType(Provenance.class).execute();
	}

	private static Observation forPatient(Observation observation, IIdType patient) {
		observation.setSubject(new Reference(patient.getValue()));
		return observation;
	}

	/** A client's own Provenance naming a verifier: FHIR allows it, but it is no review of the module's. */
	private static Provenance clientVerifierProvenance(IdType target, String reviewer) {
		Provenance provenance = new Provenance();
		provenance.addTarget(new Reference(target.toUnqualified().getValue()));
		provenance.setRecorded(new java.util.Date());
		provenance.addAgent().setWho(new Reference(reviewer)).getType().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/provenance-participant-type").setCode("verifier");
		return provenance;
	}

	/** An AI write for the patient, then an entry whose subject does not exist: the whole transaction rolls back. */
	private static Bundle transactionThatRollsBack(IIdType patient, String text) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Observation ai = forPatient(observation(text), patient);
		ai.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "AIAST", null);
		transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(ai).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		Observation broken = observation(text);
		broken.setSubject(new Reference("Patient/missing-" + UUID.randomUUID()));
		transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(broken).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		return transaction;
	}

	// ---- what arrived -------------------------------------------------------------------------------------

	/** The paths that arrived at an endpoint, such as {@code Observation/12}, one per notification. */
	private static List<String> notified(String endpoint) {
		return RECEIVER.at(endpoint).stream().map(n -> n.path().substring(endpoint.length() + 2)).toList();
	}

	private static String path(IBaseResource resource) {
		return path(resource.getIdElement());
	}

	private static String path(IIdType id) {
		return id.toUnqualifiedVersionless().getValue();
	}

	/** Reads the notified resource's version from the server while the notification is being delivered. */
	private String readBackNotifiedResource(NotificationReceiver.Notification notification) {
		IBaseResource sent = FHIR.newJsonParser().parseResource(notification.body());
		IIdType id = sent.getIdElement();
		String version = sent.getMeta().getVersionId();
		IBaseResource stored = TestGateway.client(port).read().resource(sent.getClass())
				.withId(new IdType(id.getResourceType(), id.getIdPart(), version)).execute();
		return stored.getIdElement().getIdPart().equals(id.getIdPart()) ? "readable" : "another resource";
	}

	private static String randomSecret() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
