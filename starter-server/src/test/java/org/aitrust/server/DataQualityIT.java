package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.aitrust.testsupport.IsolatedDatabase;
import org.aitrust.testsupport.TestDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Data-quality metrics over HTTP: resources with known defects are counted exactly, check by check; rejected
 * writes are counted; concurrent writes are counted exactly; bad parameters get 400; Prometheus shows the counters.
 * Each test writes under its own source, so the tests do not see each other's counts.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.quality.enabled=true",
			"aitrust.provenance.enabled=true",
			"aitrust.provenance.agents[0].id=dq-scribe",
			"aitrust.provenance.agents[0].model-name=QualityScribe",
			"aitrust.provenance.agents[0].model-version=4.2",
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs",
			"aitrust.oversight.enabled=true",
			// as written: the metrics without validation's findings (the starter's SHADOW default would add them)
			"aitrust.validation.enabled=false"
		})
@AutoConfigureObservability
@IsolatedDatabase
class DataQualityIT {

	static final String SOURCE_HEADER = "X-AI-Agent";

	@LocalServerPort
	int port;

	/** Actuator's own port, on loopback, where it needs no token. */
	@LocalManagementPort
	int managementPort;

	IGenericClient client;

	@BeforeEach
	void connect() {
		client = TestGateway.client(port);
	}

	@Test
	void resourcesWithKnownDefectsAreCountedExactlyCheckByCheck() {
		String source = "dq-known-" + shortId();
		String patient = create(patient("urn:test:mrn", shortId()), "dq-setup");
		String identifier = shortId();

		Observation ok = vital("8867-4", 70, "/min", patient, "2026-11-01T10:00:00Z");
		// official: unique by definition, so the second Observation carrying it is a duplicate
		ok.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem("urn:test:obs").setValue(identifier);
		ok.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "AIAST", null);
		create(ok, source);
		create(vital("8867-4", 500, "/min", patient, "2099-01-01T10:00:00Z"), source);
		Observation noUnit = vital("8867-4", 72, null, null, "2026-11-01T10:00:00Z");
		noUnit.setValue(new Quantity().setValue(72).setUnit("beats"));
		// a code in a system nobody defined; LOINC, on every observation here, is a known external code system
		noUnit.getCode().addCoding().setSystem("urn:test:local-codes").setCode("hr");
		create(noUnit, source);
		Encounter encounter = new Encounter();
		encounter.setStatus(Encounter.EncounterStatus.FINISHED);
		encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
		encounter.setSubject(new Reference(patient));
		encounter.setPeriod(new Period()
				.setStartElement(new DateTimeType("2026-01-02T10:00:00Z"))
				.setEndElement(new DateTimeType("2026-01-01T10:00:00Z")));
		create(encounter, source);
		Observation duplicate = vital("8867-4", 80, "/min", patient, "2026-11-02T10:00:00Z");
		duplicate.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem("urn:test:obs").setValue(identifier);
		create(duplicate, source);

		Map<String, long[]> counts = counts(report("source", source));

		assertThat(counts.get("received")).containsExactly(5, 5);
		assertThat(counts.get("rejected")).containsExactly(5, 0);
		assertThat(counts.get("ai-labelled")).containsExactly(5, 1);
		assertThat(counts.get("ai-without-provenance")).containsExactly(1, 0);
		assertThat(counts.get("conformance-non-ucum-quantity")).containsExactly(4, 1);
		assertThat(counts.get("conformance-unresolved-reference")).containsExactly(4, 0);
		// LOINC is a known external code system (not checkable here, but defined); the local code is unknown
		assertThat(counts.get("conformance-unknown-code-system")).containsExactly(5, 1);
		assertThat(counts.get("conformance-unknown-profile")).containsExactly(0, 0);
		assertThat(counts.get("conformance-no-profile-claimed")).containsExactly(5, 5);
		assertThat(counts.get("completeness-missing-required-element")).containsExactly(5, 1);
		assertThat(counts.get("plausibility-duplicate-identifier")).containsExactly(2, 1);
		assertThat(counts.get("plausibility-period-start-after-end")).containsExactly(1, 1);
		assertThat(counts.get("plausibility-vital-sign-out-of-range")).containsExactly(3, 1);
		assertThat(counts.get("plausibility-future-date")).containsExactly(5, 1);
		assertThat(counts.get("plausibility-event-outside-life")).containsExactly(4, 0);
	}

	/**
	 * The temporal checks over the fixture quality/temporal-defects.json, whose narratives say each resource's known
	 * defect: written one by one in file order, so each encounter is stored before the events that name it.
	 */
	@Test
	void theTemporalChecksCountTheFixturesKnownDefectsExactly() throws Exception {
		String source = "dq-temporal-" + shortId();
		Bundle fixture;
		try (var json = DataQualityIT.class.getResourceAsStream("/quality/temporal-defects.json")) {
			fixture = client.getFhirContext().newJsonParser().parseResource(Bundle.class, json);
		}
		for (Bundle.BundleEntryComponent entry : fixture.getEntry()) {
			client.update().resource(entry.getResource()).withAdditionalHeader(SOURCE_HEADER, source).execute();
		}

		MeasureReport report = report("source", source);
		Map<String, long[]> counts = counts(report);

		assertThat(counts.get("received")).containsExactly(16, 16);
		assertThat(counts.get("plausibility-onset-after-abatement")).containsExactly(3, 2);
		assertThat(counts.get("plausibility-effective-after-issued")).containsExactly(3, 2);
		// the 1-day default margin: one event a day after its visit passes, one two days after fails
		assertThat(counts.get("plausibility-event-outside-encounter")).containsExactly(8, 2);
		assertThat(counts.get("plausibility-date-before-lower-bound")).containsExactly(15, 2);
		assertThat(counts.get("plausibility-period-start-after-end")).containsExactly(1, 0);
		assertThat(group(report, "plausibility-period-start-after-end")
				.getExtensionByUrl("http://fhir-aitrust.org/StructureDefinition/dq-kahn-category").getValue()
				.primitiveValue()).isEqualTo("Plausibility/Temporal");
		assertThat(status(report, "plausibility-event-outside-encounter")).as("DQD's withinVisitDates describes")
				.isEqualTo("characterization");
	}

	@Test
	void aProfileStoredOnTheServerIsKnownItsMustSupportElementsAreMeasuredAndAnInventedOneIsUnknown() {
		String source = "dq-profiles-" + shortId();
		String patient = create(patient("urn:test:mrn", shortId()), "dq-setup");
		org.hl7.fhir.r4.model.StructureDefinition profile = new org.hl7.fhir.r4.model.StructureDefinition();
		profile.setUrl("http://hospital.example.org/fhir/StructureDefinition/hospital-heart-rate-" + shortId());
		profile.setName("HospitalHeartRate");
		profile.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		profile.setKind(org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind.RESOURCE);
		profile.setAbstract(false);
		profile.setType("Observation");
		profile.setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Observation");
		profile.setDerivation(org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule.CONSTRAINT);
		profile.getDifferential().addElement().setPath("Observation.category").setMustSupport(true)
				.setId("Observation.category");
		profile.getDifferential().addElement().setPath("Observation.subject").setMustSupport(true)
				.setId("Observation.subject");
		create(profile, "dq-setup");
		Observation sparse = vital("8867-4", 70, "/min", null, "2026-11-01T10:00:00Z");
		sparse.getMeta().addProfile(profile.getUrl());
		Observation complete = vital("8867-4", 70, "/min", patient, "2026-11-01T10:00:00Z");
		complete.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
				.setCode("vital-signs");
		complete.getMeta().addProfile(profile.getUrl());
		Observation invented = vital("8867-4", 70, "/min", null, "2026-11-01T10:00:00Z");
		invented.getMeta().addProfile("http://nowhere.example.org/StructureDefinition/invented-" + shortId());

		create(sparse, source);
		create(complete, source);
		create(invented, source);

		Map<String, long[]> counts = counts(report("source", source));
		assertThat(counts.get("conformance-unknown-profile")).containsExactly(3, 1);
		assertThat(counts.get("conformance-no-profile-claimed")).containsExactly(3, 0);
		assertThat(counts.get("completeness-must-support:Observation.category")).containsExactly(2, 1);
		assertThat(counts.get("completeness-must-support:Observation.subject")).containsExactly(2, 1);
		Map<String, long[]> byProfile = counts(report("source", source, "profile", profile.getUrl()));
		assertThat(byProfile.get("received")).containsExactly(2, 2);
	}

	@Test
	void checksGetTheStatusTheirThresholdGives() {
		String source = "dq-status-" + shortId();
		String patient = create(patient("urn:test:mrn", shortId()), "dq-setup");
		create(vital("8867-4", 500, "/min", patient, "2026-11-01T10:00:00Z"), source);
		create(vital("8867-4", 60, "/min", patient, "2026-11-01T10:00:00Z"), source);

		MeasureReport report = report("source", source);

		assertThat(status(report, "plausibility-vital-sign-out-of-range")).isEqualTo("failed");
		assertThat(status(report, "plausibility-future-date")).isEqualTo("passed");
		assertThat(status(report, "plausibility-period-start-after-end")).isEqualTo("not-applicable");
		MeasureReport.MeasureReportGroupComponent vital = group(report, "plausibility-vital-sign-out-of-range");
		assertThat(vital.getMeasureScore().getValue().doubleValue()).isEqualTo(50.0);
	}

	@Test
	void aRejectedWriteIsCountedAsRejectedWithItsChecks() throws Exception {
		String source = "dq-rejected-" + shortId();
		Observation dangling = vital("8867-4", 70, "/min", "Patient/does-not-exist", "2026-11-01T10:00:00Z");

		assertThatThrownBy(() -> create(dangling, source)).isInstanceOf(InvalidRequestException.class);
		HttpResponse<String> unreadable = HttpClient.newHttpClient().send(
				TestGateway.request(URI.create("http://localhost:" + port + "/fhir/Observation"))
						.header("Content-Type", "application/fhir+json")
						.header(SOURCE_HEADER, source)
						.POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\": \"Observation\", "))
						.build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(unreadable.statusCode()).isEqualTo(400);
		Map<String, long[]> counts = counts(report("source", source));
		assertThat(counts.get("received")).containsExactly(2, 2);
		assertThat(counts.get("rejected")).containsExactly(2, 2);
		assertThat(counts.get("conformance-unresolved-reference")).containsExactly(1, 1);
	}

	@Test
	void aTransactionIsCountedEntryByEntryAndARolledBackOneOnlyAsRejected() {
		String patient = create(patient("urn:test:mrn", shortId()), "dq-setup");
		String committed = "dq-tx-" + shortId();
		String rolledBack = "dq-tx-rollback-" + shortId();
		Bundle good = transaction(
				vital("8867-4", 70, "/min", patient, "2026-11-01T10:00:00Z"),
				vital("8867-4", 400, "/min", patient, "2026-11-01T10:00:00Z"),
				vital("9279-1", 16, "/min", patient, "2026-11-01T10:00:00Z"));
		Bundle bad = transaction(
				vital("8867-4", 70, "/min", patient, "2026-11-01T10:00:00Z"),
				vital("8867-4", 71, "/min", "Patient/missing-" + shortId(), "2026-11-01T10:00:00Z"));

		client.transaction().withBundle(good).withAdditionalHeader(SOURCE_HEADER, committed).execute();
		assertThatThrownBy(() -> client.transaction().withBundle(bad).withAdditionalHeader(SOURCE_HEADER, rolledBack)
				.execute()).isInstanceOf(InvalidRequestException.class);

		Map<String, long[]> good3 = counts(report("source", committed));
		assertThat(good3.get("received")).containsExactly(3, 3);
		assertThat(good3.get("rejected")).containsExactly(3, 0);
		assertThat(good3.get("plausibility-vital-sign-out-of-range")).containsExactly(3, 1);
		Map<String, long[]> bad2 = counts(report("source", rolledBack));
		assertThat(bad2.get("received")).containsExactly(2, 2);
		assertThat(bad2.get("rejected")).containsExactly(2, 2);
	}

	@Test
	void twoThousandConcurrentWritesFromEightClientsAreCountedExactly() throws Exception {
		String source = "dq-load-" + shortId();
		String patient = create(patient("urn:test:mrn", shortId()), "dq-setup");
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Integer>> work = new ArrayList<>();
			for (int c = 0; c < 8; c++) {
				work.add(() -> {
					IGenericClient own = TestGateway.client(port);
					for (int i = 0; i < 250; i++) {
						own.create().resource(vital("8867-4", 60 + i % 50, "/min", patient, "2026-11-01T10:00:00Z"))
								.withAdditionalHeader(SOURCE_HEADER, source).execute();
					}
					return 250;
				});
			}
			int sent = 0;
			for (Future<Integer> done : clients.invokeAll(work)) {
				sent += done.get();
			}

			Map<String, long[]> counts = counts(report("source", source));
			assertThat(sent).isEqualTo(2000);
			assertThat(counts.get("received")).containsExactly(2000, 2000);
			assertThat(counts.get("plausibility-vital-sign-out-of-range")).containsExactly(2000, 0);
		} finally {
			clients.shutdownNow();
		}
	}

	@Test
	void filtersNarrowTheReportAndTimelinessIsReportedBySource() {
		String source = "dq-filter-" + shortId();
		String patient = create(patient("urn:test:mrn", shortId()), "dq-setup");
		create(vital("8867-4", 70, "/min", patient, "2026-11-01T10:00:00Z"), source);
		Encounter encounter = new Encounter();
		encounter.setStatus(Encounter.EncounterStatus.FINISHED);
		encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
		encounter.setSubject(new Reference(patient));
		create(encounter, source);

		Map<String, long[]> observations = counts(report("source", source, "resourceType", "Observation"));
		MeasureReport all = report("source", source);

		assertThat(observations.get("received")).containsExactly(1, 1);
		assertThat(counts(all).get("received")).containsExactly(2, 2);
		MeasureReport.MeasureReportGroupComponent timeliness = group(all, "timeliness-arrival-lag");
		assertThat(timeliness.getStratifierFirstRep().getStratum())
				.extracting(s -> s.getValue().getText()).containsExactly(source);
	}

	@Test
	void badParametersGet400WithAnOperationOutcome() throws Exception {
		for (String query : List.of(
				"start=yesterday", "start=2026-11-20&end=2026-11-01", "check=no-such-check", "colour=blue",
				"export=csv")) {
			HttpResponse<String> response = HttpClient.newHttpClient().send(
					TestGateway.request(URI.create("http://localhost:" + port + "/fhir/$data-quality?" + query)).build(),
					HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.body()).as(query).contains("\"resourceType\":\"OperationOutcome\"").contains("$data-quality");
		}
	}

	@Test
	void theDqdExportCarriesTheSameFiguresAsTheMeasureReport() throws Exception {
		String source = "dq-export-" + shortId();
		String patient = create(patient("urn:test:mrn", shortId()), "dq-setup");
		create(vital("8867-4", 500, "/min", patient, "2026-11-01T10:00:00Z"), source);
		create(vital("8867-4", 60, "/min", patient, "2026-11-01T10:00:00Z"), source);

		HttpResponse<String> export = HttpClient.newHttpClient().send(TestGateway.request(URI.create(
						"http://localhost:" + port + "/fhir/$data-quality?_format=json&export=dqd&source=" + source)).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		com.fasterxml.jackson.databind.JsonNode document =
				new com.fasterxml.jackson.databind.ObjectMapper().readTree(export.body());
		com.fasterxml.jackson.databind.JsonNode results = document.get("CheckResults");
		com.fasterxml.jackson.databind.JsonNode vital = null;
		com.fasterxml.jackson.databind.JsonNode heartRate = null;
		for (com.fasterxml.jackson.databind.JsonNode result : results) {
			if (result.get("checkName").asText().equals("plausibility-vital-sign-out-of-range")) {
				if (result.get("checkLevel").asText().equals("TABLE")) {
					vital = result;
				} else {
					heartRate = result;
				}
			}
		}
		assertThat(vital).isNotNull();
		assertThat(vital.get("cdmTableName").asText()).isEqualTo("Observation");
		assertThat(vital.get("checkId").asText()).isEqualTo("table_plausibility-vital-sign-out-of-range_observation");
		assertThat(vital.get("numViolatedRows").asLong()).isEqualTo(1);
		assertThat(vital.get("numDenominatorRows").asLong()).isEqualTo(2);
		assertThat(vital.get("pctViolatedRows").asDouble()).isEqualTo(0.5);
		assertThat(vital.get("category").asText()).isEqualTo("Plausibility");
		assertThat(vital.get("subcategory").asText()).isEqualTo("Atemporal");
		assertThat(vital.get("context").asText()).isEqualTo("Verification");
		assertThat(vital.get("failed").asInt()).isEqualTo(1);
		assertThat(heartRate).as("the concept row of the heart rate's LOINC code").isNotNull();
		assertThat(heartRate.get("conceptId").asText()).isEqualTo("http://loinc.org|8867-4");
		assertThat(heartRate.get("checkId").asText())
				.isEqualTo("concept_plausibility-vital-sign-out-of-range_observation_http://loinc.org|8867-4");
		assertThat(heartRate.get("numViolatedRows").asLong()).isEqualTo(1);
		assertThat(heartRate.get("numDenominatorRows").asLong()).isEqualTo(2);
		assertThat(document.get("Metadata").get(0).get("cdmSourceName").asText()).isEqualTo(source);
		assertThat(document.get("Overview").get("countTotal").asLong()).isEqualTo(results.size());
		MeasureReport observations = report("source", source, "resourceType", "Observation");
		long judgedGroups = observations.getGroup().stream()
				.filter(g -> g.hasExtension("http://fhir-aitrust.org/StructureDefinition/dq-status"))
				.filter(g -> g.getPopulation().stream().anyMatch(p -> p.getCode().getCodingFirstRep().getCode()
						.equals("denominator") && p.getCount() > 0))
				.count();
		long tableRows = 0;
		for (com.fasterxml.jackson.databind.JsonNode result : results) {
			if (result.get("cdmTableName").asText().equals("Observation") && result.get("checkLevel").asText().equals("TABLE")) {
				tableRows++;
			}
		}
		assertThat(tableRows).as("one row per check that applied to the Observations").isEqualTo(judgedGroups);
	}

	@Test
	void theMeasureDescribingEveryCheckIsPublishedAndReportsReferToIt() {
		org.hl7.fhir.r4.model.Measure measure = client.read().resource(org.hl7.fhir.r4.model.Measure.class)
				.withId("aitrust-data-quality").execute();
		MeasureReport report = report("source", "nobody-" + shortId());

		assertThat(report.getMeasure()).isEqualTo(measure.getUrl());
		assertThat(measure.getScoring().getCodingFirstRep().getCode()).isEqualTo("proportion");
		List<String> described = measure.getGroup().stream().map(g -> g.getCode().getCodingFirstRep().getCode()).toList();
		assertThat(described).contains("plausibility-future-date", "conformance-unknown-code-system",
				"completeness-must-support:<element path>");
		assertThat(measure.getGroup()).allSatisfy(g -> {
			assertThat(g.getDescription()).isNotBlank();
			assertThat(g.getExtensionByUrl("http://fhir-aitrust.org/StructureDefinition/dq-threshold")).isNotNull();
		});
	}

	@Test
	void unresolvedReferencesAreBrokenDownByTargetTypeEvenWhenTheWriteIsRefused() {
		String source = "dq-refs-" + shortId();
		Observation dangling = vital("8867-4", 70, "/min", "Patient/never-sent-" + shortId(), "2026-11-01T10:00:00Z");
		dangling.addPerformer(new Reference("Practitioner/never-sent-" + shortId()));
		dangling.addPerformer(new Reference("Practitioner/never-sent-" + shortId()));
		try {
			create(dangling, source);
		} catch (BaseServerResponseException refused) {
			// HAPI enforces referential integrity by default: the refused write is measured all the same
			assertThat(refused.getStatusCode()).isBetween(400, 499);
		}

		MeasureReport report = report("source", source);

		assertThat(counts(report).get("conformance-unresolved-reference")).containsExactly(1, 1);
		assertThat(DataQualityReports.strata(report, "conformance-unresolved-reference", "unresolved-reference"))
				.containsExactlyInAnyOrderEntriesOf(Map.of("Patient", 1L, "Practitioner", 2L));
	}

	@Test
	void theReviewedShareCountsFirstReviewsOfTheAiArrivalsByOutcome() {
		String source = "dq-review-" + shortId();
		Practitioner reviewer = new Practitioner();
		reviewer.addName().setFamily("Reviewer");
		String reviewerId = create(reviewer, "dq-setup");
		List<String> written = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Observation aiWritten = vital("8867-4", 70 + i, "/min", null, "2026-11-01T10:00:00Z");
			aiWritten.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "AIAST", null);
			written.add(create(aiWritten, source));
		}

		review(written.get(0), reviewerId, "verified");
		review(written.get(0), reviewerId, "corrected"); // a second look at the same version is not a second review
		review(written.get(1), reviewerId, "rejected");
		MeasureReport report = report("source", source);

		assertThat(counts(report).get("ai-labelled")).containsExactly(3, 3);
		assertThat(counts(report).get("ai-reviewed")).as("{denominator, numerator}").containsExactly(3, 2);
		assertThat(counts(report).get("ai-unreviewed")).containsExactly(3, 1);
		assertThat(DataQualityReports.strata(report, "ai-reviewed", "ai-review-outcome"))
				.containsExactlyInAnyOrderEntriesOf(Map.of("verified", 1L, "rejected", 1L));
	}

	@Test
	void tenThousandRandomProfileUrlsAddNoMoreThanTheCapToStorageOrPrometheus(@Autowired DataSource dataSource)
			throws Exception {
		String source = "dq-cap-" + shortId();
		for (int batch = 0; batch < 10; batch++) {
			Bundle bundle = new Bundle().setType(Bundle.BundleType.BATCH);
			for (int i = 0; i < 1_000; i++) {
				Observation observation = vital("8867-4", 70, "/min", null, "2026-11-01T10:00:00Z");
				observation.getMeta().addProfile("http://random.example.org/StructureDefinition/p-" + UUID.randomUUID());
				bundle.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
			}
			Bundle response = client.transaction().withBundle(bundle).withAdditionalHeader(SOURCE_HEADER, source).execute();
			assertThat(response.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
		}

		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Long distinctProfiles = jdbc.queryForObject(
				"SELECT COUNT(DISTINCT PROFILE) FROM AITRUST_QUALITY_ARRIVAL", Long.class);
		assertThat(distinctProfiles).as("200 admitted profiles, 'none' among them, plus 'other'").isLessThanOrEqualTo(201);
		assertThat(counts(report("source", source)).get("received")).containsExactly(10_000, 10_000);
		assertThat(counts(report("source", source, "profile", "other")).get("received")[0])
				.as("every URL beyond the cap is counted under 'other'").isGreaterThanOrEqualTo(10_000 - 200);
		HttpResponse<String> scrape = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(scrape.body()).doesNotContain("random.example.org");
		assertThat(scrape.body().lines().filter(line -> line.startsWith("aitrust_")).count())
				.as("series the module exposes").isLessThan(2_000);
	}

	@Test
	void theArrivalTableKeepsNoIndexEntryPerWriteBeyondWhatItsEngineNeeds(@Autowired DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		if (TestDatabase.current() == TestDatabase.POSTGRES) {
			Map<String, String> indexes = new TreeMap<>();
			jdbc.query("SELECT INDEXNAME, INDEXDEF FROM PG_INDEXES WHERE TABLENAME = 'aitrust_quality_arrival'",
					rs -> {
						indexes.put(rs.getString(1), rs.getString(2));
					});
			assertThat(indexes).containsOnlyKeys("idx_aitrust_qa_day_brin", "idx_aitrust_qa_ai_model");
			assertThat(indexes.get("idx_aitrust_qa_day_brin")).contains("USING brin (event_day)");
			assertThat(indexes.get("idx_aitrust_qa_ai_model")).contains("(ai_model, event_day)")
					.contains("WHERE (ai_model IS NOT NULL)");
		} else {
			assertThat(jdbc.queryForList("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
					+ " WHERE TABLE_NAME = 'AITRUST_QUALITY_ARRIVAL'", String.class))
					.as("H2 has no BRIN or partial index: the arrival table is scanned, and a write inserts its row alone")
					.isEmpty();
		}
	}

	@Test
	void aiOversightReportsTheAgentsModelVersionWithItsReviewsAndStrata() throws Exception {
		Practitioner reviewer = new Practitioner();
		reviewer.addName().setFamily("Overseer");
		String reviewerId = create(reviewer, "dq-setup");
		String patient = create(patient("urn:test:mrn", shortId()), "dq-setup");
		List<String> drafts = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			drafts.add(create(vital("8867-4", 60 + i, "/min", patient, "2026-11-01T10:00:00Z"), "dq-scribe"));
		}
		for (int i = 0; i < 4; i++) {
			review(drafts.get(i), reviewerId, i == 0 ? "rejected" : "verified");
		}

		Bundle reports = client.operation().onServer().named("$ai-oversight")
				.withParameter(Parameters.class, "model", new StringType("QualityScribe|4.2"))
				.useHttpGet().returnResourceType(Bundle.class).execute();

		assertThat(reports.getEntry()).hasSize(1);
		MeasureReport report = (MeasureReport) reports.getEntryFirstRep().getResource();
		assertThat(report.getIdentifierFirstRep().getValue()).isEqualTo("QualityScribe|4.2");
		assertThat(counts(report).get("reviewed")).as("{denominator, numerator}").containsExactly(12, 4);
		assertThat(counts(report).get("review-rejected")).containsExactly(4, 1);
		MeasureReport.MeasureReportGroupComponent rejected = group(report, "review-rejected");
		assertThat(rejected.getExtensionByUrl("http://fhir-aitrust.org/StructureDefinition/oversight-status")
				.getValue().primitiveValue()).as("a first version has no baseline yet").isEqualTo("no-baseline");
		List<MeasureReport.MeasureReportGroupStratifierComponent> byGender = rejected.getStratifier().stream()
				.filter(s -> "gender".equals(s.getCodeFirstRep().getCodingFirstRep().getCode())).toList();
		assertThat(byGender).as("one gender stratifier per calendar week").isNotEmpty().allSatisfy(s ->
				assertThat(s.getExtensionByUrl("http://fhir-aitrust.org/StructureDefinition/oversight-window")).isNotNull());
		assertThat(byGender.stream().flatMap(s -> s.getStratum().stream())
				.filter(s -> "female".equals(s.getValue().getText())).flatMap(s -> s.getPopulation().stream()))
				.as("4 reviews of one patient, below 11: masked, or the week's strata not listed at all").allSatisfy(p ->
				assertThat(p.getCountElement().getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/data-absent-reason"))
						.isNotNull());

		HttpResponse<String> scrape = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(scrape.body()).contains("aitrust_oversight_writes_total{").contains("model=\"QualityScribe|4.2\"")
				.contains("aitrust_oversight_reviews_total{");
	}

	@Test
	void aiOversightBadParametersGet400WithAnOperationOutcome() throws Exception {
		for (String query : List.of("start=2026-13-01", "start=2026-11-20&end=2026-11-01", "model=NoSuchModel|1",
				"window=7")) {
			HttpResponse<String> response = HttpClient.newHttpClient().send(TestGateway.request(
							URI.create("http://localhost:" + port + "/fhir/$ai-oversight?" + query.replace("|", "%7C")))
					.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.body()).as(query).contains("\"resourceType\":\"OperationOutcome\"");
		}
	}

	@Test
	void prometheusShowsTheCounters() throws Exception {
		create(vital("8867-4", 70, "/min", null, "2026-11-01T10:00:00Z"), "dq-prometheus");
		assertThatThrownBy(() -> create(vital("8867-4", 70, "/min", "Patient/does-not-exist", "2026-11-01T10:00:00Z"),
				"dq-prometheus")).isInstanceOf(InvalidRequestException.class);

		HttpResponse<String> scrape = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("aitrust_quality_arrivals_total{").contains("source=\"dq-prometheus\"")
				.contains("aitrust_quality_checks_total{")
				.contains("aitrust_write_duration_seconds_bucket{")
				.containsPattern("aitrust_write_duration_seconds_count\\{accepted=\"true\",operation=\"create\","
						+ "resource_type=\"Observation\"} [1-9]")
				.containsPattern("aitrust_write_duration_seconds_count\\{accepted=\"false\",operation=\"create\","
						+ "resource_type=\"Observation\"} [1-9]");
	}

	@Test
	void prometheusCountsEveryStoredArrivalOnceWhicheverWayItCameAndARejectedOneAsRejected() throws Exception {
		String patient = create(patient("urn:test:mrn", shortId()), "dq-setup");
		String source = "dq-meters-" + shortId();
		Observation updated = vital("8867-4", 70, "/min", patient, "2026-11-01T10:00:00Z");
		updated.setId(create(updated, source));
		create(vital("8867-4", 71, "/min", patient, "2026-11-01T10:00:00Z"), source);
		updated.getValueQuantity().setValue(72);
		client.update().resource(updated).withAdditionalHeader(SOURCE_HEADER, source).execute();
		client.transaction().withBundle(transaction(
						vital("8867-4", 73, "/min", patient, "2026-11-01T10:00:00Z"),
						vital("8867-4", 74, "/min", patient, "2026-11-01T10:00:00Z")))
				.withAdditionalHeader(SOURCE_HEADER, source).execute();
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		for (int value : new int[] {75, 76}) {
			batch.addEntry().setResource(vital("8867-4", value, "/min", patient, "2026-11-01T10:00:00Z")).getRequest()
					.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		client.transaction().withBundle(batch).withAdditionalHeader(SOURCE_HEADER, source).execute();
		assertThatThrownBy(() -> create(vital("8867-4", 77, "/min", "Patient/missing-" + shortId(),
				"2026-11-01T10:00:00Z"), source)).isInstanceOf(InvalidRequestException.class);
		assertThatThrownBy(() -> client.transaction().withBundle(transaction(
						vital("8867-4", 78, "/min", patient, "2026-11-01T10:00:00Z"),
						vital("8867-4", 79, "/min", "Patient/missing-" + shortId(), "2026-11-01T10:00:00Z")))
				.withAdditionalHeader(SOURCE_HEADER, source).execute()).isInstanceOf(InvalidRequestException.class);

		String scrape = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString()).body();

		assertThat(arrivalsCounted(scrape, source, true)).as("2 creates, 1 update, 2 in a transaction, 2 in a batch")
				.isEqualTo(7);
		assertThat(arrivalsCounted(scrape, source, false)).as("1 create, 2 in a rolled-back transaction")
				.isEqualTo(3);
		assertThat(counts(report("source", source)).get("rejected")).containsExactly(10, 3);
	}

	// ---- helpers ------------------------------------------------------------------------------------------

	/** The node's {@code aitrust.quality.arrivals} counters of one source, AI-labelled or not, summed. */
	private static long arrivalsCounted(String scrape, String source, boolean accepted) {
		Matcher counter = Pattern.compile("aitrust_quality_arrivals_total\\{accepted=\""
				+ accepted + "\",ai=\"(true|false)\",resource_type=\"Observation\",source=\""
				+ Pattern.quote(source) + "\"} (\\S+)").matcher(scrape);
		double total = 0;
		while (counter.find()) {
			total += Double.parseDouble(counter.group(2));
		}
		return Math.round(total);
	}

	private MeasureReport report(String... parameters) {
		return DataQualityReports.report(client, parameters);
	}

	private static Map<String, long[]> counts(MeasureReport report) {
		return DataQualityReports.counts(report);
	}

	private static MeasureReport.MeasureReportGroupComponent group(MeasureReport report, String id) {
		return report.getGroup().stream().filter(g -> id.equals(g.getCode().getCodingFirstRep().getCode()))
				.findFirst().orElseThrow();
	}

	private static String status(MeasureReport report, String id) {
		return group(report, id).getExtensionByUrl("http://fhir-aitrust.org/StructureDefinition/dq-status")
				.getValue().primitiveValue();
	}

	private String create(IBaseResource resource, String source) {
		return client.create().resource(resource).withAdditionalHeader(SOURCE_HEADER, source).execute().getId()
				.toUnqualifiedVersionless().getValue();
	}

	private void review(String resource, String reviewer, String outcome) {
		client.operation().onInstance(new IdType(resource)).named("$ai-review")
				.withParameter(Parameters.class, "reviewer", new Reference(reviewer))
				.andParameter("outcome", new CodeType(outcome))
				.execute();
	}

	private static Bundle transaction(Observation... observations) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Observation observation : observations) {
			bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation).getRequest()
					.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		return bundle;
	}

	private static Patient patient(String system, String value) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(system).setValue(value);
		patient.addName().setFamily("Quality");
		patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDateElement(new DateType("1980-01-01"));
		return patient;
	}

	private static Observation vital(String loinc, int value, String ucum, String subject, String effective) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode(loinc);
		if (subject != null) {
			observation.setSubject(new Reference(subject));
		}
		observation.setEffective(new DateTimeType(effective));
		if (ucum != null) {
			observation.setValue(new Quantity().setValue(value).setUnit(ucum).setSystem("http://unitsofmeasure.org").setCode(ucum));
		}
		return observation;
	}

	private static String shortId() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}
