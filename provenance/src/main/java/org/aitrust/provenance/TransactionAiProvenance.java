package org.aitrust.provenance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Provenance.ProvenanceAgentComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The IG's second way of recording AI authorship: a transaction Bundle carrying the resource the AI wrote, its Device
 * and the client's own AI-Provenance, whose {@code target} is the resource's {@code fullUrl} (a {@code urn:uuid}, as in
 * the IG). Finds each such Provenance and the entries it attributes, and checks its AI agents.
 *
 * <p>A Provenance entry is the client's AI-Provenance when it claims the AI-Provenance profile or has an agent with the
 * profile's AI role ({@code AIdeviceTypeCS#Artificial-Intelligence}). It attributes the entries whose {@code fullUrl}
 * (or, for a {@code PUT}, whose {@code Type/id} request URL) one of its targets names. One that names no entry of the
 * Bundle attributes nothing here: it is a client's Provenance about something already stored, which this module leaves
 * as FHIR allows it.
 *
 * <p>Its AI agents (the agents with the AI role; at least one) must each name a Device: an entry of the Bundle holding
 * a Device, or a relative {@code Device/<id>}, which the server must then find among its own ({@link #serverDevices}).
 */
public final class TransactionAiProvenance {

	private final Provenance provenance;
	private final Map<String, Resource> attributed;
	private final List<IdType> serverDevices;
	private final Map<String, String> entryTypes;

	private TransactionAiProvenance(Provenance provenance, Map<String, Resource> attributed, List<IdType> serverDevices,
			Map<String, String> entryTypes) {
		this.provenance = provenance;
		this.attributed = attributed;
		this.serverDevices = serverDevices;
		this.entryTypes = entryTypes;
	}

	/**
	 * The client AI-Provenance of a transaction Bundle that attribute entries of it, in entry order.
	 *
	 * @throws InvalidClientProvenanceException when such a Provenance has no AI agent, or an AI agent that names no
	 *     Device (an entry that is not a Device, an absolute or contained reference, another type)
	 */
	public static List<TransactionAiProvenance> in(Bundle bundle) {
		Map<String, BundleEntryComponent> byAddress = new HashMap<>();
		Map<String, String> entryTypes = new HashMap<>();
		for (BundleEntryComponent entry : bundle.getEntry()) {
			if (entry.getResource() == null) { // not hasResource(): an entry with an empty resource is still one
				continue;
			}
			for (String address : addressesOf(entry)) {
				byAddress.putIfAbsent(address, entry);
				entryTypes.putIfAbsent(address, entry.getResource().fhirType());
			}
		}
		List<TransactionAiProvenance> found = new ArrayList<>();
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			BundleEntryComponent entry = bundle.getEntry().get(i);
			if (!(entry.getResource() instanceof Provenance provenance) || !claimsAiProvenance(provenance)) {
				continue;
			}
			Map<String, Resource> attributed = new LinkedHashMap<>();
			for (Reference target : provenance.getTarget()) {
				BundleEntryComponent named = target.hasReference() ? byAddress.get(target.getReference()) : null;
				if (named != null && named != entry) {
					attributed.putIfAbsent(target.getReference(), named.getResource());
				}
			}
			if (attributed.isEmpty()) {
				continue;
			}
			found.add(new TransactionAiProvenance(provenance, attributed, serverDevices(provenance, byAddress, i), entryTypes));
		}
		return found;
	}

	/** Whether a Provenance says it is an AI-Provenance: by its profile or by an agent in the AI role. */
	public static boolean claimsAiProvenance(Provenance provenance) {
		return provenance.getMeta().hasProfile(AiTransparency.PROFILE_AI_PROVENANCE)
				|| provenance.getAgent().stream().anyMatch(TransactionAiProvenance::isAiAgent);
	}

	private static boolean isAiAgent(ProvenanceAgentComponent agent) {
		return agent.getRole().stream().map(CodeableConcept::getCoding).flatMap(List::stream).anyMatch(c ->
				AiLabels.matches(c, AiTransparency.SYSTEM_AI_DEVICE_TYPE, AiTransparency.CODE_ARTIFICIAL_INTELLIGENCE));
	}

	private static List<String> addressesOf(BundleEntryComponent entry) {
		List<String> addresses = new ArrayList<>();
		if (entry.hasFullUrl()) {
			addresses.add(entry.getFullUrl());
		}
		if (entry.hasRequest() && entry.getRequest().getMethod() == Bundle.HTTPVerb.PUT && entry.getRequest().hasUrl()) {
			IdType url = new IdType(entry.getRequest().getUrl());
			if (!entry.getRequest().getUrl().contains("?") && url.hasResourceType() && url.hasIdPart()) {
				addresses.add(url.toUnqualifiedVersionless().getValue());
			}
		}
		return addresses;
	}

	private static List<IdType> serverDevices(
			Provenance provenance, Map<String, BundleEntryComponent> byAddress, int entryIndex) {
		String label = "The AI-Provenance in entry[" + entryIndex + "] ";
		List<IdType> onServer = new ArrayList<>();
		boolean anyAiAgent = false;
		for (int a = 0; a < provenance.getAgent().size(); a++) {
			ProvenanceAgentComponent agent = provenance.getAgent().get(a);
			if (!isAiAgent(agent)) {
				continue;
			}
			anyAiAgent = true;
			String reference = agent.getWho().getReference();
			BundleEntryComponent named = reference == null ? null : byAddress.get(reference);
			if (named != null) {
				if (!(named.getResource() instanceof Device)) {
					throw new InvalidClientProvenanceException(label + "names " + reference + " as its AI agent (agent[" + a
							+ "]), but that entry is a " + named.getResource().fhirType() + ", not a Device");
				}
				continue;
			}
			IdType id = reference == null ? null : new IdType(reference);
			if (id == null || !"Device".equals(id.getResourceType()) || !id.hasIdPart() || id.hasBaseUrl()
					|| id.isUrn() || id.isLocal()) {
				throw new InvalidClientProvenanceException(label + "agent[" + a + "] is in the AI role but its who "
						+ (reference == null ? "has no reference" : "'" + reference + "'") + " names no Device: give the"
						+ " fullUrl of a Device entry of this Bundle or a Device/<id> stored on this server");
			}
			onServer.add(id.toUnqualifiedVersionless());
		}
		if (!anyAiAgent) {
			throw new InvalidClientProvenanceException(label + "has no agent in the AI role; add the AI system's Device"
					+ " as an agent with role " + AiTransparency.SYSTEM_AI_DEVICE_TYPE + "#"
					+ AiTransparency.CODE_ARTIFICIAL_INTELLIGENCE);
		}
		return onServer;
	}

	/** The client's Provenance, the Bundle's own object (what the server will store). */
	public Provenance provenance() {
		return provenance;
	}

	/** The Bundle's resources (their own objects) this Provenance attributes to the AI. */
	public List<Resource> attributed() {
		return attributed.values().stream().distinct().toList();
	}

	/**
	 * The entry's resource a target reference named as the client sent it (its {@code fullUrl}), or {@code null};
	 * also for a reference HAPI has since resolved to that resource's {@code Type/id}.
	 */
	public Resource attributedBy(String reference) {
		if (reference == null) {
			return null;
		}
		Resource named = attributed.get(reference);
		if (named != null) {
			return named;
		}
		IdType resolved = new IdType(reference);
		return attributed.values().stream()
				.filter(r -> r.getIdElement().hasIdPart() && !r.getIdElement().isUrn()
						&& r.fhirType().equals(resolved.getResourceType())
						&& r.getIdElement().getIdPart().equals(resolved.getIdPart()))
				.findFirst().orElse(null);
	}

	/**
	 * The first AI agent's {@code who}, the Bundle's own object: a placeholder before HAPI resolves the Bundle's
	 * references, the stored Device's {@code Device/<id>} after.
	 */
	public java.util.Optional<Reference> aiDevice() {
		return provenance.getAgent().stream().filter(TransactionAiProvenance::isAiAgent)
				.map(ProvenanceAgentComponent::getWho).findFirst();
	}

	/** The Devices its AI agents name that are not in the Bundle, which the server must hold. */
	public List<IdType> serverDevices() {
		return List.copyOf(serverDevices);
	}

	/**
	 * A copy of the Provenance to validate on its own, outside the Bundle: each reference to an entry of the Bundle
	 * becomes a relative reference of that entry's type ({@code Device/bundle-entry}), so the validator judges what it
	 * points to (a Device, say) without resolving the Bundle's placeholders.
	 */
	public Provenance standalone() {
		Provenance copy = provenance.copy();
		copy.setIdElement(null);
		List<Reference> references = new ArrayList<>(copy.getTarget());
		copy.getAgent().forEach(agent -> {
			references.add(agent.getWho());
			references.add(agent.getOnBehalfOf());
		});
		copy.getEntity().forEach(entity -> references.add(entity.getWhat()));
		for (Reference reference : references) {
			String type = reference.hasReference() ? entryTypes.get(reference.getReference()) : null;
			if (type != null) {
				reference.setReference(type + "/bundle-entry");
			}
		}
		return copy;
	}
}
