package org.aitrust.provenance;

import java.time.Instant;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Provenance.ProvenanceEntityRole;
import org.hl7.fhir.r4.model.Reference;

/**
 * Builds the Provenance that records a human's review of one version of an AI-written resource:
 * who reviewed it, when, and whether they {@linkplain AiReviewOutcome verified, corrected or
 * rejected} it.
 *
 * <p>The result deliberately carries no AI-Provenance profile and no AIAST reason: the review is a
 * human act, not an AI write, and must not be found by searches for AI output. Its
 * {@code Provenance.policy} is still the IG canonical, as on the AI Provenance, so both records about
 * one AI write name the same governing rules.
 *
 * <p>Choices where R4 offers no dedicated element:
 * <ul>
 *   <li>The outcome is {@code Provenance.activity}, coded in the project's ai-review-outcome system:
 *       reviewing is the activity, and its outcome is what distinguishes one review from another.
 *   <li>The reviewer's note is {@code activity.text}. R4 Provenance has no note element, and the IG's
 *       own examples put free text about what happened in {@code activity.text} (e.g. "AI drafted
 *       prior-authorization determination, verified by a utilization reviewer"). {@code reason} is
 *       the purpose of use, not a comment, so it is not used.
 *   <li>The AI Provenance is an entity with role {@code source}: it is the first-hand record of the
 *       AI write that the reviewer examined. The review does not transform or revise it, so
 *       {@code derivation} and {@code revision} would misstate the relationship, and {@code quotation}
 *       and {@code removal} do not apply.
 * </ul>
 *
 * <p>{@link #build()} requires {@link #outcome}, {@link #reviewer} and {@link #recorded}. Instances
 * are not thread-safe; every {@code build()} returns a new Provenance.
 */
public final class ReviewProvenanceBuilder {

	private final Reference target;
	private AiReviewOutcome outcome;
	private Reference reviewer;
	private Reference enterer;
	private Instant recorded;
	private Reference aiProvenance;
	private String note;

	private ReviewProvenanceBuilder(Reference target) {
		this.target = target;
	}

	/**
	 * Starts a review record for the version the reviewer looked at.
	 *
	 * @param reviewedVersion e.g. {@code Observation/123/_history/2}; a base URL is dropped
	 * @throws IllegalArgumentException when the id lacks a resource type, an id part or a version
	 */
	public static ReviewProvenanceBuilder forTarget(IIdType reviewedVersion) {
		return new ReviewProvenanceBuilder(
				VersionSpecificReference.to(reviewedVersion, "reviewed resource version"));
	}

	/** What the reviewer concluded; sets {@code Provenance.activity}. Required. */
	public ReviewProvenanceBuilder outcome(AiReviewOutcome outcome) {
		this.outcome = Objects.requireNonNull(outcome, "outcome");
		return this;
	}

	/**
	 * The human who reviewed, recorded as agent type {@code verifier}. Required.
	 *
	 * @throws IllegalArgumentException unless it references a Practitioner or PractitionerRole
	 */
	public ReviewProvenanceBuilder reviewer(Reference practitionerOrRole) {
		ReferencedType.require(practitionerOrRole, "reviewer", "Practitioner", "PractitionerRole");
		this.reviewer = practitionerOrRole.copy();
		return this;
	}

	/**
	 * Who entered the review when it is not the reviewer (an administrator recording it on the reviewer's behalf),
	 * recorded as an agent of type {@code enterer}, HL7's "the party entering the data"; {@code null} leaves it out.
	 * It may name a user by reference or a client by identifier or display.
	 */
	public ReviewProvenanceBuilder enterer(Reference who) {
		this.enterer = who == null ? null : who.copy();
		return this;
	}

	/** When the review was recorded; sets {@code Provenance.recorded} in UTC. Required. */
	public ReviewProvenanceBuilder recorded(Instant recorded) {
		this.recorded = Objects.requireNonNull(recorded, "recorded");
		return this;
	}

	/**
	 * The AI Provenance of the reviewed write, as entity role {@code source}; {@code null} leaves it out
	 * (a resource can carry an AI label without an AI Provenance).
	 *
	 * @param aiProvenanceId {@code Provenance/<id>}, optionally with {@code /_history/<version>}
	 * @throws IllegalArgumentException when the id is not a Provenance id with an id part
	 */
	public ReviewProvenanceBuilder aiProvenance(IIdType aiProvenanceId) {
		if (aiProvenanceId == null) {
			this.aiProvenance = null;
			return this;
		}
		if (!"Provenance".equals(aiProvenanceId.getResourceType()) || !aiProvenanceId.hasIdPart()) {
			throw new IllegalArgumentException(
					"aiProvenance must be a Provenance id like Provenance/42, but was '"
							+ aiProvenanceId.getValue() + "'");
		}
		this.aiProvenance = new Reference(aiProvenanceId.toUnqualified().getValue());
		return this;
	}

	/** The reviewer's free-text note, stored in {@code activity.text}; null or blank leaves it out. */
	public ReviewProvenanceBuilder note(String note) {
		this.note = note == null || note.isBlank() ? null : note;
		return this;
	}

	/**
	 * A new Provenance: the versioned target, recorded, policy = IG canonical, activity = outcome (with
	 * the note as text), a verifier agent, an enterer agent when given and, when given, the AI Provenance as a {@code source} entity.
	 *
	 * @throws IllegalStateException when outcome, reviewer or recorded has not been set
	 */
	public Provenance build() {
		requireSet(outcome, "outcome");
		requireSet(reviewer, "reviewer");
		requireSet(recorded, "recorded");

		Provenance provenance = new Provenance();
		provenance.addTarget(target.copy());
		provenance.setRecordedElement(RecordedInstant.of(recorded));
		provenance.addPolicy(AiTransparency.IG_CANONICAL);
		CodeableConcept activity = outcome.toCodeableConcept();
		if (note != null) {
			activity.setText(note);
		}
		provenance.setActivity(activity);
		provenance.addAgent()
				.setType(new CodeableConcept(AiTransparency.verifierParticipantCoding()))
				.setWho(reviewer.copy());
		if (enterer != null) {
			provenance.addAgent()
					.setType(new CodeableConcept(AiTransparency.entererParticipantCoding()))
					.setWho(enterer.copy());
		}
		if (aiProvenance != null) {
			provenance.addEntity()
					.setRole(ProvenanceEntityRole.fromCode(AiTransparency.CODE_ENTITY_ROLE_SOURCE))
					.setWhat(aiProvenance.copy());
		}
		return provenance;
	}

	private static void requireSet(Object value, String setter) {
		if (value == null) {
			throw new IllegalStateException("Review Provenance is incomplete: call " + setter + "(...) first");
		}
	}
}
