package org.aitrust.interceptor.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.aitrust.interceptor.store.ModuleSchema;
import org.aitrust.interceptor.store.UnreviewedVersion;
import org.aitrust.interceptor.store.UnreviewedVersions;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/** What {@code $ai-unreviewed} returns when the caller may not read an entry, or an entry is gone. */
class AiUnreviewedOperationTest {

	private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

	@Test
	void entriesTheCallerMayNotReadOrThatAreGoneAreLeftOutAndSaidSoWhileTotalCountsTheWorklist() {
		DriverManagerDataSource dataSource =
				new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		new ModuleSchema(dataSource).migrate();
		UnreviewedVersions worklist = new UnreviewedVersions(dataSource);
		for (int i = 1; i <= 4; i++) {
			worklist.put(new UnreviewedVersion("Observation", "o" + i, 1, null, NOON.plusSeconds(i),
					LocalDate.parse("2026-11-20"), "scribe", "none"));
		}
		RequestDetails request = new ServletRequestDetails();
		request.setFhirServerBase("http://fhir.example.org/fhir");
		request.setCompleteUrl("http://fhir.example.org/fhir/$ai-unreviewed?_count=3");
		request.setParameters(Map.of("_count", new String[] {"3"}));
		@SuppressWarnings("unchecked")
		IFhirResourceDao<Observation> observations = mock(IFhirResourceDao.class);
		Observation readable = new Observation();
		readable.setId("Observation/o4/_history/1");
		when(observations.read(eq(new IdType("Observation", "o4")), any(RequestDetails.class))).thenReturn(readable);
		when(observations.read(eq(new IdType("Observation", "o3")), any(RequestDetails.class)))
				.thenThrow(new ForbiddenOperationException("not in your compartment"));
		when(observations.read(eq(new IdType("Observation", "o2")), any(RequestDetails.class)))
				.thenThrow(new ResourceGoneException(new IdType("Observation", "o2")));
		DaoRegistry daoRegistry = mock(DaoRegistry.class);
		when(daoRegistry.getResourceDao("Observation")).thenReturn((IFhirResourceDao) observations);
		AiReviewProvider provider = new AiReviewProvider(daoRegistry, null, null, mock(PlatformTransactionManager.class),
				Clock.systemUTC(), null, worklist);

		Bundle page = provider.unreviewed(null, null, new IntegerType(3), null, request);

		assertThat(page.getTotal()).isEqualTo(4);
		assertThat(page.getEntry()).extracting(e -> e.getSearch().getMode())
				.containsExactly(Bundle.SearchEntryMode.MATCH, Bundle.SearchEntryMode.OUTCOME);
		assertThat(page.getEntry().get(0).getFullUrl()).isEqualTo("http://fhir.example.org/fhir/Observation/o4");
		OperationOutcome leftOut = (OperationOutcome) page.getEntry().get(1).getResource();
		assertThat(leftOut.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getCode)
				.containsExactly(OperationOutcome.IssueType.SUPPRESSED, OperationOutcome.IssueType.NOTFOUND);
		assertThat(page.getLink(Bundle.LINK_NEXT).getUrl())
				.startsWith("http://fhir.example.org/fhir/$ai-unreviewed?_count=3&cursor=");
	}
}
