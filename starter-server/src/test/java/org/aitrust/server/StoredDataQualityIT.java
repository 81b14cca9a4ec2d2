package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aitrust.interceptor.quality.check.FutureDateCheck;
import org.aitrust.interceptor.store.ShareMeasures;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Stored data measured by the stored-data job: resources with known defects written through the API, then measured
 * again by {@code $data-quality-measure-stored} (a Batch2 job, polled to completion through
 * {@code $aitrust-quality-run-status}). The {@code stored} population reports the same totals as the write-time one,
 * a rerun replaces the previous run (no double count), and {@code $data-quality-failures} names exactly the failing
 * resources, only for the reports role, leaving an AuditEvent of the query.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"aitrust.quality.enabled=true",
			"aitrust.provenance.agents[0].id=ai-scribe",
			"aitrust.provenance.agents[0].model-name=ClinicalScribe",
			"aitrust.provenance.agents[0].model-version=3.1",
			"aitrust.provenance.agents[0].manufacturer=Example AI Labs"
		})
@IsolatedDatabase
class StoredDataQualityIT {

	static final FhirContext FHIR = FhirTestClients.fhirContext();
	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final String SCRIBE_SECRET = UUID.randomUUID().toString();

	@LocalServerPort
	int port;

	@Autowired
	IJobMaintenanceService maintenance;

	@DynamicPropertySource
	static void secrets(DynamicPropertyRegistry registry) {
		registry.add("aitrust.server.issuer.clients.ai-scribe.secret", () -> SCRIBE_SECRET);
	}

	@Test
	void storedFiguresEqualWriteTimeOnesAfterRunsAndRerunsAndTheFailuresAreFound() throws Exception {
		IGenericClient client = TestGateway.client(port);
		String patient = client.create().resource(new Patient().setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-01-01")))
				.execute().getId().toUnqualifiedVersionless().getValue();
		List<String> futureDated = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			futureDated.add(client.create().resource(observation(patient, "2100-01-0" + (i + 1))).execute().getId()
					.toUnqualifiedVersionless().getValue());
		}
		for (int i = 0; i < 4; i++) {
			client.create().resource(observation(patient, "2020-01-0" + (i + 1))).execute();
		}

		StoredDataRuns.runToCompletion(client, maintenance, "Observation", "Patient");
		assertStoredEqualsWrite(client, "Observation");
		assertStoredEqualsWrite(client, "Patient");
		assertThat(DataQualityReports.counts(DataQualityReports.report(client, "resourceType", "Observation",
				"population", "stored")).get(FutureDateCheck.ID)).containsExactly(7, 3);

		StoredDataRuns.runToCompletion(client, maintenance, "Observation", "Patient"); // a rerun replaces the first run
		assertStoredEqualsWrite(client, "Observation");

		String reports = TestGateway.token(port);
		List<String> found = new ArrayList<>();
		String next = "$data-quality-failures?check=" + FutureDateCheck.ID + "&_count=2&resourceType=Observation";
		int pages = 0;
		while (next != null) {
			HttpResponse<String> page = send("GET", next, reports);
			assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
			Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, page.body());
			answer.getParameter().stream().filter(p -> "failed".equals(p.getName()))
					.forEach(p -> found.add(((Reference) p.getValue()).getReference()));
			next = answer.getParameter("next") == null ? null
					: answer.getParameter("next").getValue().primitiveValue().replaceFirst("^.*/fhir/", "");
			pages++;
		}
		assertThat(found).containsExactlyInAnyOrderElementsOf(futureDated);
		assertThat(pages).isGreaterThanOrEqualTo(2);

		String scribe = TestGateway.clientToken(port, "ai-scribe", SCRIBE_SECRET, "system/*.cruds");
		assertThat(send("GET", "$data-quality-failures?check=" + FutureDateCheck.ID, scribe).statusCode()).isEqualTo(403);
		assertThat(send("POST", "$data-quality-measure-stored", scribe).statusCode()).isEqualTo(403);
		assertThat(send("GET", "$data-quality-failures?check=nonsense", reports).statusCode()).isEqualTo(400);

		assertThat(auditEvents(client)).anySatisfy(event -> assertThat(event.getEntity()).anySatisfy(entity -> {
			assertThat(entity.getRole().getCode()).isEqualTo("24");
			assertThat(new String(entity.getQuery(), StandardCharsets.UTF_8))
					.contains("/fhir/$data-quality-failures").contains("check=" + FutureDateCheck.ID);
		}));
	}

	private static void assertStoredEqualsWrite(IGenericClient client, String type) {
		Map<String, List<Long>> write = StoredDataRuns.withoutWriteOnly(DataQualityReports.totals(client, "resourceType", type));
		Map<String, List<Long>> stored = StoredDataRuns.withoutWriteOnly(DataQualityReports.totals(client, "resourceType", type,
				"population", "stored"));
		assertThat(stored).as(type).isEqualTo(write);
		assertThat(write.get(ShareMeasures.RECEIVED).get(0)).as(type + " received").isPositive();
	}


	private static Observation observation(String patient, String effective) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4").setDisplay("Heart rate");
		observation.setSubject(new Reference(patient));
		observation.setEffective(new DateTimeType(effective));
		observation.setValue(new Quantity().setValue(72).setUnit("beats/minute").setSystem("http://unitsofmeasure.org")
				.setCode("/min"));
		return observation;
	}

	private List<AuditEvent> auditEvents(IGenericClient client) {
		Bundle page = client.search().forResource(AuditEvent.class).count(500).returnBundle(Bundle.class)
				.cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true)).execute();
		List<AuditEvent> events = new ArrayList<>();
		while (page != null) {
			page.getEntry().forEach(entry -> events.add((AuditEvent) entry.getResource()));
			page = page.getLink(Bundle.LINK_NEXT) == null ? null : client.loadPage().next(page).execute();
		}
		return events;
	}

	private HttpResponse<String> send(String method, String path, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/" + path))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "application/fhir+json")
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}
}
