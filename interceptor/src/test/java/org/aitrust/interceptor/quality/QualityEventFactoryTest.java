package org.aitrust.interceptor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.aitrust.interceptor.core.ReviewedWrite;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.interceptor.quality.check.InMemoryCheckContext;
import org.aitrust.interceptor.quality.check.InvariantFailureCheck;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.quality.check.UnresolvedReferenceCheck;
import org.aitrust.interceptor.core.ValidationFindings;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.store.Breakdown;
import org.aitrust.interceptor.store.QualityEvent;
import org.aitrust.interceptor.store.QualityReview;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class QualityEventFactoryTest {

	private static final Instant NOW = InMemoryCheckContext.NOW;
	private static final RequestSource LAB = new RequestSource("lab", false);

	@Test
	void validationIssuesAndBrokenInvariantsAreCountedItemByItem() {
		Observation observation = observation();
		new ValidationFindings(true, false,
				List.of("error|invariant|http://x/Profile#hosp-1", "warning|informational|none",
						"warning|informational|none"),
				List.of("hosp-1")).attachTo(observation);

		QualityEvent event = factory(10).arrived(observation, LAB, true, new InMemoryCheckContext());

		assertThat(event.outcomes()).containsEntry(InvariantFailureCheck.ID, CheckOutcome.FAIL);
		assertThat(event.breakdowns().get(Breakdown.VALIDATION_ISSUE)).containsExactlyInAnyOrderEntriesOf(Map.of(
				"error|invariant|http://x/Profile#hosp-1", 1, "warning|informational|none", 2));
		assertThat(event.breakdowns().get(Breakdown.FAILED_INVARIANT)).containsExactlyEntriesOf(Map.of("hosp-1", 1));
	}

	@Test
	void unresolvedReferencesAreCountedByTargetTypeAndResolvedOnesNot() {
		Observation observation = observation();
		observation.setSubject(new Reference("Patient/missing"));
		observation.addPerformer(new Reference("Practitioner/gone"));
		observation.addPerformer(new Reference("Practitioner/also-gone"));
		observation.addPerformer(new Reference("Organization/here"));
		InMemoryCheckContext context = new InMemoryCheckContext().withResource("Organization/here");

		QualityEvent event = factory(10).arrived(observation, LAB, true, context);

		assertThat(event.outcomes()).containsEntry(UnresolvedReferenceCheck.ID, CheckOutcome.FAIL);
		assertThat(event.breakdowns().get(Breakdown.UNRESOLVED_REFERENCE))
				.containsExactlyInAnyOrderEntriesOf(Map.of("Patient", 1, "Practitioner", 2));
	}

	@Test
	void aResourceNotValidatedHasNoValidationBreakdownAndTheInvariantCheckDoesNotApply() {
		QualityEvent event = factory(10).arrived(observation(), LAB, true, new InMemoryCheckContext());

		assertThat(event.breakdowns()).isEmpty();
		assertThat(event.outcomes()).containsEntry(InvariantFailureCheck.ID, CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void itemsBeyondTheCapAreFoldedIntoOther() {
		Observation observation = observation();
		new ValidationFindings(true, false, List.of("a", "b", "c", "c"), List.of()).attachTo(observation);

		QualityEvent event = factory(2).arrived(observation, LAB, true, new InMemoryCheckContext());

		assertThat(event.breakdowns().get(Breakdown.VALIDATION_ISSUE))
				.containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 1, LabelCap.OTHER, 2));
	}

	@Test
	void aReviewCountsAgainstTheDayProfileAndSubmitterOfTheReviewedArrival() {
		Observation version = observation();
		version.getMeta().addProfile("http://example.org/StructureDefinition/lab-result");
		Instant arrived = NOW.minusSeconds(3 * 86_400 + 60);
		version.getMeta().setLastUpdated(Date.from(arrived));

		QualityReview review = factory(10).reviewed(new ReviewedWrite(version, "corrected", NOW, "scribe", true, "Scribe|1"), new InMemoryCheckContext());

		assertThat(review.arrivalDay()).isEqualTo(LocalDate.ofInstant(arrived, ZoneOffset.UTC));
		assertThat(review.source()).isEqualTo("scribe");
		assertThat(review.resourceType()).isEqualTo("Observation");
		assertThat(review.profile()).isEqualTo("http://example.org/StructureDefinition/lab-result");
		assertThat(review.lagSeconds()).isEqualTo(3 * 86_400 + 60);
		assertThat(review.outcome()).isEqualTo("corrected");
	}

	@Test
	void aReviewWithoutARecordedSubmitterFallsBackToMetaSourceThenUnknown() {
		Observation version = observation();
		version.getMeta().setLastUpdated(Date.from(NOW));
		assertThat(factory(10).reviewed(new ReviewedWrite(version, "verified", NOW, null, true, "unknown"), new InMemoryCheckContext()).source())
				.isEqualTo(QualityEventFactory.UNKNOWN_SOURCE);

		version.getMeta().setSource("http://lab.example.org#request-7");
		assertThat(factory(10).reviewed(new ReviewedWrite(version, "verified", NOW, null, true, "unknown"), new InMemoryCheckContext()).source())
				.isEqualTo("http://lab.example.org");
	}

	private static QualityEventFactory factory(int itemCap) {
		Map<Breakdown, LabelCap> caps = new EnumMap<>(Breakdown.class);
		for (Breakdown breakdown : Breakdown.values()) {
			caps.put(breakdown, new LabelCap(itemCap, List.of()));
		}
		return new QualityEventFactory(new QualityChecks(QualityChecks.defaults()),
				new LabelCap(10, List.of()), new LabelCap(10, List.of()), caps, new LabelCap(10, List.of()),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static Observation observation() {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		return observation;
	}
}
