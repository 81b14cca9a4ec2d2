package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.aitrust.testsupport.DatabaseIndependent;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.aitrust.testsupport.RequiresSharedCorpus;
import org.aitrust.testsupport.SharedCorpora;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * US Core 6.1.0 with its terminology and extensions packages, loaded from files, validated in ENFORCE mode: the
 * official examples are accepted (HAPI's own storage rules aside, and those examples pass {@code $validate}),
 * offline terminology gaps are warnings marked not checkable, a defect is rejected, and a whole Synthea patient
 * transaction is accepted entry by entry after its references resolve.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {"aitrust.validation.enabled=true", "aitrust.validation.mode=ENFORCE"})
@IsolatedDatabase
@RequiresSharedCorpus("packages")
@DatabaseIndependent("the verdicts do not depend on the database engine; ProfileValidationIT covers the write paths on both")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsCoreValidationIT {

	static final String US_CORE_PATIENT = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";

	@DynamicPropertySource
	static void packages(DynamicPropertyRegistry registry) {
		UsCorePackages.register(registry);
	}

	@LocalServerPort
	int port;

	private final IParser json = FhirTestClients.fhirContext().newJsonParser();

	@Test
	@Order(1)
	void theOfficialExamplesAreAcceptedInEnforceMode() throws IOException {
		IGenericClient client = TestGateway.client(port);
		Map<String, Resource> pending = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(SharedCorpora.require("us-core/examples-6.1.0"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				pending.put(file.getFileName().toString(), (Resource) json.parseResource(Files.readString(file)));
			}
		}
		int total = pending.size();
		Map<String, String> refused = new LinkedHashMap<>();
		// Examples reference each other; store what can be stored until a round stores nothing new.
		boolean progress = true;
		while (progress && !pending.isEmpty()) {
			progress = false;
			for (var entry : new ArrayList<>(pending.entrySet())) {
				try {
					client.update().resource(entry.getValue()).execute();
					pending.remove(entry.getKey());
					refused.remove(entry.getKey());
					progress = true;
				} catch (BaseServerResponseException e) {
					refused.put(entry.getKey(), e.getStatusCode() + " " + e.getMessage());
				}
			}
		}
		assertThat(refused.values()).as("nothing is refused for failing validation: " + refused)
				.noneMatch(reason -> reason.startsWith("422") && !reason.contains("HAPI-0522"));
		// What HAPI itself will not store: search-result Bundles (HAPI-0522), client-assigned numeric ids
		// (HAPI-0960) and what references them. The resources pass validation; the search-set Bundles, examples of
		// search results, carry narrative links and a fullUrl that the core validator rejects in any case.
		assertThat(pending.size()).as("examples HAPI's storage rules keep out: " + refused).isLessThanOrEqualTo(6);
		for (var entry : pending.entrySet()) {
			if (!(entry.getValue() instanceof Bundle bundle && bundle.getType() == Bundle.BundleType.SEARCHSET)) {
				assertThat(errors(validate(client, entry.getValue()))).as(entry.getKey()).isEmpty();
			}
		}
		System.out.printf("[aitrust] US Core 6.1.0 examples in ENFORCE mode: %d of %d stored; %d kept out by HAPI's"
				+ " storage rules (the non-Bundle ones pass $validate): %s%n", total - pending.size(), total, pending.size(), pending.keySet());
	}

	@Test
	@Order(2)
	void offlineTerminologyGapsAreWarningsNotErrors() throws IOException {
		IGenericClient client = TestGateway.client(port);
		Patient example = example("Patient-example.json");
		OperationOutcome outcome = validate(client, example);
		assertThat(errors(outcome)).isEmpty();
		assertThat(outcome.getIssue()).as("race, ethnicity and birth sex bind to value sets no package carries")
				.anySatisfy(issue -> {
					assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
					assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
				});
	}

	@Test
	@Order(3)
	void aDefectiveUsCorePatientIsRejected() throws IOException {
		IGenericClient client = TestGateway.client(port);
		Patient nameless = example("Patient-example.json");
		nameless.setId("example-without-name");
		nameless.setName(null);
		assertThatThrownBy(() -> client.update().resource(nameless).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(
						errors((OperationOutcome) e.getOperationOutcome())).anySatisfy(d -> assertThat(d).contains("Patient.name")));
	}

	@Test
	@Order(4)
	void aSyntheaPatientTransactionIsAcceptedEntryByEntry() throws IOException {
		IGenericClient client = TestGateway.client(port);
		Path synthea = SharedCorpora.require("synthea/standard-synthea");
		for (String batch : List.of("hospitalInformation.json", "practitionerInformation.json")) {
			String text = client.transaction().withBundle(Files.readString(synthea.resolve(batch))).execute();
			Bundle response = (Bundle) json.parseResource(text);
			assertThat(response.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("2"));
		}
		Path patient;
		try (Stream<Path> files = Files.list(synthea)) {
			patient = files.filter(f -> !f.getFileName().toString().contains("Information")).sorted().findFirst().orElseThrow();
		}
		Bundle transaction = (Bundle) json.parseResource(Files.readString(patient));
		long started = System.nanoTime();
		Bundle response = client.transaction().withBundle(transaction).execute();
		System.out.printf("[aitrust] Synthea transaction of %d entries under US Core ENFORCE: %d ms%n",
				transaction.getEntry().size(), (System.nanoTime() - started) / 1_000_000);
		assertThat(response.getEntry()).hasSize(transaction.getEntry().size())
				.allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
	}

	private Patient example(String file) throws IOException {
		return (Patient) json.parseResource(Files.readString(SharedCorpora.require("us-core/examples-6.1.0").resolve(file)));
	}

	static OperationOutcome validate(IGenericClient client, Resource resource) {
		Parameters in = new Parameters();
		in.addParameter().setName("resource").setResource(resource);
		return client.operation().onType(resource.getClass()).named("$validate").withParameters(in)
				.returnResourceType(OperationOutcome.class).execute();
	}

	static List<String> errors(OperationOutcome outcome) {
		return outcome.getIssue().stream()
				.filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
				.map(i -> i.getDiagnostics() + " @ " + i.getExpression())
				.toList();
	}
}
