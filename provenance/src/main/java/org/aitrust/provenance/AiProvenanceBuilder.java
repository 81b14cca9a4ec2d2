package org.aitrust.provenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Provenance.ProvenanceAgentComponent;
import org.hl7.fhir.r4.model.Provenance.ProvenanceEntityComponent;
import org.hl7.fhir.r4.model.Provenance.ProvenanceEntityRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * Builds the Provenance, conforming to the IG's AI-Provenance profile, that records one AI write of
 * one resource version.
 *
 * <p>One Provenance per target: each write produces its own version, and a per-version record keeps
 * "what did this model write?" answerable version by version.
 *
 * <p>{@link #build()} requires {@link #recorded}, {@link #activity} and {@link #aiAgent}. Every value
 * handed in is copied, and every {@code build()} returns a new Provenance, so neither the caller's
 * objects nor earlier results are shared. Instances are not thread-safe.
 *
 * <p>Agents come out as: the AI agent, then the {@link #submitter}, then {@link #extraAgents}.
 * Entities come out as: the {@link #modelCard}, then {@link #inputs}.
 */
public final class AiProvenanceBuilder {

	private final Reference target;
	private DataOperation activity;
	private Instant recorded;
	private Type occurred;
	private Reference aiAgent;
	private Coding aiAgentType = AiTransparency.authorParticipantCoding();
	private Reference submitter;
	private Reference modelCard;
	private final List<ProvenanceEntityComponent> inputs = new ArrayList<>();
	private final List<ProvenanceAgentComponent> extraAgents = new ArrayList<>();

	private AiProvenanceBuilder(Reference target) {
		this.target = target;
	}

	/**
	 * Starts a Provenance for the resource version an AI wrote.
	 *
	 * @param versionedTarget e.g. {@code Observation/123/_history/2}; a base URL is dropped
	 * @throws IllegalArgumentException when the id lacks a resource type, an id part or a version
	 */
	public static AiProvenanceBuilder forTarget(IIdType versionedTarget) {
		return new AiProvenanceBuilder(VersionSpecificReference.to(versionedTarget, "AI Provenance target"));
	}

	/** The write that produced the target version; sets {@code Provenance.activity}. Required. */
	public AiProvenanceBuilder activity(DataOperation operation) {
		this.activity = Objects.requireNonNull(operation, "operation");
		return this;
	}

	/** When the server recorded the write; sets {@code Provenance.recorded} in UTC. Required. */
	public AiProvenanceBuilder recorded(Instant recorded) {
		this.recorded = Objects.requireNonNull(recorded, "recorded");
		return this;
	}

	/**
	 * When the AI did its work, if the client said so; sets {@code occurredDateTime} or
	 * {@code occurredPeriod}. {@code null} leaves occurred[x] out.
	 *
	 * @throws IllegalArgumentException for any type other than DateTimeType or Period
	 */
	public AiProvenanceBuilder occurred(Type occurredDateTimeOrPeriod) {
		if (occurredDateTimeOrPeriod != null
				&& !(occurredDateTimeOrPeriod instanceof DateTimeType)
				&& !(occurredDateTimeOrPeriod instanceof Period)) {
			throw new IllegalArgumentException(
					"occurred must be a DateTimeType or a Period, not "
							+ occurredDateTimeOrPeriod.getClass().getSimpleName());
		}
		this.occurred = occurredDateTimeOrPeriod == null ? null : occurredDateTimeOrPeriod.copy();
		return this;
	}

	/**
	 * The AI system's Device: the profile's AIagent slice, with role
	 * {@code AIdeviceTypeCS#Artificial-Intelligence} and, unless {@link #aiAgentType} says otherwise,
	 * type {@code author} (as in the IG examples AI-Contributed and AI-Generated-Lab-Results). Required.
	 *
	 * @throws IllegalArgumentException when {@code device} does not reference a Device
	 */
	public AiProvenanceBuilder aiAgent(Reference device) {
		ReferencedType.require(device, "AI agent", "Device");
		this.aiAgent = device.copy();
		return this;
	}

	/**
	 * How the AI took part, replacing the default {@code author}; for example
	 * {@link AiTransparency#informantParticipantCoding()} when the AI only informed a human author, as in
	 * the IG example AI-Authored-Element.
	 */
	public AiProvenanceBuilder aiAgentType(Coding type) {
		this.aiAgentType = Objects.requireNonNull(type, "type").copy();
		return this;
	}

	/**
	 * Who submitted the AI's output to the server (the logged-in user or client), recorded as an agent
	 * of type {@code enterer}; {@code null} leaves it out.
	 *
	 * <p>Why enterer: HL7 defines it as the party "entering the data into the originating system",
	 * which is exactly what the submitter did. In the IG examples a human next to the AI is either a
	 * {@code verifier} (checked the output) or the {@code author} (when the AI is only an informant);
	 * a submitter has done neither at write time, and {@code performer} ("principally carries out the
	 * activity") would compete with the AI author. A later check is recorded separately by
	 * {@link ReviewProvenanceBuilder} as {@code verifier}.
	 */
	public AiProvenanceBuilder submitter(Reference who) {
		this.submitter = who == null ? null : who.copy();
		return this;
	}

	/**
	 * The AI-ModelCard DocumentReference the AI used, as the profile's modelCard entity slice (role
	 * {@code derivation}); {@code null} leaves it out.
	 *
	 * @throws IllegalArgumentException when {@code documentReference} references another type
	 */
	public AiProvenanceBuilder modelCard(Reference documentReference) {
		if (documentReference != null) {
			ReferencedType.require(documentReference, "modelCard", "DocumentReference");
		}
		this.modelCard = documentReference == null ? null : documentReference.copy();
		return this;
	}

	/**
	 * Entities the AI worked from (input prompts, source documents), taken as given and copied;
	 * replaces any earlier inputs. {@code null} means none.
	 */
	public AiProvenanceBuilder inputs(List<ProvenanceEntityComponent> entities) {
		inputs.clear();
		if (entities != null) {
			entities.forEach(entity -> inputs.add(entity.copy()));
		}
		return this;
	}

	/**
	 * Further non-device agents supplied by the client (e.g. a verifier), taken as given and copied;
	 * replaces any earlier extra agents. {@code null} means none.
	 */
	public AiProvenanceBuilder extraAgents(List<ProvenanceAgentComponent> agents) {
		extraAgents.clear();
		if (agents != null) {
			agents.forEach(agent -> extraAgents.add(agent.copy()));
		}
		return this;
	}

	/**
	 * A new Provenance with meta.profile AI-Provenance, the versioned target, recorded, occurred[x]
	 * when given, reason AIAST (the AIReason slice), activity, agents, entities and policy set to the
	 * IG canonical.
	 *
	 * @throws IllegalStateException when recorded, activity or the AI agent has not been set
	 */
	public Provenance build() {
		requireSet(recorded, "recorded");
		requireSet(activity, "activity");
		requireSet(aiAgent, "aiAgent");

		Provenance provenance = new Provenance();
		provenance.getMeta().addProfile(AiTransparency.PROFILE_AI_PROVENANCE);
		provenance.addTarget(target.copy());
		if (occurred != null) {
			provenance.setOccurred(occurred.copy());
		}
		provenance.setRecordedElement(RecordedInstant.of(recorded));
		provenance.addPolicy(AiTransparency.IG_CANONICAL);
		provenance.addReason(new CodeableConcept(AiTransparency.aiastCoding()));
		provenance.setActivity(activity.toCodeableConcept());

		ProvenanceAgentComponent ai = provenance.addAgent();
		ai.setType(new CodeableConcept(aiAgentType.copy()));
		ai.addRole(new CodeableConcept(AiTransparency.artificialIntelligenceCoding()));
		ai.setWho(aiAgent.copy());
		if (submitter != null) {
			provenance.addAgent()
					.setType(new CodeableConcept(AiTransparency.entererParticipantCoding()))
					.setWho(submitter.copy());
		}
		extraAgents.forEach(agent -> provenance.addAgent(agent.copy()));

		if (modelCard != null) {
			provenance.addEntity()
					.setRole(ProvenanceEntityRole.fromCode(AiTransparency.CODE_ENTITY_ROLE_DERIVATION))
					.setWhat(modelCard.copy());
		}
		inputs.forEach(entity -> provenance.addEntity(entity.copy()));
		return provenance;
	}

	private static void requireSet(Object value, String setter) {
		if (value == null) {
			throw new IllegalStateException("AI Provenance is incomplete: call " + setter + "(...) first");
		}
	}
}
