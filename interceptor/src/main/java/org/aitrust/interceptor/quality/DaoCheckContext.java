package org.aitrust.interceptor.quality;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aitrust.interceptor.quality.check.CheckContext;
import org.aitrust.interceptor.quality.check.RelativeReference;
import org.aitrust.interceptor.quality.check.VitalSignRanges;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Answers the checks' questions from the server's own storage. One instance serves one write, so a reference
 * that several checks ask about is looked up once.
 */
public class DaoCheckContext implements CheckContext {

	/** The elements by which a resource names the patient it is about. */
	private static final String[] PATIENT_ELEMENTS = {"subject", "patient"};

	private final DaoRegistry daoRegistry;
	private final Clock clock;
	private final Duration clockSkew;
	private final VitalSignRanges ranges;
	private final ConformanceKnowledge knowledge;
	private final RecentlyFoundResources recent;
	private final IdentifierIndex identifiers;
	private final ExternalCodeSystems externalCodeSystems;
	private final Set<String> uniqueIdentifierSystems;
	private final Duration encounterMargin;
	private final LocalDate earliestPlausibleDate;
	private final Map<String, Optional<IBaseResource>> lookedUp = new HashMap<>();

	public DaoCheckContext(
			DaoRegistry daoRegistry,
			Clock clock,
			Duration clockSkew,
			VitalSignRanges ranges,
			ConformanceKnowledge knowledge,
			RecentlyFoundResources recent,
			IdentifierIndex identifiers,
			ExternalCodeSystems externalCodeSystems,
			Set<String> uniqueIdentifierSystems,
			Duration encounterMargin,
			LocalDate earliestPlausibleDate) {
		this.daoRegistry = daoRegistry;
		this.encounterMargin = encounterMargin;
		this.earliestPlausibleDate = earliestPlausibleDate;
		this.externalCodeSystems = externalCodeSystems;
		this.uniqueIdentifierSystems = uniqueIdentifierSystems;
		this.identifiers = identifiers;
		this.knowledge = knowledge;
		this.recent = recent;
		this.clock = clock;
		this.clockSkew = clockSkew;
		this.ranges = ranges;
	}

	@Override
	public Instant now() {
		return clock.instant();
	}

	@Override
	public Duration clockSkew() {
		return clockSkew;
	}

	@Override
	public VitalSignRanges vitalSignRanges() {
		return ranges;
	}

	@Override
	public boolean profileKnown(String canonicalUrl) {
		return knowledge.profileKnown(canonicalUrl);
	}

	@Override
	public List<String> mustSupportPaths(String canonicalUrl) {
		return knowledge.mustSupportPaths(canonicalUrl);
	}

	@Override
	public boolean codeSystemKnown(String system) {
		// the table first: it answers LOINC and SNOMED CT, asked by nearly every write, without the chain
		return externalCodeSystems.contains(system) || knowledge.codeSystemKnown(system);
	}

	@Override
	public boolean identifierSystemUnique(String system) {
		return uniqueIdentifierSystems.contains(system);
	}

	@Override
	public Optional<Patient> patientOf(Resource resource) {
		if (resource instanceof Patient patient) {
			return Optional.of(patient);
		}
		for (String name : PATIENT_ELEMENTS) {
			RelativeReference relative = relativeReferenceIn(resource, name);
			if (relative != null && relative.resourceType().equals("Patient")) {
				return lookUp(relative).filter(Patient.class::isInstance).map(Patient.class::cast);
			}
		}
		return Optional.empty();
	}

	@Override
	public Optional<Encounter> encounterOf(Resource resource) {
		RelativeReference relative = relativeReferenceIn(resource, "encounter");
		if (relative == null || !relative.resourceType().equals("Encounter")) {
			return Optional.empty();
		}
		return lookUp(relative).filter(Encounter.class::isInstance).map(Encounter.class::cast);
	}

	/** The literal relative reference in the element's first value; {@code null} when there is none. */
	private static RelativeReference relativeReferenceIn(Resource resource, String element) {
		// by the property's hash, as the model's generated code is keyed: asking by name builds its description
		Base[] values = resource.getProperty(element.hashCode(), element, false);
		return values != null && values.length > 0 && values[0] instanceof Reference reference
				? RelativeReference.parse(reference.getReference()) : null;
	}

	@Override
	public Duration encounterMargin() {
		return encounterMargin;
	}

	@Override
	public LocalDate earliestPlausibleDate() {
		return earliestPlausibleDate;
	}

	@Override
	public boolean referenceResolves(RelativeReference reference) {
		return lookUp(reference).isPresent();
	}

	@Override
	public boolean identifierUsedByAnother(String resourceType, String system, String value, String selfIdPart) {
		return identifiers.usedByAnother(resourceType, system, value, selfIdPart);
	}

	private Optional<IBaseResource> lookUp(RelativeReference reference) {
		return lookedUp.computeIfAbsent(reference.versionless(), versionless -> find(reference));
	}

	/** The current version of what the reference names, whichever version it names. */
	private Optional<IBaseResource> find(RelativeReference reference) {
		String type = reference.resourceType();
		if (!daoRegistry.isResourceTypeSupported(type)) {
			return Optional.empty();
		}
		String versionless = reference.versionless();
		Optional<IBaseResource> known = recent.get(versionless);
		if (known.isPresent()) {
			return known;
		}
		try {
			IBaseResource found = daoRegistry.getResourceDao(type).read(new IdType(versionless), new SystemRequestDetails());
			recent.put(versionless, found);
			return Optional.of(found);
		} catch (BaseServerResponseException e) {
			return Optional.empty();
		}
	}
}
