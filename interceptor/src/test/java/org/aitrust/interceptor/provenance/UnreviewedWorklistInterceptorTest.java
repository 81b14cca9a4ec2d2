package org.aitrust.interceptor.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.interceptor.store.ModuleSchema;
import org.aitrust.interceptor.store.UnreviewedVersion;
import org.aitrust.interceptor.store.UnreviewedVersions;
import org.aitrust.interceptor.store.WorklistQuery;
import org.aitrust.provenance.AiLabels;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class UnreviewedWorklistInterceptorTest {

	private static final Instant STORED = Instant.parse("2026-11-20T10:00:00Z");

	private UnreviewedVersions worklist;
	private UnreviewedWorklistInterceptor interceptor;
	private final ServletRequestDetails request = new ServletRequestDetails();

	@BeforeEach
	void emptyWorklist() {
		DriverManagerDataSource dataSource =
				new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		new ModuleSchema(dataSource).migrate();
		worklist = new UnreviewedVersions(dataSource);
		interceptor = new UnreviewedWorklistInterceptor(worklist, r -> new RequestSource("scribe-agent", true),
				Clock.fixed(STORED, ZoneOffset.UTC));
	}

	@Test
	void anAiLabelledVersionIsListedWithWhatTheWorklistAndTheReportFilterBy() {
		interceptor.storagePrecommitResourceCreated(aiObservation("1", 1), request);
		interceptor.storagePrecommitResourceCreated(observation("2", 1), request);

		assertThat(listed()).containsExactly(new UnreviewedVersion("Observation", "1", 1, "Patient/p", STORED,
				STORED.atZone(ZoneOffset.UTC).toLocalDate(), "scribe-agent", "http://example.org/vitals"));
	}

	@Test
	void aNewVersionReplacesTheEntryAndOneWithoutTheLabelTakesItOff() {
		interceptor.storagePrecommitResourceCreated(aiObservation("1", 1), request);
		interceptor.storagePrecommitResourceUpdated(aiObservation("1", 1), aiObservation("1", 2), request);
		assertThat(listed()).extracting(UnreviewedVersion::version).containsExactly(2L);

		interceptor.storagePrecommitResourceUpdated(aiObservation("1", 2), observation("1", 3), request);
		assertThat(listed()).isEmpty();
	}

	@Test
	void theModulesOwnRecordsAreNeverListed() {
		Provenance review = new Provenance();
		AiLabels.addResourceLabel(review);
		review.setId("Provenance/r/_history/1");
		WriteMarks.markModuleWritten(review);

		interceptor.storagePrecommitResourceCreated(review, request);

		assertThat(listed()).isEmpty();
	}

	@Test
	void aDeleteTakesTheResourceOff() {
		interceptor.storagePrecommitResourceCreated(aiObservation("1", 1), request);

		interceptor.storagePrecommitResourceDeleted(aiObservation("1", 1));

		assertThat(listed()).isEmpty();
	}

	@Test
	void thePatientIsTheSubjectOrPatientReferenceOrThePatientItself() {
		Patient patient = new Patient();
		patient.setId("Patient/p9/_history/1");
		Observation elsewhere = observation("1", 1);
		elsewhere.setSubject(new Reference("http://other.example.org/fhir/Patient/p"));
		Observation aboutAGroup = observation("2", 1);
		aboutAGroup.setSubject(new Reference("Group/g"));

		assertThat(UnreviewedEntries.patientOf(aiObservation("1", 1))).isEqualTo("Patient/p");
		assertThat(UnreviewedEntries.patientOf(patient)).isEqualTo("Patient/p9");
		assertThat(UnreviewedEntries.patientOf(elsewhere)).isNull();
		assertThat(UnreviewedEntries.patientOf(aboutAGroup)).isNull();
	}

	private List<UnreviewedVersion> listed() {
		return worklist.page(WorklistQuery.of(null, null), null, 10);
	}

	private static Observation aiObservation(String id, long version) {
		Observation observation = observation(id, version);
		AiLabels.addResourceLabel(observation);
		return observation;
	}

	private static Observation observation(String id, long version) {
		Observation observation = new Observation();
		observation.setId("Observation/" + id + "/_history/" + version);
		observation.getMeta().setVersionId(Long.toString(version)).setLastUpdated(Date.from(STORED))
				.addProfile("http://example.org/vitals");
		observation.setSubject(new Reference("Patient/p"));
		return observation;
	}
}
