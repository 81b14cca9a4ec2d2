package org.aitrust.provenance;

import java.time.Instant;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Provenance.ProvenanceEntityRole;
import org.hl7.fhir.r4.model.Reference;

/**
 * Builds the Provenance that records the delete of an AI-labelled resource: who deleted which version, and when.
 *
 * <p>The target is the last version the resource had, the one the delete removed ({@code Observation/123/_history/2}),
 * also named as an entity of role {@code removal}, which R4 defines for "an entity that is removed from accessibility,
 * usually through the DELETE operator". The activity is {@code v3-DataOperation#DELETE}. The deleting client is an
 * agent of type {@code performer}: it carried out the delete; it is not the author of anything. It is not an
 * AI-Provenance (no AI agent need take part, so the profile would not fit), and it carries no AIAST reason.
 */
public final class DeleteProvenanceBuilder {

	private final Reference target;
	private Instant recorded;
	private Reference deleter;

	private DeleteProvenanceBuilder(Reference target) {
		this.target = target;
	}

	/**
	 * @param deletedVersion the version the delete removed, e.g. {@code Observation/123/_history/2}; a base URL is dropped
	 * @throws IllegalArgumentException when the id lacks a resource type, an id part or a version
	 */
	public static DeleteProvenanceBuilder forDeletedVersion(IIdType deletedVersion) {
		return new DeleteProvenanceBuilder(VersionSpecificReference.to(deletedVersion, "Deleted version"));
	}

	/** When the server recorded the delete; sets {@code Provenance.recorded} in UTC. Required. */
	public DeleteProvenanceBuilder recorded(Instant recorded) {
		this.recorded = Objects.requireNonNull(recorded, "recorded");
		return this;
	}

	/** Who deleted it: the client ({@link ClientReference}) or a display when nobody is known. Required. */
	public DeleteProvenanceBuilder deletedBy(Reference who) {
		this.deleter = Objects.requireNonNull(who, "who").copy();
		return this;
	}

	/**
	 * A new Provenance with the versioned target, recorded, activity DELETE, the deleter as performer and the deleted
	 * version as a {@code removal} entity.
	 *
	 * @throws IllegalStateException when recorded or the deleter has not been set
	 */
	public Provenance build() {
		if (recorded == null || deleter == null) {
			throw new IllegalStateException("Delete Provenance is incomplete: call recorded(...) and deletedBy(...) first");
		}
		Provenance provenance = new Provenance();
		provenance.addTarget(target.copy());
		provenance.setRecordedElement(RecordedInstant.of(recorded));
		provenance.setActivity(DataOperation.DELETE.toCodeableConcept());
		provenance.addAgent()
				.setType(new CodeableConcept(AiTransparency.performerParticipantCoding()))
				.setWho(deleter.copy());
		provenance.addEntity().setRole(ProvenanceEntityRole.REMOVAL).setWhat(target.copy());
		return provenance;
	}
}
