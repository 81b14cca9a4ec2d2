package org.aitrust.interceptor.quality.check;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A server in memory: a fixed clock, the resources that exist, the identifiers they carry. Starts empty, at
 * {@link #NOW}, with no clock skew, no encounter margin, 1850-01-01 as the earliest plausible date and the default
 * vital-sign ranges. Records what the checks asked, so tests can
 * prove that a question is asked once.
 */
public final class InMemoryCheckContext implements CheckContext {

	public static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

	private Instant now = NOW;
	private Duration clockSkew = Duration.ZERO;
	private final Set<String> existing = new HashSet<>();
	private final Map<String, Patient> patients = new HashMap<>();
	private final List<StoredIdentifier> identifiers = new ArrayList<>();
	private VitalSignRanges vitalSignRanges = VitalSignRanges.defaults();
	final List<String> referencesAsked = new ArrayList<>();
	private final Set<String> knownProfiles = new HashSet<>();
	private final Set<String> knownCodeSystems = new HashSet<>();
	private final Set<String> uniqueIdentifierSystems = new HashSet<>();

	/** An identifier system the administrator declares unique. */
	public InMemoryCheckContext withUniqueIdentifierSystem(String system) {
		uniqueIdentifierSystems.add(system);
		return this;
	}

	@Override
	public boolean identifierSystemUnique(String system) {
		return uniqueIdentifierSystems.contains(system);
	}

	public InMemoryCheckContext withKnownProfile(String canonicalUrl) {
		knownProfiles.add(canonicalUrl);
		return this;
	}

	public InMemoryCheckContext withKnownCodeSystem(String system) {
		knownCodeSystems.add(system);
		return this;
	}

	@Override
	public boolean profileKnown(String canonicalUrl) {
		return knownProfiles.contains(canonicalUrl);
	}

	private final Map<String, List<String>> mustSupport = new HashMap<>();

	public InMemoryCheckContext withMustSupport(String canonicalUrl, String... paths) {
		mustSupport.put(canonicalUrl, List.of(paths));
		return this;
	}

	@Override
	public List<String> mustSupportPaths(String canonicalUrl) {
		return mustSupport.getOrDefault(canonicalUrl, List.of());
	}

	@Override
	public boolean codeSystemKnown(String system) {
		return knownCodeSystems.contains(system);
	}

	public InMemoryCheckContext at(Instant now) {
		this.now = now;
		return this;
	}

	public InMemoryCheckContext withClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
		return this;
	}

	/** A resource that exists, such as {@code Practitioner/7}; a reference to it, versioned or not, resolves. */
	public InMemoryCheckContext withResource(String relativeReference) {
		existing.add(relativeReference);
		return this;
	}

	/** A patient that exists, found by resources whose subject or patient names {@code Patient/<its id>}. */
	public InMemoryCheckContext withPatient(Patient patient) {
		String reference = "Patient/" + patient.getIdElement().getIdPart();
		patients.put(reference, patient);
		existing.add(reference);
		return this;
	}

	/** An identifier carried by the stored resource {@code resourceType/ownerIdPart}. */
	public InMemoryCheckContext withIdentifier(String resourceType, String system, String value, String ownerIdPart) {
		identifiers.add(new StoredIdentifier(resourceType, system, value, ownerIdPart));
		return this;
	}

	public InMemoryCheckContext withVitalSignRanges(VitalSignRanges vitalSignRanges) {
		this.vitalSignRanges = vitalSignRanges;
		return this;
	}

	@Override
	public Instant now() {
		return now;
	}

	@Override
	public Duration clockSkew() {
		return clockSkew;
	}

	@Override
	public Optional<Patient> patientOf(Resource resource) {
		for (String name : List.of("subject", "patient")) {
			Property property = resource.getNamedProperty(name);
			if (property == null) {
				continue;
			}
			for (Base value : property.getValues()) {
				if (value instanceof Reference reference && patients.containsKey(reference.getReference())) {
					return Optional.of(patients.get(reference.getReference()));
				}
			}
		}
		return Optional.empty();
	}

	@Override
	public boolean referenceResolves(RelativeReference reference) {
		referencesAsked.add(reference.text());
		return existing.contains(reference.versionless());
	}

	@Override
	public boolean identifierUsedByAnother(String resourceType, String system, String value, String selfIdPart) {
		return identifiers.stream().anyMatch(stored -> stored.resourceType().equals(resourceType)
				&& stored.system().equals(system) && stored.value().equals(value)
				&& !stored.ownerIdPart().equals(selfIdPart));
	}

	@Override
	public VitalSignRanges vitalSignRanges() {
		return vitalSignRanges;
	}

	private record StoredIdentifier(String resourceType, String system, String value, String ownerIdPart) {}

	private final Map<String, Encounter> encounters = new HashMap<>();
	private Duration encounterMargin = Duration.ZERO;
	private LocalDate earliestPlausibleDate = LocalDate.of(1850, 1, 1);

	/** An encounter that exists, found by resources whose encounter names {@code Encounter/<its id>}. */
	public InMemoryCheckContext withEncounter(Encounter encounter) {
		String reference = "Encounter/" + encounter.getIdElement().getIdPart();
		encounters.put(reference, encounter);
		existing.add(reference);
		return this;
	}

	public InMemoryCheckContext withEncounterMargin(Duration encounterMargin) {
		this.encounterMargin = encounterMargin;
		return this;
	}

	public InMemoryCheckContext withEarliestPlausibleDate(LocalDate earliestPlausibleDate) {
		this.earliestPlausibleDate = earliestPlausibleDate;
		return this;
	}

	@Override
	public Optional<Encounter> encounterOf(Resource resource) {
		Property property = resource.getNamedProperty("encounter");
		if (property != null && property.hasValues() && property.getValues().get(0) instanceof Reference reference) {
			return Optional.ofNullable(encounters.get(reference.getReference()));
		}
		return Optional.empty();
	}

	@Override
	public Duration encounterMargin() {
		return encounterMargin;
	}

	@Override
	public LocalDate earliestPlausibleDate() {
		return earliestPlausibleDate;
	}
}
