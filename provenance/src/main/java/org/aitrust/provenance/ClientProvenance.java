package org.aitrust.provenance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Provenance.ProvenanceAgentComponent;
import org.hl7.fhir.r4.model.Provenance.ProvenanceEntityComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * The Provenance a client sends in the {@code X-Provenance} request header, as Azure Health Data
 * Services and Firely Server accept it: a JSON Provenance describing the write it accompanies. This
 * module reads it to learn which AI system wrote the resource and what the client wants recorded.
 *
 * <p>What is accepted:
 * <ul>
 *   <li>JSON for an R4 Provenance. It is parsed strictly, so a misspelt element is reported rather
 *       than silently dropped from the record.
 *   <li>Exactly one agent whose {@code who} is a relative literal reference {@code Device/<id>}
 *       (optionally {@code /_history/<v>}): the AI system. The server must find that Device among its
 *       own resources, so contained ({@code #x}), absolute-URL and identifier-only Device references
 *       are refused; more than one Device agent is refused because it would leave open which model
 *       wrote the resource.
 *   <li>Targets, checked against the written resource by {@link #checkTargets(IIdType)}.
 * </ul>
 *
 * <p>Refused: an agent typed {@code verifier} or {@code enterer} (provenance-participant-type, or
 * v3-ParticipationType {@code VRF}/{@code ENT}). The server records both itself: the verifier when
 * {@code $ai-review} is called, the enterer from the authenticated caller.
 *
 * <p>Accessors return copies, so callers may change what they get without changing this object.
 */
public final class ClientProvenance {

	private static final String DEVICE = "Device";
	private static final Pattern RESOURCE_TYPE_NAME = Pattern.compile("[A-Z][A-Za-z]*");
	private static final String HOW_TO_NAME_DEVICE =
			"give the AI system as an agent like {\"who\":{\"reference\":\"Device/<id>\"}}";

	private final Provenance provenance;
	private final ProvenanceAgentComponent deviceAgent;

	private ClientProvenance(Provenance provenance, ProvenanceAgentComponent deviceAgent) {
		this.provenance = provenance;
		this.deviceAgent = deviceAgent;
	}

	/**
	 * Parses and checks the header value.
	 *
	 * @param ctx an R4 context, e.g. {@link FhirContext#forR4Cached()}
	 * @param json the header value
	 * @throws InvalidClientProvenanceException when the value is empty, not parseable JSON for a FHIR
	 *     resource, not a Provenance, has no single literal {@code Device/<id>} agent, or names a
	 *     verifier or enterer agent
	 * @throws IllegalArgumentException when {@code ctx} is not an R4 context
	 */
	public static ClientProvenance parse(FhirContext ctx, String json) {
		Objects.requireNonNull(ctx, "ctx");
		if (ctx.getVersion().getVersion() != FhirVersionEnum.R4) {
			throw new IllegalArgumentException(
					"ClientProvenance needs an R4 FhirContext, not " + ctx.getVersion().getVersion());
		}
		if (json == null || json.isBlank()) {
			throw new InvalidClientProvenanceException(
					"X-Provenance header is empty; send a Provenance resource as JSON");
		}
		IBaseResource parsed;
		try {
			IParser parser = ctx.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
			parsed = parser.parseResource(json);
		} catch (DataFormatException e) {
			throw new InvalidClientProvenanceException(
					"X-Provenance header is not a valid FHIR JSON resource: " + e.getMessage(), e);
		}
		if (!(parsed instanceof Provenance provenance)) {
			throw new InvalidClientProvenanceException(
					"X-Provenance header must hold a Provenance resource, but holds a "
							+ ctx.getResourceType(parsed));
		}
		refuseAgentsOnlyTheServerNames(provenance);
		refuseReservedTags(provenance);
		return new ClientProvenance(provenance, findDeviceAgent(provenance));
	}

	/**
	 * A verifier is a human review, which only {@code $ai-review} records (with the reviewer the server
	 * authenticated), and the enterer is the client that submitted the write, which the server records
	 * itself. Either, taken from a header, would let a client forge that a write was already reviewed or
	 * came from someone else.
	 */
	private static void refuseAgentsOnlyTheServerNames(Provenance provenance) {
		for (int i = 0; i < provenance.getAgent().size(); i++) {
			for (Coding type : provenance.getAgent().get(i).getType().getCoding()) {
				String role = reservedRole(type);
				if (role != null) {
					throw new InvalidClientProvenanceException("X-Provenance agent[" + i + "] has type "
							+ type.getSystem() + "|" + type.getCode() + " (" + role + "), which a client may not"
							+ " name: the server records the " + role + " itself"
							+ (AiTransparency.CODE_PARTICIPANT_VERIFIER.equals(role) ? " when $ai-review is called" : "")
							+ "; leave this agent out");
				}
			}
		}
	}

	/** The module's tags say who wrote or checked a record; only the module puts them on. */
	private static void refuseReservedTags(Provenance provenance) {
		for (Coding tag : provenance.getMeta().getTag()) {
			if (AiTransparency.PROJECT_SYSTEM_TAG.equals(tag.getSystem())) {
				throw new InvalidClientProvenanceException("X-Provenance meta.tag " + tag.getSystem() + "|" + tag.getCode()
						+ " is reserved for the server, which tags the records it stores itself; leave it out");
			}
		}
	}

	/** {@code verifier} or {@code enterer} when the coding names that role, else {@code null}. */
	private static String reservedRole(Coding type) {
		String system = type.getSystem();
		String code = type.getCode();
		if (code == null) {
			return null;
		}
		if (system == null || AiTransparency.SYSTEM_PROVENANCE_PARTICIPANT_TYPE.equals(system)) {
			if (AiTransparency.CODE_PARTICIPANT_VERIFIER.equals(code) || AiTransparency.CODE_PARTICIPANT_ENTERER.equals(code)) {
				return code;
			}
		}
		if (AiTransparency.SYSTEM_V3_PARTICIPATION_TYPE.equals(system)) {
			if (AiTransparency.CODE_PARTICIPATION_VERIFIER.equals(code)) {
				return AiTransparency.CODE_PARTICIPANT_VERIFIER;
			}
			if (AiTransparency.CODE_PARTICIPATION_ENTERER.equals(code)) {
				return AiTransparency.CODE_PARTICIPANT_ENTERER;
			}
		}
		return null;
	}

	private static ProvenanceAgentComponent findDeviceAgent(Provenance provenance) {
		List<ProvenanceAgentComponent> devices = new ArrayList<>();
		for (int i = 0; i < provenance.getAgent().size(); i++) {
			ProvenanceAgentComponent agent = provenance.getAgent().get(i);
			Reference who = agent.getWho();
			if (isRelativeDeviceReference(who)) {
				devices.add(agent);
			} else if (namesDeviceOtherwise(who)) {
				throw new InvalidClientProvenanceException(
						"X-Provenance agent[" + i + "].who " + describe(who) + " is not accepted: the AI system"
								+ " must be a Device on this server, named by a relative literal reference; "
								+ HOW_TO_NAME_DEVICE);
			}
		}
		if (devices.isEmpty()) {
			throw new InvalidClientProvenanceException(
					"X-Provenance has no agent that names the AI system's Device; " + HOW_TO_NAME_DEVICE);
		}
		if (devices.size() > 1) {
			throw new InvalidClientProvenanceException(
					"X-Provenance names " + devices.size() + " Device agents ("
							+ devices.stream().map(a -> a.getWho().getReference()).collect(Collectors.joining(", "))
							+ "); name exactly one, the AI system that wrote this resource");
		}
		return devices.get(0);
	}

	private static boolean isRelativeDeviceReference(Reference who) {
		if (who == null || !who.hasReference()) {
			return false;
		}
		IdType id = new IdType(who.getReference());
		return DEVICE.equals(id.getResourceType()) && id.hasIdPart() && !id.hasBaseUrl();
	}

	/** A Device named in a way the server cannot look up: absolute, contained or identifier-only. */
	private static boolean namesDeviceOtherwise(Reference who) {
		return who != null
				&& (DEVICE.equals(ReferencedType.of(who)) || who.getResource() instanceof Device);
	}

	private static String describe(Reference who) {
		if (who.hasReference()) {
			return "'" + who.getReference() + "'";
		}
		return who.hasIdentifier() ? "(identifier only)" : "(no reference)";
	}

	/**
	 * Checks that the header's targets, if any, describe the resource this request writes. An empty
	 * target list is accepted (the server sets the real target). Each target must be one of:
	 * <ul>
	 *   <li>{@code <Type>/<id>} (relative, version optional): type and id must equal the written
	 *       resource's. The version is ignored, because the server, not the client, assigns the
	 *       version the write produces. When the written resource has no id yet (a create whose id the
	 *       server will assign), a target naming an id cannot be checked and is refused.
	 *   <li>a type alone, as {@code {"reference":"<Type>"}} or {@code {"type":"<Type>"}}: means "the
	 *       resource this request writes", for creates whose id the client cannot know; the type must
	 *       equal the written resource's.
	 * </ul>
	 * Anything else (absolute URLs, {@code urn:uuid:}, contained or identifier-only references) is
	 * refused, since it cannot be shown to name the written resource.
	 *
	 * @param writtenResource the resource being written; must have a resource type, the id part may be
	 *     absent for a create
	 * @throws InvalidClientProvenanceException naming the offending target
	 */
	public void checkTargets(IIdType writtenResource) {
		if (writtenResource == null || !writtenResource.hasResourceType()) {
			throw new IllegalArgumentException("writtenResource must have a resource type, but was "
					+ (writtenResource == null ? "null" : "'" + writtenResource.getValue() + "'"));
		}
		List<Reference> targets = provenance.getTarget();
		for (int i = 0; i < targets.size(); i++) {
			checkTarget("X-Provenance target[" + i + "] ", targets.get(i), writtenResource);
		}
	}

	private static void checkTarget(String label, Reference target, IIdType written) {
		String writtenType = written.getResourceType();
		String writtenId = written.hasIdPart() ? written.getIdPart() : null;
		String writtenName = writtenId == null ? "a new " + writtenType : writtenType + "/" + writtenId;
		String reference = target.hasReference() ? target.getReference() : null;

		if (reference == null && target.hasIdentifier()) {
			throw new InvalidClientProvenanceException(label + "is identifier-only; use a relative"
					+ " reference like " + writtenType + "/<id> or just the type " + writtenType);
		}
		if (reference == null || RESOURCE_TYPE_NAME.matcher(reference).matches()) {
			String type = reference != null ? reference : (target.hasType() ? target.getType() : null);
			if (type == null) {
				throw new InvalidClientProvenanceException(label + "has neither a reference nor a type;"
						+ " use {\"reference\":\"" + (writtenId == null ? writtenType : writtenType + "/" + writtenId)
						+ "\"}");
			}
			if (!type.equals(writtenType)) {
				throw new InvalidClientProvenanceException(
						label + "names type " + type + ", but this request writes " + writtenName);
			}
			return;
		}

		IdType id = new IdType(reference);
		if (reference.contains("?") || id.hasBaseUrl() || id.isUrn() || id.isLocal()
				|| !id.hasResourceType() || !id.hasIdPart()) {
			throw new InvalidClientProvenanceException(label + "'" + reference + "' is not accepted;"
					+ " use a relative reference like " + writtenType + "/<id> or just the type " + writtenType);
		}
		if (!id.getResourceType().equals(writtenType)) {
			throw new InvalidClientProvenanceException(label + "'" + reference + "' names type "
					+ id.getResourceType() + ", but this request writes " + writtenName);
		}
		if (writtenId == null) {
			throw new InvalidClientProvenanceException(label + "'" + reference + "' names an id, but the "
					+ writtenType + " being created has none yet; use just the type \"" + writtenType + "\"");
		}
		if (!id.getIdPart().equals(writtenId)) {
			throw new InvalidClientProvenanceException(label + "'" + reference + "' names another "
					+ writtenType + " than the one this request writes (" + writtenName + ")");
		}
	}

	/**
	 * Checks that the activity the client gave, if any, agrees with the write: a v3-DataOperation coding in it must be
	 * the operation this request performs (a client may describe the activity further, in other codings and text,
	 * but not claim a create was an update).
	 *
	 * @throws InvalidClientProvenanceException naming both operations
	 */
	public void checkActivity(DataOperation performed) {
		Objects.requireNonNull(performed, "performed");
		for (Coding coding : provenance.getActivity().getCoding()) {
			if (AiTransparency.SYSTEM_V3_DATA_OPERATION.equals(coding.getSystem()) && coding.hasCode()
					&& !performed.code().equals(coding.getCode())) {
				throw new InvalidClientProvenanceException("X-Provenance activity " + coding.getSystem() + "|"
						+ coding.getCode() + " does not describe this request, which is a " + performed.code()
						+ "; give " + performed.code() + " or leave the v3-DataOperation coding out");
			}
		}
	}

	/** The Provenance as the client sent it, to be kept element for element in the stored record. */
	public Provenance asSent() {
		return provenance.copy();
	}

	/** The AI system: the Device agent's {@code who}, a relative {@code Device/<id>} reference. */
	public Reference device() {
		return deviceAgent.getWho().copy();
	}

	/** The Device agent's first type coding (e.g. author, informant), or {@code null} if it has none. */
	public Coding deviceAgentType() {
		if (!deviceAgent.hasType() || !deviceAgent.getType().hasCoding()) {
			return null;
		}
		return deviceAgent.getType().getCodingFirstRep().copy();
	}

	/** {@code occurredDateTime} or {@code occurredPeriod} as sent, or {@code null}. */
	public Type occurred() {
		return provenance.hasOccurred() ? provenance.getOccurred().copy() : null;
	}

	/** The header's entities (inputs, prompts, model cards), in order. */
	public List<ProvenanceEntityComponent> entities() {
		return provenance.getEntity().stream().map(ProvenanceEntityComponent::copy).toList();
	}

	/** Every agent except the Device agent, in order (e.g. a human verifier). */
	public List<ProvenanceAgentComponent> otherAgents() {
		return provenance.getAgent().stream()
				.filter(agent -> agent != deviceAgent)
				.map(ProvenanceAgentComponent::copy)
				.toList();
	}
}
