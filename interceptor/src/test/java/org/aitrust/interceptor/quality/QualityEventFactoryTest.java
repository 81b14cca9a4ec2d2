package org.aitrust.interceptor.quality;

import org.aitrust.interceptor.quality.check.FutureDateCheck;
import org.hl7.fhir.r4.model.DateTimeType;
import java.time.Duration;
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
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.provenance.AiConfidence;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.provenance.AiLabels;
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
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class QualityEventFactoryTest {

	private static final Instant NOW = InMemoryCheckContext.NOW;
	private static final RequestSource LAB = new RequestSource("lab", false);
	private static final String CONFIGURED_LAB = "http://lab.example.org";
	private static final String LAB_RESULT = "http://example.org/StructureDefinition/lab-result";
	private static final String REGISTERED_DEVICE = "Device/aitrust-device-0123";

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

		assertThat(event.breakdowns()).doesNotContainKeys(Breakdown.VALIDATION_ISSUE, Breakdown.FAILED_INVARIANT);
		assertThat(event.outcomes()).containsEntry(InvariantFailureCheck.ID, CheckOutcome.NOT_APPLICABLE);
	}

	@Test
	void whatTheChecksFoundIsCountedOncePerResourceAndItemFoldedByTheCap() {
		QualityEvent event = factory(1).arrived(observation(), LAB, true, new InMemoryCheckContext());

		assertThat(event.breakdowns().get(Breakdown.MISSING_REQUIRED_ELEMENT))
				.as("two missing elements: the first keeps its label, the second is other, each once")
				.containsExactlyInAnyOrderEntriesOf(Map.of("Observation.effective[x]", 1, "other", 1));
		assertThat(event.breakdowns().get(Breakdown.UNKNOWN_CODE_SYSTEM)).isEqualTo(Map.of("http://loinc.org", 1));
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
		version.getMeta().addProfile(LAB_RESULT);
		Instant arrived = NOW.minusSeconds(3 * 86_400 + 60);
		version.getMeta().setLastUpdated(Date.from(arrived));
		QualityEventFactory factory = factory(10);
		factory.arrived(version, new RequestSource("scribe", true), true, new InMemoryCheckContext());

		QualityReview review = factory.reviewed(new ReviewedWrite(version, "corrected", NOW, "scribe", true, "Scribe|1"), new InMemoryCheckContext());

		assertThat(review.arrivalDay()).isEqualTo(LocalDate.ofInstant(arrived, ZoneOffset.UTC));
		assertThat(review.source()).isEqualTo("scribe");
		assertThat(review.resourceType()).isEqualTo("Observation");
		assertThat(review.profile()).as("the label its arrival took").isEqualTo(LAB_RESULT);
		assertThat(review.lagSeconds()).isEqualTo(3 * 86_400 + 60);
		assertThat(review.outcome()).isEqualTo("corrected");
	}

	@Test
	void theConfidenceAnAiWriteStatedIsKeptOnItsArrivalAndOnItsReviewButNotForOtherWrites() {
		Observation stating = observation();
		AiLabels.addResourceLabel(stating);
		WriteMarks.markAiModel(stating, "Scribe|1");
		stating.addExtension(AiTransparency.EXTENSION_AI_CONFIDENCE, new Quantity().setValue(92.5).setSystem(AiConfidence.UCUM)
				.setCode("%").setUnit("%"));
		QualityEventFactory factory = factory(10);

		assertThat(factory.arrived(stating, LAB, true, new InMemoryCheckContext()).confidence())
				.isEqualByComparingTo("0.925");
		stating.getMeta().setLastUpdated(Date.from(NOW));
		assertThat(factory.reviewed(new ReviewedWrite(stating, "verified", NOW, "scribe", true, "Scribe|1"),
				new InMemoryCheckContext()).confidence()).isEqualByComparingTo("0.925");

		Observation notAi = observation();
		notAi.addExtension(AiTransparency.EXTENSION_AI_CONFIDENCE, new DecimalType("0.9"));
		assertThat(factory.arrived(notAi, LAB, true, new InMemoryCheckContext()).confidence()).isNull();
		assertThat(aiArrival(factory, "Scribe|1", true).confidence()).as("stated none").isNull();
	}

	@Test
	void aReviewCountsAgainstTheArrivalTheModulesClockRecordedOverLastUpdated() {
		Observation version = observation();
		version.getMeta().setLastUpdated(Date.from(NOW));
		Instant recorded = NOW.minusSeconds(10 * 86_400);

		QualityReview review = factory(10).reviewed(
				new ReviewedWrite(version, "verified", NOW, "scribe", true, "Scribe|1", recorded),
				new InMemoryCheckContext());

		assertThat(review.arrivalDay()).isEqualTo(LocalDate.ofInstant(recorded, ZoneOffset.UTC));
		assertThat(review.lagSeconds()).isEqualTo(10 * 86_400);
	}

	@Test
	void aReviewWithoutARecordedSubmitterFallsBackToMetaSourceThenUnknown() {
		Observation version = observation();
		version.getMeta().setLastUpdated(Date.from(NOW));
		assertThat(factory(10).reviewed(new ReviewedWrite(version, "verified", NOW, null, true, "unknown"), new InMemoryCheckContext()).source())
				.isEqualTo(QualityEventFactory.UNKNOWN_SOURCE);

		version.getMeta().setSource(CONFIGURED_LAB + "#request-7");
		assertThat(factory(10).reviewed(new ReviewedWrite(version, "verified", NOW, null, true, "unknown"), new InMemoryCheckContext()).source())
				.isEqualTo(CONFIGURED_LAB);
	}

	@Test
	void aReviewNeverAdmitsALabel() {
		Observation version = observation();
		version.getMeta().addProfile(LAB_RESULT);
		version.getMeta().setLastUpdated(Date.from(NOW));

		QualityReview review = factory(10).reviewed(
				new ReviewedWrite(version, "verified", NOW, "scribe", true, "Scribe|3"), new InMemoryCheckContext());

		assertThat(review.source()).isEqualTo(LabelCap.OTHER);
		assertThat(review.profile()).isEqualTo(LabelCap.OTHER);
		assertThat(review.aiModel()).isEqualTo(LabelCap.OTHER);
	}

	@Test
	void onlyClientsTheIdentityLayerResolvedAndConfiguredSourcesTakeASourceLabel() {
		QualityEventFactory factory = factory(10);
		Observation freeText = observation();
		freeText.getMeta().setSource("http://made-up.example.org#1");
		Observation configured = observation();
		configured.getMeta().setSource(CONFIGURED_LAB);

		assertThat(factory.arrived(freeText, RequestSource.UNKNOWN, true, new InMemoryCheckContext()).source())
				.as("free text of meta.source").isEqualTo(LabelCap.OTHER);
		assertThat(factory.arrived(configured, RequestSource.UNKNOWN, true, new InMemoryCheckContext()).source())
				.isEqualTo(CONFIGURED_LAB);
		Observation rejectedFreeText = observation();
		rejectedFreeText.getMeta().setSource("http://made-up.example.org#2");
		assertThat(factory.arrived(rejectedFreeText, RequestSource.UNKNOWN, false, new InMemoryCheckContext()).source())
				.as("free text of a rejected write").isEqualTo(LabelCap.OTHER);
		assertThat(factory.arrived(observation(), new RequestSource("refused-client", true), false,
				new InMemoryCheckContext()).source()).as("a resolved client whose writes are all refused")
				.isEqualTo("refused-client");
		assertThat(factory.unreadable("Observation", new RequestSource("unreadable-client", false)).source())
				.isEqualTo("unreadable-client");
		assertThat(factory.arrived(observation(), RequestSource.UNKNOWN, true, new InMemoryCheckContext()).source())
				.isEqualTo(QualityEventFactory.UNKNOWN_SOURCE);
	}

	@Test
	void onlyProfilesTheServerKnowsTakeAProfileLabel() {
		QualityEventFactory factory = factory(10);
		Observation known = observation();
		known.getMeta().addProfile(LAB_RESULT);
		Observation madeUp = observation();
		madeUp.getMeta().addProfile("http://made-up.example.org/StructureDefinition/" + "x".repeat(300));

		assertThat(factory.arrived(madeUp, LAB, true, new InMemoryCheckContext()).profile()).isEqualTo(LabelCap.OTHER);
		assertThat(factory.arrived(madeUp, LAB, false, new InMemoryCheckContext()).profile()).isEqualTo(LabelCap.OTHER);
		assertThat(factory.arrived(known, LAB, false, new InMemoryCheckContext()).profile())
				.as("refused against a profile the server knows").isEqualTo(LAB_RESULT);
		assertThat(factory.arrived(observation(), LAB, true, new InMemoryCheckContext()).profile())
				.isEqualTo(QualityEventFactory.NO_PROFILE);
	}

	@Test
	void aDeviceAClientNamesKeepsAModelLabelOnlyWhenItIsARegisteredModelsDevice() {
		QualityEventFactory factory = factory(10);

		assertThat(aiArrival(factory, "Device/client-made", true).aiModel()).isEqualTo(LabelCap.OTHER);
		assertThat(aiArrival(factory, REGISTERED_DEVICE, true).aiModel()).isEqualTo(REGISTERED_DEVICE);
		assertThat(aiArrival(factory, "Device/client-made", false).aiModel()).isEqualTo(LabelCap.OTHER);
		assertThat(aiArrival(factory, "Scribe|2", false).aiModel()).as("a model the module resolved")
				.isEqualTo("Scribe|2");
		assertThat(aiArrival(factory, WriteMarks.UNKNOWN_MODEL, true).aiModel()).isEqualTo(WriteMarks.UNKNOWN_MODEL);
	}

	@Test
	void aFullCapStillGivesRegisteredAgentsAndConfiguredSourcesTheirLabels() {
		QualityEventFactory factory = factory(10);
		for (int i = 0; i < 20; i++) {
			factory.arrived(observation(), new RequestSource("junk-" + i, false), true, new InMemoryCheckContext());
		}

		assertThat(factory.arrived(observation(), new RequestSource("junk-new", false), true,
				new InMemoryCheckContext()).source()).isEqualTo(LabelCap.OTHER);
		assertThat(factory.arrived(observation(), new RequestSource("scribe-agent", false), true,
				new InMemoryCheckContext()).source()).isEqualTo("scribe-agent");
		assertThat(factory.arrived(observation(), new RequestSource(CONFIGURED_LAB, false), true,
				new InMemoryCheckContext()).source()).isEqualTo(CONFIGURED_LAB);
	}

	private static QualityEvent aiArrival(QualityEventFactory factory, String model, boolean accepted) {
		Observation observation = observation();
		AiLabels.addResourceLabel(observation);
		WriteMarks.markAiModel(observation, model);
		return factory.arrived(observation, LAB, accepted, new InMemoryCheckContext());
	}

	@Test
	void aStoredResourceCountsOnTheDayItWasLastUpdatedUnderItsMetaSourceAccepted() {
		Observation observation = observation();
		observation.setEffective(new DateTimeType("2025-03-01T12:00:00Z"));
		observation.getMeta().setSource(CONFIGURED_LAB + "#request-7");
		Instant lastUpdated = Instant.parse("2025-03-02T23:59:00Z");

		QualityEvent event = factory(10).stored(observation, lastUpdated, new InMemoryCheckContext());

		assertThat(event.day()).isEqualTo(LocalDate.parse("2025-03-02"));
		assertThat(event.lagSeconds()).isEqualTo(Duration.ofHours(35).plusMinutes(59).getSeconds());
		assertThat(event.source()).isEqualTo(CONFIGURED_LAB);
		assertThat(event.accepted()).isTrue();
		assertThat(event.withProvenance()).isFalse();
		assertThat(event.outcomes()).containsKey(FutureDateCheck.ID);
	}

	private static QualityEventFactory factory(int itemCap) {
		Map<Breakdown, LabelCap> caps = new EnumMap<>(Breakdown.class);
		for (Breakdown breakdown : Breakdown.values()) {
			caps.put(breakdown, LabelCap.firstCome(itemCap, List.of()));
		}
		return new QualityEventFactory(new QualityChecks(QualityChecks.defaults()),
				new LabelCap(10, List.of("scribe-agent", CONFIGURED_LAB)), new LabelCap(10, List.of()),
				LAB_RESULT::equals, caps, new LabelCap(10, List.of("Scribe|1", REGISTERED_DEVICE)),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static Observation observation() {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		return observation;
	}
}
