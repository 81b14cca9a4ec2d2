package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.aitrust.interceptor.quality.check.CheckContext;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.interceptor.quality.check.DateBeforeLowerBoundCheck;
import org.aitrust.interceptor.quality.check.EffectiveAfterIssuedCheck;
import org.aitrust.interceptor.quality.check.DuplicateIdentifierCheck;
import org.aitrust.interceptor.quality.check.EventBeforeBirthOrAfterDeathCheck;
import org.aitrust.interceptor.quality.check.FutureDateCheck;
import org.aitrust.interceptor.quality.check.NoProfileClaimedCheck;
import org.aitrust.interceptor.quality.check.OnsetAfterAbatementCheck;
import org.aitrust.interceptor.quality.check.PeriodOrderCheck;
import org.aitrust.interceptor.quality.check.QualityCheck;
import org.aitrust.interceptor.quality.check.RelativeReference;
import org.aitrust.interceptor.quality.check.RequiredElementsCheck;
import org.aitrust.interceptor.quality.check.UcumUnitCheck;
import org.aitrust.interceptor.quality.check.UnresolvedReferenceCheck;
import org.aitrust.interceptor.quality.check.VitalSignRangeCheck;
import org.aitrust.interceptor.quality.check.VitalSignRanges;
import org.aitrust.testsupport.FhirTestClients;
import org.aitrust.testsupport.IsolatedDatabase;
import org.aitrust.testsupport.RequiresSharedCorpus;
import org.aitrust.testsupport.SharedCorpora;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real Synthea patient record (transaction Bundle) from the shared corpus, loaded after its hospital and
 * practitioner batches: {@code $data-quality} counts every entry once, rejects none, and reports for each check that
 * depends only on the resource the numerator and denominator that the same checks give when run directly over the
 * Bundle file — so the server pipeline loses, adds or double-counts nothing; and the stored-data job, run over what
 * was loaded, gives the write-time totals.
 */
@SpringBootTest(
		classes = StarterServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "aitrust.quality.enabled=true")
@IsolatedDatabase
@RequiresSharedCorpus("synthea/standard-synthea")
class SyntheaQualityIT {

	static final FhirContext FHIR = FhirTestClients.fhirContext();

	@LocalServerPort
	int port;

	@Autowired
	IJobMaintenanceService maintenance;

	/**
	 * One load serves two comparisons (the Synthea bundles are what costs time here). First, the Alvin56 record:
	 * {@code $data-quality} counts every entry once, rejects none, and gives for each resource-only check the counts the
	 * checks give over the Bundle file. Then the done-when of stored data: the stored-data job measures what was loaded
	 * (the batches, that record and {@code -Daitrust.it.synthea-stored-records=N} records in all, 1 by default) and
	 * gives the write-time totals, check by check. Checks that ask the store are judged by the job against the store as
	 * it is when the job runs, by the write against the store as it was (a transaction's later entries, a second carrier
	 * of an identifier): for them the same resources are judged (equal denominators) and both numerators are printed;
	 * every other check is equal exactly.
	 */
	@Test
	void syntheaRecordsAreCountedExactlyAndTheStoredDataJobGivesTheSameTotals() throws Exception {
		Path synthea = SharedCorpora.require("synthea/standard-synthea");
		IGenericClient client = TestGateway.client(port);
		Set<String> types = new TreeSet<>();
		for (String batch : List.of("hospitalInformation.json", "practitionerInformation.json")) {
			Bundle directory = read(synthea.resolve(batch));
			directory.getEntry().forEach(entry -> types.add(entry.getResource().fhirType()));
			client.transaction().withBundle(directory).withAdditionalHeader("X-AI-Agent", "synthea-directory").execute();
		}
		List<Path> records;
		try (var files = Files.list(synthea)) {
			// Alvin56 first: the exact counts below are known for it (docs/testing.md)
			records = files.filter(f -> f.getFileName().toString().endsWith(".json")
					&& !f.getFileName().toString().startsWith("hospital")
					&& !f.getFileName().toString().startsWith("practitioner"))
					.sorted(Comparator.comparing((Path f) -> !f.getFileName().toString().startsWith("Alvin56"))
							.thenComparing(Path::getFileName))
					.limit(Math.max(1, Integer.getInteger("aitrust.it.synthea-stored-records", 1))).toList();
		}
		Path record = records.get(0);
		Bundle bundle = read(record);
		bundle.getEntry().forEach(entry -> types.add(entry.getResource().fhirType()));
		client.transaction().withBundle(bundle).withAdditionalHeader("X-AI-Agent", "synthea").execute();
		for (Path more : records.subList(1, records.size())) {
			Bundle other = read(more);
			other.getEntry().forEach(entry -> types.add(entry.getResource().fhirType()));
			client.transaction().withBundle(other).withAdditionalHeader("X-AI-Agent", "synthea-more").execute();
		}

		Map<String, long[]> expected = expectedCounts(bundle);
		Map<String, long[]> reported = counts(client, "synthea");
		assertThat(reported.get("received")).containsExactly(bundle.getEntry().size(), bundle.getEntry().size());
		assertThat(reported.get("rejected")).containsExactly(bundle.getEntry().size(), 0);
		expected.forEach((check, counts) -> assertThat(reported.get(check)).as(check).containsExactly(counts));
		System.out.println("[aitrust] Synthea " + record.getFileName() + ": " + bundle.getEntry().size() + " entries; "
				+ reported.entrySet().stream().sorted(Map.Entry.comparingByKey())
						.map(e -> e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[0])
						.collect(Collectors.joining(", ")));

		StoredDataRuns.runToCompletion(client, maintenance, types.toArray(String[]::new));

		Map<String, List<Long>> write = StoredDataRuns.withoutWriteOnly(DataQualityReports.totals(client));
		Map<String, List<Long>> stored = StoredDataRuns.withoutWriteOnly(DataQualityReports.totals(client, "population", "stored"));
		System.out.println("[aitrust] Synthea stored-data job over " + records.size() + " records; write vs stored: "
				+ write.keySet().stream().sorted().map(id -> id + " " + write.get(id) + " " + stored.get(id))
						.collect(Collectors.joining(", ")));
		assertThat(stored.keySet()).isEqualTo(write.keySet());
		write.forEach((check, totals) -> {
			if (JUDGED_AGAINST_THE_STORE.contains(check)) {
				assertThat(stored.get(check).get(0)).as(check + " judges the same resources").isEqualTo(totals.get(0));
			} else {
				assertThat(stored.get(check)).as(check).isEqualTo(totals);
			}
		});
	}

	/** Checks whose verdict depends on what else the store held when judged (see the test above). */
	private static final List<String> JUDGED_AGAINST_THE_STORE = List.of(
			UnresolvedReferenceCheck.ID, DuplicateIdentifierCheck.ID, EventBeforeBirthOrAfterDeathCheck.ID);

	/** {denominator, numerator} of the resource-only checks, computed straight from the Bundle file. */
	private static Map<String, long[]> expectedCounts(Bundle bundle) {
		List<QualityCheck> checks = List.of(new UcumUnitCheck(FHIR), new RequiredElementsCheck(FHIR),
				new NoProfileClaimedCheck(), new PeriodOrderCheck(FHIR), new VitalSignRangeCheck(), new FutureDateCheck(),
				new OnsetAfterAbatementCheck(), new EffectiveAfterIssuedCheck(), new DateBeforeLowerBoundCheck());
		CheckContext context = new ResourceOnlyContext();
		Map<String, long[]> expected = new HashMap<>();
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			for (QualityCheck check : checks) {
				CheckOutcome outcome = check.evaluate(entry.getResource(), context);
				long[] counts = expected.computeIfAbsent(check.id(), id -> new long[2]);
				if (outcome != CheckOutcome.NOT_APPLICABLE) {
					counts[0]++;
					counts[1] += outcome == CheckOutcome.FAIL ? 1 : 0;
				}
			}
		}
		return expected;
	}

	private static Map<String, long[]> counts(IGenericClient client, String source) {
		return DataQualityReports.counts(DataQualityReports.report(client, "source", source));
	}

	private static Bundle read(Path file) throws Exception {
		return FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(file));
	}

	/** The questions the resource-only checks ask; anything about stored data is a test error. */
	private static final class ResourceOnlyContext implements CheckContext {
		private final Instant now = Instant.now();

		@Override
		public Instant now() {
			return now;
		}

		@Override
		public Duration clockSkew() {
			return Duration.ofMinutes(5);
		}

		@Override
		public VitalSignRanges vitalSignRanges() {
			return VitalSignRanges.defaults();
		}

		@Override
		public Optional<Patient> patientOf(Resource resource) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean referenceResolves(RelativeReference reference) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean identifierUsedByAnother(String resourceType, String system, String value, String selfIdPart) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean identifierSystemUnique(String system) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean profileKnown(String canonicalUrl) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean codeSystemKnown(String system) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<String> mustSupportPaths(String canonicalUrl) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<Encounter> encounterOf(Resource resource) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Duration encounterMargin() {
			return Duration.ofDays(1);
		}

		@Override
		public LocalDate earliestPlausibleDate() {
			return LocalDate.of(1850, 1, 1);
		}
	}
}
