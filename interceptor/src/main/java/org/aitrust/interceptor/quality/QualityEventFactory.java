package org.aitrust.interceptor.quality;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.interceptor.core.UtcDays;
import org.aitrust.interceptor.core.WriteAttribution;
import org.aitrust.interceptor.core.ReviewedWrite;
import org.aitrust.interceptor.store.PatientStrata;
import org.aitrust.interceptor.quality.check.CheckContext;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.interceptor.quality.check.ClinicalTimes;
import org.aitrust.interceptor.quality.check.MustSupportCompleteness;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.quality.check.UnresolvedReferenceCheck;
import org.aitrust.interceptor.core.ValidationFindings;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.store.Breakdown;
import org.aitrust.interceptor.store.PatientStrata;
import org.aitrust.interceptor.store.QualityEvent;
import org.aitrust.interceptor.store.QualityReview;
import org.aitrust.provenance.AiLabels;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns an arriving resource into a {@link QualityEvent}: attributes it to its source and claimed profile
 * (both folded to bounded sets), runs every check, breaks down what validation and the reference check found,
 * and measures its arrival lag. Turns a first review into a {@link QualityReview} of the arrival it concerns.
 */
public class QualityEventFactory {

	static final String UNKNOWN_SOURCE = WriteAttribution.UNKNOWN_SOURCE;
	static final String NO_PROFILE = WriteAttribution.NO_PROFILE;

	private final QualityChecks checks;
	private final LabelCap sources;
	private final LabelCap profiles;
	private final Map<Breakdown, LabelCap> items;
	private final LabelCap models;
	private final Clock clock;
	private final MustSupportCompleteness mustSupport = new MustSupportCompleteness();
	private final UnresolvedReferenceCheck references;

	/**
	 * @param items the cap on the items of each breakdown; a breakdown without one is not kept
	 */
	public QualityEventFactory(
			QualityChecks checks,
			LabelCap sources,
			LabelCap profiles,
			Map<Breakdown, LabelCap> items,
			LabelCap models,
			Clock clock) {
		this.checks = checks;
		this.sources = sources;
		this.profiles = profiles;
		this.items = new EnumMap<>(Breakdown.class);
		this.items.putAll(items);
		this.models = models;
		this.clock = clock;
		this.references = checks.byId(UnresolvedReferenceCheck.ID)
				.map(UnresolvedReferenceCheck.class::cast)
				.orElse(null);
	}

	public QualityEvent arrived(Resource resource, RequestSource requestSource, boolean accepted, CheckContext context) {
		Instant now = clock.instant();
		Long lag = ClinicalTimes.clinicalTime(resource)
				.map(clinical -> Duration.between(clinical, now).getSeconds())
				.orElse(null);
		Map<String, CheckOutcome> outcomes = outcomes(resource, context);
		LocalDate day = UtcDays.of(now);
		boolean ai = AiLabels.isAiAsserted(resource);
		return new QualityEvent(
				day,
				now,
				sources.fold(WriteAttribution.sourceOf(resource, requestSource)),
				resource.fhirType(),
				profiles.fold(WriteAttribution.profileOf(resource)),
				accepted,
				ai,
				WriteMarks.isProvenanceRecorded(resource),
				lag,
				outcomes,
				breakdowns(resource, outcomes, context),
				ai ? models.fold(WriteMarks.aiModelOf(resource)) : null,
				ai ? strataOf(resource, day, context) : null);
	}

	/** The patient strata of an AI write about a patient this server holds; unknown strata otherwise. */
	private static PatientStrata strataOf(Resource resource, LocalDate day, CheckContext context) {
		return context.patientOf(resource).map(patient -> PatientStrata.of(patient, day)).orElse(PatientStrata.NONE);
	}

	private Map<String, CheckOutcome> outcomes(Resource resource, CheckContext context) {
		Map<String, CheckOutcome> checked = checks.evaluateAll(resource, context);
		Map<String, CheckOutcome> mustSupported = mustSupport.evaluate(resource, context);
		if (mustSupported.isEmpty()) {
			return checked;
		}
		Map<String, CheckOutcome> outcomes = new LinkedHashMap<>(checked);
		outcomes.putAll(mustSupported);
		return outcomes;
	}

	private Map<Breakdown, Map<String, Integer>> breakdowns(
			Resource resource, Map<String, CheckOutcome> outcomes, CheckContext context) {
		Map<Breakdown, Map<String, Integer>> breakdowns = new EnumMap<>(Breakdown.class);
		ValidationFindings findings = ValidationFindings.of(resource);
		if (findings != null) {
			count(breakdowns, Breakdown.VALIDATION_ISSUE, findings.issueKeys());
			count(breakdowns, Breakdown.FAILED_INVARIANT, findings.failedInvariants());
		}
		if (references != null && outcomes.get(UnresolvedReferenceCheck.ID) == CheckOutcome.FAIL) {
			count(breakdowns, Breakdown.UNRESOLVED_REFERENCE, references.unresolvedTargetTypes(resource, context));
		}
		return breakdowns;
	}

	private void count(Map<Breakdown, Map<String, Integer>> breakdowns, Breakdown breakdown, List<String> found) {
		LabelCap cap = items.get(breakdown);
		if (cap == null || found.isEmpty()) {
			return;
		}
		Map<String, Integer> counts = breakdowns.computeIfAbsent(breakdown, b -> new TreeMap<>());
		found.forEach(item -> counts.merge(cap.fold(item), 1, Integer::sum));
	}

	/**
	 * The review of an AI-written version, attributed to that version's arrival: its day and profile, and the
	 * client that submitted it (else its {@code meta.source}, else unknown), folded like an arrival's.
	 */
	public QualityReview reviewed(ReviewedWrite review, CheckContext context) {
		Resource version = review.reviewedVersion();
		Instant arrived = version.getMeta().hasLastUpdated()
				? version.getMeta().getLastUpdated().toInstant() : review.reviewedAt();
		RequestSource submitter = review.submitter() == null
				? RequestSource.UNKNOWN : new RequestSource(review.submitter(), false);
		LabelCap outcomes = items.get(Breakdown.REVIEW_OUTCOME);
		LocalDate arrivalDay = UtcDays.of(arrived);
		return new QualityReview(
				arrivalDay,
				UtcDays.of(review.reviewedAt()),
				sources.fold(WriteAttribution.sourceOf(version, submitter)),
				version.fhirType(),
				profiles.fold(WriteAttribution.profileOf(version)),
				Math.max(0, Duration.between(arrived, review.reviewedAt()).getSeconds()),
				outcomes == null ? review.outcome() : outcomes.fold(review.outcome()),
				models.fold(review.aiModel()),
				strataOf(version, arrivalDay, context));
	}

	/** A rejected request whose body could not be read as a resource: counted, with no checks. */
	public QualityEvent unreadable(String resourceType, RequestSource requestSource) {
		Instant now = clock.instant();
		return new QualityEvent(UtcDays.of(now), now,
				sources.fold(requestSource.isKnown() ? requestSource.clientId() : UNKNOWN_SOURCE),
				resourceType == null ? "unknown" : resourceType, NO_PROFILE, false, false, false, null, Map.of(), Map.of(),
				null, null);
	}
}
