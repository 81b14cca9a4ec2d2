package org.aitrust.interceptor.quality;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.interceptor.core.UtcDays;
import org.aitrust.interceptor.core.WriteAttribution;
import org.aitrust.interceptor.core.ReviewedWrite;
import org.aitrust.interceptor.store.PatientStrata;
import org.aitrust.interceptor.quality.check.CheckContext;
import org.aitrust.interceptor.quality.check.CheckFindings;
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
import org.aitrust.provenance.AiConfidence;
import org.aitrust.provenance.AiLabels;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns an arriving resource into a {@link QualityEvent}: attributes it to its source, claimed profile and AI model
 * (each folded by its {@link LabelCap}), runs every check, breaks down what validation and the reference check found,
 * measures its arrival lag, and keeps the confidence an AI write stated ({@link AiConfidence}). Turns a first review
 * into a {@link QualityReview} of the arrival it concerns, with the confidence the reviewed version stated.
 */
public class QualityEventFactory {

	static final String UNKNOWN_SOURCE = WriteAttribution.UNKNOWN_SOURCE;
	/** The resource type of a rejected request whose body could not be read and whose URL names no type. */
	static final String UNKNOWN_TYPE = "unknown";
	static final String NO_PROFILE = WriteAttribution.NO_PROFILE;
	private static final String DEVICE_REFERENCE = "Device/";

	private final QualityChecks checks;
	private final LabelCap sources;
	private final LabelCap profiles;
	private final Predicate<String> knownProfiles;
	private final Map<Breakdown, LabelCap> items;
	private final LabelCap models;
	private final Clock clock;
	private final MustSupportCompleteness mustSupport = new MustSupportCompleteness();
	private final UnresolvedReferenceCheck references;

	/**
	 * @param sources clients the identity layer resolved are admitted by their first write
	 * @param profiles profiles are admitted by the first write that claims them, if {@code knownProfiles}
	 * @param knownProfiles whether the server knows a profile (its validation support has it)
	 * @param items the cap on the items of each breakdown; a breakdown without one is not kept
	 * @param models models the module resolved are admitted by their first write; a Device a client named
	 *     keeps a label only when it is named (one the module maintains for a registered model)
	 */
	public QualityEventFactory(
			QualityChecks checks,
			LabelCap sources,
			LabelCap profiles,
			Predicate<String> knownProfiles,
			Map<Breakdown, LabelCap> items,
			LabelCap models,
			Clock clock) {
		this.checks = checks;
		this.sources = sources;
		this.profiles = profiles;
		this.knownProfiles = knownProfiles;
		this.items = new EnumMap<>(Breakdown.class);
		this.items.putAll(items);
		this.models = models;
		this.clock = clock;
		this.references = checks.byId(UnresolvedReferenceCheck.ID)
				.map(UnresolvedReferenceCheck.class::cast)
				.orElse(null);
	}

	public QualityEvent arrived(Resource resource, RequestSource requestSource, boolean accepted, CheckContext context) {
		boolean ai = AiLabels.isAiAsserted(resource);
		return measured(resource, clock.instant(),
				sourceLabel(WriteAttribution.sourceOf(resource, requestSource), requestSource.isKnown()), accepted,
				WriteMarks.isProvenanceRecorded(resource), ai, ai ? modelLabel(WriteMarks.aiModelOf(resource), true) : null,
				context);
	}

	/**
	 * A stored resource measured by the stored-data job, as if it arrived when it was last updated: its day and lag
	 * are those of {@code meta.lastUpdated} (the context's {@code now} should be that instant too, so future dates are
	 * judged as they were at the write), its source the system part of {@code meta.source} (no client is known),
	 * accepted. What only a write knows is not claimed: the model of an AI-labelled resource is unknown, and it is not
	 * said to have had its AI-Provenance recorded.
	 */
	public QualityEvent stored(Resource resource, Instant lastUpdated, CheckContext context) {
		boolean ai = AiLabels.isAiAsserted(resource);
		return measured(resource, lastUpdated, sourceLabel(WriteAttribution.sourceOf(resource, RequestSource.UNKNOWN), false),
				true, false, ai, ai ? WriteMarks.UNKNOWN_MODEL : null, context);
	}

	/** The event of a resource that counts as arriving at {@code at}, its checks run over {@code context}. */
	private QualityEvent measured(Resource resource, Instant at, String source, boolean accepted, boolean withProvenance,
			boolean ai, String model, CheckContext context) {
		Long lag = ClinicalTimes.clinicalTime(resource)
				.map(clinical -> Duration.between(clinical, at).getSeconds())
				.orElse(null);
		QualityChecks.Evaluation evaluation = checks.evaluate(resource, context);
		Map<String, CheckOutcome> outcomes = withMustSupport(evaluation.outcomes(), resource, context);
		LocalDate day = UtcDays.of(at);
		return new QualityEvent(
				day,
				at,
				source,
				resource.fhirType(),
				profileLabel(WriteAttribution.profileOf(resource), true),
				accepted,
				ai,
				withProvenance,
				lag,
				outcomes,
				breakdowns(resource, evaluation, context),
				model,
				ai ? strataOf(resource, day, context) : null,
				ai ? AiConfidence.probabilityOf(resource) : null);
	}

	/** The patient strata of an AI write about a patient this server holds; unknown strata otherwise. */
	private static PatientStrata strataOf(Resource resource, LocalDate day, CheckContext context) {
		return context.patientOf(resource).map(patient -> PatientStrata.of(patient, day)).orElse(PatientStrata.NONE);
	}

	private Map<String, CheckOutcome> withMustSupport(
			Map<String, CheckOutcome> checked, Resource resource, CheckContext context) {
		Map<String, CheckOutcome> mustSupported = mustSupport.evaluate(resource, context);
		if (mustSupported.isEmpty()) {
			return checked;
		}
		Map<String, CheckOutcome> outcomes = new LinkedHashMap<>(checked);
		outcomes.putAll(mustSupported);
		return outcomes;
	}

	private Map<Breakdown, Map<String, Integer>> breakdowns(
			Resource resource, QualityChecks.Evaluation evaluation, CheckContext context) {
		Map<String, CheckOutcome> outcomes = evaluation.outcomes();
		Map<Breakdown, Map<String, Integer>> breakdowns = new EnumMap<>(Breakdown.class);
		ValidationFindings findings = ValidationFindings.of(resource);
		if (findings != null) {
			count(breakdowns, Breakdown.VALIDATION_ISSUE, findings.issueKeys());
			count(breakdowns, Breakdown.FAILED_INVARIANT, findings.failedInvariants());
		}
		if (references != null && outcomes.get(UnresolvedReferenceCheck.ID) == CheckOutcome.FAIL) {
			count(breakdowns, Breakdown.UNRESOLVED_REFERENCE, references.unresolvedTargetTypes(resource, context));
		}
		if (!evaluation.findings().isEmpty()) {
			for (Breakdown breakdown : Breakdown.values()) {
				CheckFindings found = breakdown.countsResources() ? evaluation.findings().get(breakdown.measure()) : null;
				if (found != null) {
					countOnce(breakdowns, breakdown, found.items(breakdown.findingKind()));
				}
			}
		}
		return breakdowns;
	}

	/** Items counted once for the resource, after folding: two items folded to other are one resource at other. */
	private void countOnce(Map<Breakdown, Map<String, Integer>> breakdowns, Breakdown breakdown, Set<String> found) {
		LabelCap cap = items.get(breakdown);
		if (cap == null || found.isEmpty()) {
			return;
		}
		Map<String, Integer> counts = breakdowns.computeIfAbsent(breakdown, b -> new TreeMap<>());
		found.forEach(item -> counts.put(cap.fold(item), 1));
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
		Instant arrived = review.arrivedAt() != null ? review.arrivedAt()
				: version.getMeta().hasLastUpdated() ? version.getMeta().getLastUpdated().toInstant()
				: review.reviewedAt();
		RequestSource submitter = review.submitter() == null
				? RequestSource.UNKNOWN : new RequestSource(review.submitter(), false);
		LabelCap outcomes = items.get(Breakdown.REVIEW_OUTCOME);
		LocalDate arrivalDay = UtcDays.of(arrived);
		return new QualityReview(
				arrivalDay,
				UtcDays.of(review.reviewedAt()),
				sourceLabel(WriteAttribution.sourceOf(version, submitter), false),
				version.fhirType(),
				profileLabel(WriteAttribution.profileOf(version), false),
				Math.max(0, Duration.between(arrived, review.reviewedAt()).getSeconds()),
				outcomes == null ? review.outcome() : outcomes.fold(review.outcome()),
				modelLabel(review.aiModel(), false),
				strataOf(version, arrivalDay, context),
				AiConfidence.probabilityOf(version));
	}

	/** A rejected request whose body could not be read as a resource: counted, with no checks. */
	public QualityEvent unreadable(String resourceType, RequestSource requestSource) {
		Instant now = clock.instant();
		return new QualityEvent(UtcDays.of(now), now,
				sourceLabel(requestSource.isKnown() ? requestSource.clientId() : UNKNOWN_SOURCE, requestSource.isKnown()),
				resourceType == null ? UNKNOWN_TYPE : resourceType, NO_PROFILE, false, false, false, null, Map.of(), Map.of(),
				null, null);
	}

	/*
	 * Labels. A value is admitted for what vouches for it, never for having arrived: a rejected write admits a value
	 * only as an accepted one would (a client whose every write is refused is still seen under its own name), and what
	 * a client makes up is other whether its write was accepted or not. Reviews never admit a value: they keep the
	 * label their arrival took. The module's own placeholders (unknown source, no profile, unknown model) are always
	 * their own label.
	 */

	/**
	 * A client the identity layer resolved (credentials, or a trusted proxy's agent header) may be admitted; free
	 * text of {@code meta.source} keeps its own label only when it is a configured source.
	 */
	private String sourceLabel(String source, boolean admissible) {
		return UNKNOWN_SOURCE.equals(source) ? source : sources.fold(source, s -> admissible);
	}

	/** A profile the server knows may be admitted; a URL it does not know is {@code other} from the first write. */
	private String profileLabel(String profile, boolean mayAdmit) {
		return NO_PROFILE.equals(profile) ? profile : profiles.fold(profile, p -> mayAdmit && knownProfiles.test(p));
	}

	/**
	 * A model the module resolved ({@code name|version}) may be admitted; a Device reference a client named in
	 * {@code X-Provenance} keeps a label only when it is named.
	 */
	private String modelLabel(String model, boolean mayAdmit) {
		return WriteMarks.UNKNOWN_MODEL.equals(model) ? model
				: models.fold(model, m -> mayAdmit && !m.startsWith(DEVICE_REFERENCE));
	}
}
