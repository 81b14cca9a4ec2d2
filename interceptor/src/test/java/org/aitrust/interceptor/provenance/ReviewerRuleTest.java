package org.aitrust.interceptor.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aitrust.interceptor.identity.Caller;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReviewerRuleTest {

	private static Caller user(String fhirUser) {
		return new Caller("ward-app", fhirUser, Set.of("aitrust/review"), Set.of(), null, true);
	}

	private static final Caller BACKEND = new Caller("gateway", null, Set.of("aitrust/admin"), Set.of(), null, true);

	private static Reference body(String reference) {
		return new Reference(reference);
	}

	@Test
	void aClinicianReviewsAsItsFhirUserWithoutNamingAReviewer() {
		ReviewerRule.Reviewer reviewer = ReviewerRule.decide(user("Practitioner/7"), false, null);

		assertThat(reviewer.reviewer().getReference()).isEqualTo("Practitioner/7");
		assertThat(reviewer.enterer()).isNull();
	}

	@Test
	void aPractitionerRoleReviewsToo() {
		assertThat(ReviewerRule.decide(user("PractitionerRole/ward-3"), false, null).reviewer().getReference())
				.isEqualTo("PractitionerRole/ward-3");
	}

	@Test
	void aBodyReviewerNamingTheFhirUserItselfIsAcceptedWithItsDisplay() {
		ReviewerRule.Reviewer reviewer = ReviewerRule.decide(user("Practitioner/7"), false,
				body("Practitioner/7").setDisplay("Dr. Seven"));

		assertThat(reviewer.reviewer().getReference()).isEqualTo("Practitioner/7");
		assertThat(reviewer.reviewer().getDisplay()).isEqualTo("Dr. Seven");
		assertThat(reviewer.enterer()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = {"https://ehr.hospital.example/fhir/Practitioner/7",
			"https://ehr.hospital.example/fhir/Practitioner/7/_history/3", "Practitioner/7/_history/3"})
	void anAbsoluteOrVersionedFhirUserIsTakenByItsTypeAndIdTail(String fhirUser) {
		assertThat(ReviewerRule.decide(user(fhirUser), false, null).reviewer().getReference()).isEqualTo("Practitioner/7");
		assertThat(ReviewerRule.decide(user(fhirUser), false, body("Practitioner/7")).reviewer().getReference())
				.isEqualTo("Practitioner/7");
	}

	@Test
	void aBodyReviewerNamingSomeoneElseIsForbiddenNamingBoth() {
		assertThatThrownBy(() -> ReviewerRule.decide(user("Practitioner/7"), false, body("Practitioner/8")))
				.isInstanceOf(ForbiddenOperationException.class)
				.hasMessageContaining("Practitioner/7").hasMessageContaining("Practitioner/8")
				.hasMessageContaining("administrator");
	}

	@Test
	void anAdministratorWithAFhirUserRecordsOnBehalfAndIsTheEnterer() {
		ReviewerRule.Reviewer reviewer = ReviewerRule.decide(
				user("https://ehr.hospital.example/fhir/Practitioner/admin-1"), true, body("Practitioner/8"));

		assertThat(reviewer.reviewer().getReference()).isEqualTo("Practitioner/8");
		assertThat(reviewer.enterer().getReference()).isEqualTo("Practitioner/admin-1");
	}

	@Test
	void anAdministratorReviewingAsItselfHasNoEnterer() {
		ReviewerRule.Reviewer reviewer = ReviewerRule.decide(user("Practitioner/7"), true, null);

		assertThat(reviewer.reviewer().getReference()).isEqualTo("Practitioner/7");
		assertThat(reviewer.enterer()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = {"Patient/5", "RelatedPerson/6", "https://ehr.hospital.example/fhir/Patient/5", "urn:uuid:42"})
	void aUserWhoIsNoClinicianCannotReview(String fhirUser) {
		assertThatThrownBy(() -> ReviewerRule.decide(user(fhirUser), false, null))
				.isInstanceOf(ForbiddenOperationException.class)
				.hasMessageContaining(fhirUser).hasMessageContaining("not a Practitioner or PractitionerRole");
		assertThatThrownBy(() -> ReviewerRule.decide(user(fhirUser), false, body("Practitioner/8")))
				.isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void aBackendClientWithoutFhirUserIsForbiddenUnlessAnAdministratorNamesTheReviewer() {
		assertThatThrownBy(() -> ReviewerRule.decide(BACKEND, false, body("Practitioner/8")))
				.isInstanceOf(ForbiddenOperationException.class)
				.hasMessageContaining("fhirUser").hasMessageContaining("gateway");
		assertThatThrownBy(() -> ReviewerRule.decide(BACKEND, true, null))
				.isInstanceOf(ForbiddenOperationException.class)
				.hasMessageContaining("user token whose fhirUser");
	}

	@Test
	void anAdministratorClientRecordsOnBehalfAndTheEntererIsTheClient() {
		ReviewerRule.Reviewer reviewer = ReviewerRule.decide(BACKEND, true, body("Practitioner/8"));

		assertThat(reviewer.reviewer().getReference()).isEqualTo("Practitioner/8");
		assertThat(reviewer.enterer().hasReference()).isFalse();
		assertThat(reviewer.enterer().getDisplay()).isEqualTo("client gateway");
		assertThat(reviewer.enterer().getIdentifier().getSystem()).isEqualTo(AiTransparency.PROJECT_NAMING_SYSTEM_CLIENT);
		assertThat(reviewer.enterer().getIdentifier().getValue()).isEqualTo("gateway");
	}

	@Test
	void anUnauthenticatedCallerNamesTheReviewerAsTheOpenServerAlwaysAllowed() {
		Caller proxied = Caller.namedByProxy("scribe");

		for (Caller caller : new Caller[] {Caller.UNKNOWN, proxied}) {
			ReviewerRule.Reviewer reviewer = ReviewerRule.decide(caller, false, body("Practitioner/8"));
			assertThat(reviewer.reviewer().getReference()).isEqualTo("Practitioner/8");
			assertThat(reviewer.enterer()).isNull();
			assertThatThrownBy(() -> ReviewerRule.decide(caller, false, null))
					.isInstanceOf(InvalidRequestException.class).hasMessageContaining("needs a 'reviewer'");
		}
	}

	@Test
	void theAdministratorDecisionIsAskedOnlyForAnAuthenticatedCaller() {
		AtomicBoolean asked = new AtomicBoolean();
		ReviewerRule open = new ReviewerRule(request -> Caller.namedByProxy("scribe"), request -> {
			asked.set(true);
			return true;
		});

		assertThat(open.reviewerOf(new SystemRequestDetails(), body("Practitioner/8")).enterer()).isNull();
		assertThat(asked).isFalse();

		ReviewerRule secured = new ReviewerRule(request -> BACKEND, request -> true);
		assertThat(secured.reviewerOf(new SystemRequestDetails(), body("Practitioner/8")).enterer().getDisplay())
				.isEqualTo("client gateway");
	}
}
