package org.aitrust.interceptor.provenance;

import java.time.Instant;
import org.aitrust.interceptor.core.RequestSource;
import org.aitrust.interceptor.core.UtcDays;
import org.aitrust.interceptor.core.WriteAttribution;
import org.aitrust.interceptor.store.UnreviewedVersion;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The one construction of a review worklist entry from a stored version, so the entry a live write puts
 * ({@link UnreviewedWorklistInterceptor}) and the one the start-up backfill puts ({@link UnreviewedWorklistBackfill})
 * say the same patient, day, source and profile.
 */
final class UnreviewedEntries {

	/** The elements by which a resource names the patient it is about, as the quality strata read them. */
	private static final String[] PATIENT_ELEMENTS = {"subject", "patient"};

	private UnreviewedEntries() {}

	/**
	 * @param source the client that wrote the version, as resolved for its request ({@link RequestSource#UNKNOWN}
	 *     when there is none, so {@code meta.source} says)
	 * @param now the time to list a version under when it carries no {@code meta.lastUpdated}
	 */
	static UnreviewedVersion of(Resource resource, RequestSource source, Instant now) {
		IdType id = resource.getIdElement();
		Instant lastUpdated = resource.getMeta().hasLastUpdated() ? resource.getMeta().getLastUpdated().toInstant() : now;
		long version = id.hasVersionIdPart() ? id.getVersionIdPartAsLong() : Long.parseLong(resource.getMeta().getVersionId());
		return new UnreviewedVersion(resource.fhirType(), id.getIdPart(), version, patientOf(resource),
				lastUpdated, UtcDays.of(lastUpdated), WriteAttribution.sourceOf(resource, source),
				WriteAttribution.profileOf(resource));
	}

	/**
	 * The Patient a resource is about, as {@code Patient/id}: itself for a Patient, else its {@code subject} or
	 * {@code patient} when that references a Patient on this server; {@code null} otherwise.
	 */
	static String patientOf(Resource resource) {
		if ("Patient".equals(resource.fhirType())) {
			return "Patient/" + resource.getIdElement().getIdPart();
		}
		for (String name : PATIENT_ELEMENTS) {
			Base[] values = resource.getProperty(name.hashCode(), name, false);
			if (values != null && values.length > 0 && values[0] instanceof Reference reference && reference.hasReference()) {
				IdType target = new IdType(reference.getReference());
				if ("Patient".equals(target.getResourceType()) && target.hasIdPart() && !target.isAbsolute()) {
					return "Patient/" + target.getIdPart();
				}
			}
		}
		return null;
	}
}
