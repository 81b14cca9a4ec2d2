package org.aitrust.interceptor.quality;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aitrust.interceptor.quality.check.CheckContext;
import org.aitrust.interceptor.quality.check.VitalSignRanges;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Answers the checks' questions from the server's own storage. One instance serves one write, so a reference
 * that several checks ask about is looked up once.
 */
public class DaoCheckContext implements CheckContext {

	private static final String HISTORY = "/_history/";

	private final DaoRegistry daoRegistry;
	private final Clock clock;
	private final Duration clockSkew;
	private final VitalSignRanges ranges;
	private final ServerKnowledge knowledge;
	private final RecentResources recent;
	private final IdentifierIndex identifiers;
	private final Map<String, Optional<IBaseResource>> lookedUp = new HashMap<>();

	public DaoCheckContext(
			DaoRegistry daoRegistry,
			Clock clock,
			Duration clockSkew,
			VitalSignRanges ranges,
			ServerKnowledge knowledge,
			RecentResources recent,
			IdentifierIndex identifiers) {
		this.daoRegistry = daoRegistry;
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
		return knowledge.codeSystemKnown(system);
	}

	@Override
	public Optional<Patient> patientOf(Resource resource) {
		if (resource instanceof Patient patient) {
			return Optional.of(patient);
		}
		for (String name : new String[] {"subject", "patient"}) {
			Property property = resource.getNamedProperty(name);
			if (property != null && property.hasValues() && property.getValues().get(0) instanceof Reference reference
					&& reference.getReference() != null && reference.getReference().startsWith("Patient/")) {
				return lookUp(reference.getReference()).filter(Patient.class::isInstance).map(Patient.class::cast);
			}
		}
		return Optional.empty();
	}

	@Override
	public boolean referenceResolves(String relativeReference) {
		return lookUp(relativeReference).isPresent();
	}

	@Override
	public boolean identifierUsedByAnother(String resourceType, String system, String value, String selfIdPart) {
		return identifiers.usedByAnother(resourceType, system, value, selfIdPart);
	}

	private Optional<IBaseResource> lookUp(String relativeReference) {
		return lookedUp.computeIfAbsent(relativeReference, this::find);
	}

	/** {@code Type/id}, optionally {@code /_history/version}, read without its version; anything else names nothing. */
	private Optional<IBaseResource> find(String reference) {
		int typeEnd = reference.indexOf('/');
		int idEnd = reference.indexOf('/', typeEnd + 1);
		if (typeEnd <= 0 || idEnd == typeEnd + 1 || reference.length() == typeEnd + 1
				|| (idEnd > 0 && !reference.startsWith(HISTORY, idEnd))) {
			return Optional.empty();
		}
		String type = reference.substring(0, typeEnd);
		if (!daoRegistry.isResourceTypeSupported(type)) {
			return Optional.empty();
		}
		String versionless = idEnd < 0 ? reference : reference.substring(0, idEnd);
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
