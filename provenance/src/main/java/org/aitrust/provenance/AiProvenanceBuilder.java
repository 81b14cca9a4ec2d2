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
import org.hl7.fhir.r4.model.StringType;
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
 *
 * <p>A client's own Provenance ({@link #keep}) is the starting point when there is one: every element it sent stays as
 * sent, and the builder sets only what the server must (the versioned target reference, {@code recorded}, the
 * submitter) and adds what the AI-Provenance profile requires and the client left out (the profile in
 * {@code meta.profile}, the AIAST reason, the AI role and a type on the AI agent), plus {@code activity} and
 * {@code policy} when the client gave none.
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
	private final List<String> targetPaths = new ArrayList<>();
	private Provenance kept;

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
	 * The client's own Provenance (from {@code X-Provenance}), whose elements are kept: its targets' extensions and
	 * display (each target's reference becomes the version written), {@code occurred[x]}, {@code policy},
	 * {@code reason}, {@code activity}, {@code location}, {@code signature}, agents, entities, contained resources
	 * (an AI-InputPrompt), extensions, narrative and {@code meta.profile}, {@code tag} and {@code security}. Its
	 * {@code id} and {@code recorded} are not kept: the server assigns the record's id and records when it stored it.
	 * Its Device agent must be the one {@link #aiAgent} names; the agents {@link #extraAgents} and entities
	 * {@link #inputs} add come after the client's. {@code null} means none.
	 */
	public AiProvenanceBuilder keep(Provenance clientsOwn) {
		this.kept = clientsOwn == null ? null : clientsOwn.copy();
		return this;
	}

	/**
	 * The elements of the target the AI wrote, as FHIRPath (e.g. {@code Observation.valueQuantity}), each recorded as
	 * a {@value AiTransparency#EXTENSION_TARGET_PATH} extension on the first target unless a target already names it;
	 * replaces any earlier paths. {@code null} means none.
	 */
	public AiProvenanceBuilder targetPaths(List<String> paths) {
		targetPaths.clear();
		if (paths != null) {
			paths.stream().filter(Objects::nonNull).forEach(targetPaths::add);
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

		Provenance provenance = kept == null ? new Provenance() : kept.copy();
		provenance.setIdElement(null);
		if (provenance.hasMeta()) {
			provenance.getMeta().setVersionIdElement(null).setLastUpdatedElement(null).setSourceElement(null);
		}
		if (!provenance.getMeta().hasProfile(AiTransparency.PROFILE_AI_PROVENANCE)) {
			provenance.getMeta().addProfile(AiTransparency.PROFILE_AI_PROVENANCE);
		}
		setTargets(provenance);
		if (occurred != null) {
			provenance.setOccurred(occurred.copy());
		}
		provenance.setRecordedElement(RecordedInstant.of(recorded));
		if (!provenance.hasPolicy()) {
			provenance.addPolicy(AiTransparency.IG_CANONICAL);
		}
		if (provenance.getReason().stream().noneMatch(AiProvenanceBuilder::isAiast)) {
			provenance.addReason(new CodeableConcept(AiTransparency.aiastCoding()));
		}
		if (!provenance.hasActivity()) {
			provenance.setActivity(activity.toCodeableConcept());
		}
		setAgents(provenance);

		List<ProvenanceEntityComponent> entities = new ArrayList<>();
		if (modelCard != null) {
			entities.add(new ProvenanceEntityComponent()
					.setRole(ProvenanceEntityRole.fromCode(AiTransparency.CODE_ENTITY_ROLE_DERIVATION))
					.setWhat(modelCard.copy()));
		}
		entities.addAll(provenance.getEntity());
		inputs.forEach(entity -> entities.add(entity.copy()));
		provenance.setEntity(entities);
		return provenance;
	}

	/** One target per target the client sent (its extensions kept, its reference the version written), else one. */
	private void setTargets(Provenance provenance) {
		List<Reference> targets = new ArrayList<>();
		for (Reference sent : provenance.getTarget()) {
			Reference kept = sent.copy();
			kept.setReference(target.getReference());
			kept.setType(null);
			targets.add(kept);
		}
		if (targets.isEmpty()) {
			targets.add(target.copy());
		}
		for (String path : targetPaths) {
			boolean named = targets.stream().flatMap(t -> t.getExtensionsByUrl(AiTransparency.EXTENSION_TARGET_PATH).stream())
					.anyMatch(e -> e.getValue() != null && path.equals(e.getValue().primitiveValue()));
			if (!named) {
				targets.get(0).addExtension(AiTransparency.EXTENSION_TARGET_PATH, new StringType(path));
			}
		}
		provenance.setTarget(targets);
	}

	/**
	 * The AI agent first (the client's Device agent, completed with the profile's role and a type, or a new one), then
	 * the submitter, then the client's other agents and {@link #extraAgents}, in order.
	 */
	private void setAgents(Provenance provenance) {
		ProvenanceAgentComponent ai = null;
		List<ProvenanceAgentComponent> others = new ArrayList<>();
		for (ProvenanceAgentComponent agent : provenance.getAgent()) {
			if (ai == null && agent.hasWho() && aiAgent.getReference() != null
					&& aiAgent.getReference().equals(agent.getWho().getReference())) {
				ai = agent;
			} else {
				others.add(agent);
			}
		}
		if (ai == null) {
			ai = new ProvenanceAgentComponent().setWho(aiAgent.copy());
		}
		if (!ai.hasType()) {
			ai.setType(new CodeableConcept(aiAgentType.copy()));
		}
		if (ai.getRole().stream().noneMatch(AiProvenanceBuilder::isArtificialIntelligence)) {
			ai.addRole(new CodeableConcept(AiTransparency.artificialIntelligenceCoding()));
		}
		List<ProvenanceAgentComponent> agents = new ArrayList<>();
		agents.add(ai);
		if (submitter != null) {
			agents.add(new ProvenanceAgentComponent()
					.setType(new CodeableConcept(AiTransparency.entererParticipantCoding()))
					.setWho(submitter.copy()));
		}
		agents.addAll(others);
		extraAgents.forEach(agent -> agents.add(agent.copy()));
		provenance.setAgent(agents);
	}

	private static boolean isAiast(CodeableConcept reason) {
		return reason.getCoding().stream().anyMatch(c ->
				AiLabels.matches(c, AiTransparency.SYSTEM_V3_OBSERVATION_VALUE, AiTransparency.CODE_AIAST));
	}

	private static boolean isArtificialIntelligence(CodeableConcept role) {
		return role.getCoding().stream().anyMatch(c ->
				AiLabels.matches(c, AiTransparency.SYSTEM_AI_DEVICE_TYPE, AiTransparency.CODE_ARTIFICIAL_INTELLIGENCE));
	}

	private static void requireSet(Object value, String setter) {
		if (value == null) {
			throw new IllegalStateException("AI Provenance is incomplete: call " + setter + "(...) first");
		}
	}
}
