package org.aitrust.interceptor.quality.check;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fails a resource with a reference to a resource this server does not hold: an Observation whose subject was
 * never sent, a claim for an encounter deleted since. Unlike a server that enforces referential integrity, a HAPI
 * server can be set to accept such references; they then break every search and join that follows them.
 *
 * <p>Only literal relative references ({@code Type/id}, optionally {@code /_history/version}) are judged, wherever
 * they sit, extensions and contained resources included. Contained references ({@code #id}), absolute URLs,
 * {@code urn:} references (resolved within a transaction before the resource is stored), conditional references
 * ({@code Type?search}) and logical references (identifier only) are not: they are not meant to resolve on this
 * server, or are resolved by the server before it stores the resource.
 */
public final class UnresolvedReferenceCheck extends BaseQualityCheck {

	public static final String ID = "conformance-unresolved-reference";

	private final FhirContext fhirContext;

	public UnresolvedReferenceCheck(FhirContext fhirContext) {
		super(BuiltInCheck.UNRESOLVED_REFERENCE,
				"A literal relative reference (Type/id) in the resource does not resolve on this server.");
		this.fhirContext = fhirContext;
	}

	@Override
	public CheckOutcome evaluate(Resource resource, CheckContext context) {
		List<RelativeReference> references = relativeReferences(resource);
		return CheckOutcome.of(!references.isEmpty(), !unresolved(references, context).isEmpty());
	}

	/**
	 * The target type of each literal relative reference in the resource that does not resolve, once per
	 * reference, in document order: {@code [Patient, Patient]} when subject and performer both name a missing
	 * patient. Each distinct reference is asked of the context once.
	 */
	public List<String> unresolvedTargetTypes(Resource resource, CheckContext context) {
		return unresolved(relativeReferences(resource), context).stream().map(RelativeReference::resourceType).toList();
	}

	private List<RelativeReference> relativeReferences(Resource resource) {
		List<RelativeReference> references = new ArrayList<>();
		for (Reference reference : PopulatedElements.of(resource, fhirContext).references()) {
			RelativeReference relative = RelativeReference.parse(reference.getReference());
			if (relative != null) {
				references.add(relative);
			}
		}
		return references;
	}

	private static List<RelativeReference> unresolved(List<RelativeReference> references, CheckContext context) {
		if (references.isEmpty()) {
			return List.of();
		}
		if (references.size() == 1) {
			// most resources name one other (their subject): no memo needed
			return context.referenceResolves(references.get(0)) ? List.of() : references;
		}
		Map<RelativeReference, Boolean> resolves = new HashMap<>();
		List<RelativeReference> unresolved = new ArrayList<>();
		for (RelativeReference reference : references) {
			if (!resolves.computeIfAbsent(reference, context::referenceResolves)) {
				unresolved.add(reference);
			}
		}
		return unresolved;
	}
}
