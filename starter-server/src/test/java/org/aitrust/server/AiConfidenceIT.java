package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.aitrust.provenance.AiConfidenceSearchParameter;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * AIconfidence on a running starter, as a gateway client with a token sees it: the {@code ai-confidence}
 * SearchParameter the module stores at start-up finds resources by their AI's confidence, whether it was written as a
 * probability or a percentage; and the extension's definition in the module's package is applied in each validation
 * mode (ENFORCE refuses, WARN stores and says so, SHADOW stores silently).
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.provenance.enabled=true",
			"aitrust.validation.enabled=true",
			"aitrust.validation.mode=SHADOW",
			"aitrust.validation.warn-tag=http://fhir-aitrust.org/CodeSystem/aitrust-tag|validation-issues",
			"aitrust.validation.rules[0].sources=confidence-enforce",
			"aitrust.validation.rules[0].mode=ENFORCE",
			"aitrust.validation.rules[1].sources=confidence-warn",
			"aitrust.validation.rules[1].mode=WARN"
		})
@IsolatedDatabase
class AiConfidenceIT {

	static final String SOURCE_HEADER = "X-AI-Agent";
	static final String UCUM = "http://unitsofmeasure.org";
	static final String WARN_TAG_SYSTEM = "http://fhir-aitrust.org/CodeSystem/aitrust-tag";

	@LocalServerPort
	int port;

	IGenericClient client;
	/** A code of this test's own, so each test searches only the Observations it wrote. */
	String batch;

	@BeforeEach
	void connect() {
		client = TestGateway.client(port);
		batch = "hb-" + UUID.randomUUID();
	}

	@Test
	void theModuleStoredTheSearchParameterActive() {
		SearchParameter stored = client.read().resource(SearchParameter.class)
				.withId(AiConfidenceSearchParameter.ID).execute();
		assertThat(stored.getStatus()).isEqualTo(Enumerations.PublicationStatus.ACTIVE);
		assertThat(stored.getCode()).isEqualTo("ai-confidence");
		assertThat(stored.getExpression()).isEqualTo(AiConfidenceSearchParameter.EXPRESSION);
	}

	@Test
	void lessThanFindsProbabilitiesAndPercentagesBelowTheThresholdAndNothingElse() {
		IIdType sixty = create(observation(new DecimalType("0.6")), null);
		IIdType ninety = create(observation(new DecimalType("0.9")), null);
		IIdType seventyFivePercent = create(observation(percent("75")), null);
		IIdType none = create(observation(null), null);
		IIdType certaintyCode = create(observation(new CodeableConcept().addCoding(
				new Coding(AiTransparency.SYSTEM_CERTAINTY_RATING, "low", null))), null);

		assertThat(search("lt0.8")).containsExactlyInAnyOrder(id(sixty), id(seventyFivePercent));
		assertThat(search("ge0.8")).containsExactly(id(ninety));
		assertThat(search("0.75")).as("75 % is searched as 0.75").containsExactly(id(seventyFivePercent));
		assertThat(search("gt0")).doesNotContain(id(none), id(certaintyCode)).hasSize(3);
	}

	@Test
	void anUnknownSearchParameterIsStillRefused() {
		assertThatThrownBy(() -> client.search().byUrl("Observation?ai-confidence-typo=lt0.8")
				.returnBundle(Bundle.class).execute()).isInstanceOf(InvalidRequestException.class);
	}

	@Test
	void enforceRefusesAConfidenceOutsideItsScaleAndStoresNothing() {
		assertThatThrownBy(() -> create(observation(new DecimalType("1.5")), "confidence-enforce"))
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(errors(e))
						.anySatisfy(diagnostics -> assertThat(diagnostics).contains("aitrust-conf-1")));
		assertThatThrownBy(() -> create(observation(percent("120")), "confidence-enforce"))
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(errors(e))
						.anySatisfy(diagnostics -> assertThat(diagnostics).contains("aitrust-conf-2")));
		assertThatThrownBy(() -> create(observation(new CodeableConcept().addCoding(
						new Coding(AiTransparency.SYSTEM_CERTAINTY_RATING, "sure", null))), "confidence-enforce"))
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(errors(e))
						.anySatisfy(diagnostics -> assertThat(diagnostics).contains("sure")));
		assertThat(search("ge0")).isEmpty();

		IIdType valid = create(observation(new DecimalType("0.95")), "confidence-enforce");
		IIdType validCode = create(observation(new CodeableConcept().addCoding(
				new Coding(AiTransparency.SYSTEM_CERTAINTY_RATING, "moderate", null))), "confidence-enforce");
		assertThat(search("ge0")).containsExactly(id(valid));
		assertThat(client.read().resource(Observation.class).withId(validCode).execute().getIdElement().getIdPart())
				.isEqualTo(validCode.getIdPart());
	}

	@Test
	void warnStoresItTagsItAndTellsTheClient() {
		MethodOutcome outcome = client.create().resource(observation(new DecimalType("75")))
				.withAdditionalHeader(SOURCE_HEADER, "confidence-warn")
				.prefer(PreferReturnEnum.OPERATION_OUTCOME).execute();
		assertThat(outcome.getCreated()).isTrue();
		assertThat(((OperationOutcome) outcome.getOperationOutcome()).getIssue())
				.anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("aitrust-conf-1"));
		Observation stored = read(outcome.getId());
		assertThat(stored.getMeta().getTag(WARN_TAG_SYSTEM, "validation-issues")).isNotNull();
	}

	@Test
	void shadowStoresItSilently() {
		MethodOutcome outcome = client.create().resource(observation(new DecimalType("75")))
				.prefer(PreferReturnEnum.OPERATION_OUTCOME).execute();
		assertThat(outcome.getCreated()).isTrue();
		OperationOutcome said = (OperationOutcome) outcome.getOperationOutcome();
		assertThat(said == null ? List.<OperationOutcome.OperationOutcomeIssueComponent>of() : said.getIssue())
				.noneSatisfy(issue -> assertThat(issue.getDiagnostics()).contains("aitrust-conf-1"));
		assertThat(read(outcome.getId()).getMeta().getTag(WARN_TAG_SYSTEM, "validation-issues")).isNull();
		assertThat(search("ge1")).as("stored, and indexed as it was written").containsExactly(id(outcome.getId()));
	}

	// ---------------------------------------------------------------- helpers

	/** A valid R4 Observation of this test's batch, with the AI's confidence on it unless {@code confidence} is null. */
	Observation observation(Type confidence) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding(new Coding("urn:test:confidence", batch, null)).setText("Hemoglobin");
		observation.setValue(new Quantity().setValue(new BigDecimal("13.2")).setSystem(UCUM).setCode("g/dL").setUnit("g/dL"));
		if (confidence != null) {
			observation.addExtension(new Extension(AiTransparency.EXTENSION_AI_CONFIDENCE, confidence));
		}
		return observation;
	}

	static Quantity percent(String value) {
		return new Quantity().setValue(new BigDecimal(value)).setSystem(UCUM).setCode("%").setUnit("%");
	}

	IIdType create(Observation observation, String source) {
		var create = client.create().resource(observation);
		if (source != null) {
			create = create.withAdditionalHeader(SOURCE_HEADER, source);
		}
		MethodOutcome outcome = create.execute();
		assertThat(outcome.getCreated()).isTrue();
		return outcome.getId();
	}

	Observation read(IIdType id) {
		return client.read().resource(Observation.class).withId(id.toUnqualifiedVersionless()).execute();
	}

	/** The ids of this batch's Observations matching {@code ai-confidence=<value>}. */
	List<String> search(String value) {
		Bundle bundle = client.search().byUrl("Observation?code=" + batch + "&ai-confidence=" + value)
				.cacheControl(new CacheControlDirective().setNoCache(true))
				.returnBundle(Bundle.class).execute();
		return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	static String id(IIdType id) {
		return id.getIdPart();
	}

	static List<String> errors(UnprocessableEntityException e) {
		return ((OperationOutcome) e.getOperationOutcome()).getIssue().stream()
				.filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
				.map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
				.toList();
	}
}
