package org.aitrust.interceptor.quality.check;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a check may ask of the server. The server implements it once per write, so that the checks stay free of
 * the database and can be tested with plain objects; implementations may cache, since a check may ask the same
 * question more than once.
 */
public interface CheckContext {

	/** The time the write arrived. */
	Instant now();

	/**
	 * How far a sender's clock may run ahead of the server's before a date counts as in the future. Never
	 * negative.
	 */
	Duration clockSkew();

	/**
	 * The patient the resource is about (its {@code subject} or {@code patient}), when that reference resolves on
	 * the server; empty when the resource names no patient, names a group, or the patient is unknown.
	 */
	Optional<Patient> patientOf(Resource resource);

	/** Whether a literal relative reference resolves on this server; a version it names is not required to. */
	boolean referenceResolves(RelativeReference reference);

	/**
	 * Whether another resource of the same type already carries this business identifier.
	 *
	 * @param selfIdPart the id of the resource being written, whose own stored versions do not count; {@code null}
	 *     when the server has not assigned it one yet
	 */
	boolean identifierUsedByAnother(String resourceType, String system, String value, String selfIdPart);

	/**
	 * Whether the administrator declares the identifier system unique: each value identifies one resource
	 * ({@code aitrust.quality.unique-identifier-systems}).
	 */
	boolean identifierSystemUnique(String system);

	/** The vital-sign ranges configured on this server. */
	VitalSignRanges vitalSignRanges();

	/** Whether the server knows the StructureDefinition with this canonical URL (it can check the claim). */
	boolean profileKnown(String canonicalUrl);

	/**
	 * Whether the code system is defined: the server has content for it (its codes can be checked here), or it is a
	 * known external code system (the curated table or {@code aitrust.quality.known-code-systems}), whose codes are
	 * known to have a meaning though the server may not be able to check them.
	 */
	boolean codeSystemKnown(String system);

	/**
	 * Paths of the elements a known profile marks must-support, such as {@code Observation.category} or
	 * {@code Observation.value[x]}; empty when the server does not know the profile.
	 */
	List<String> mustSupportPaths(String canonicalUrl);

	/**
	 * The encounter the resource took place in (its {@code encounter} element), when that literal reference resolves
	 * on the server; empty when the resource names none or the encounter is unknown.
	 */
	Optional<Encounter> encounterOf(Resource resource);

	/**
	 * How far before its encounter's start or after its end an event may be dated and still count as within it
	 * ({@code aitrust.quality.encounter-margin}). Never negative.
	 */
	Duration encounterMargin();

	/** The earliest date a birth or a clinical event may plausibly carry ({@code aitrust.quality.earliest-plausible-date}). */
	LocalDate earliestPlausibleDate();
}
