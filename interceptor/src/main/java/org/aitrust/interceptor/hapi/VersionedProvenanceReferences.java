package org.aitrust.interceptor.hapi;

import ca.uhn.fhir.context.FhirContext;
import java.util.HashSet;
import java.util.Set;

/**
 * HAPI adaptation: HAPI strips the version from every reference when it stores a resource, except at the paths its
 * parser options name. An AI-Provenance must point at the exact version the AI wrote ({@code Provenance.target}) and
 * at the exact inputs it used ({@code Provenance.entity.what}), so those two paths are added to the server's
 * {@code FhirContext} parser options, keeping whatever paths the host set.
 */
public final class VersionedProvenanceReferences {

	private VersionedProvenanceReferences() {}

	/** Adds the Provenance paths to the context's kept-version paths; idempotent. */
	public static void keepOn(FhirContext fhirContext) {
		Set<String> paths = new HashSet<>(fhirContext.getParserOptions().getDontStripVersionsFromReferencesAtPaths());
		paths.add("Provenance.target");
		paths.add("Provenance.entity.what");
		fhirContext.getParserOptions().setDontStripVersionsFromReferencesAtPaths(paths);
	}
}
