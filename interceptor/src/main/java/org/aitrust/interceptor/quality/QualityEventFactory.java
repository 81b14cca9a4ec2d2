package org.aitrust.interceptor.quality;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.aitrust.interceptor.ModuleWrites;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aitrust.interceptor.quality.check.CheckContext;
import org.aitrust.interceptor.quality.check.CheckOutcome;
import org.aitrust.interceptor.quality.check.MustSupportCompleteness;
import org.aitrust.interceptor.quality.check.ClinicalTimes;
import org.aitrust.interceptor.quality.check.QualityChecks;
import org.aitrust.interceptor.source.RequestSource;
import org.aitrust.provenance.AiLabels;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns an arriving resource into a {@link QualityEvent}: attributes it to its source and claimed profile
 * (both folded to bounded sets), runs every check, and measures its arrival lag.
 */
public class QualityEventFactory {

	static final String UNKNOWN_SOURCE = "unknown";
	static final String NO_PROFILE = "none";

	private final QualityChecks checks;
	private final DimensionCap sources;
	private final DimensionCap profiles;
	private final Clock clock;
	private final MustSupportCompleteness mustSupport = new MustSupportCompleteness();

	public QualityEventFactory(QualityChecks checks, DimensionCap sources, DimensionCap profiles, Clock clock) {
		this.checks = checks;
		this.sources = sources;
		this.profiles = profiles;
		this.clock = clock;
	}

	public QualityEvent arrived(Resource resource, RequestSource requestSource, boolean accepted, CheckContext context) {
		Instant now = clock.instant();
		Long lag = ClinicalTimes.clinicalTime(resource)
				.map(clinical -> Duration.between(clinical, now).getSeconds())
				.orElse(null);
		return new QualityEvent(
				LocalDate.ofInstant(now, ZoneOffset.UTC),
				now,
				sources.fold(sourceOf(resource, requestSource)),
				resource.fhirType(),
				profiles.fold(profileOf(resource)),
				accepted,
				AiLabels.isAiAsserted(resource),
				ModuleWrites.isProvenanceRecorded(resource),
				lag,
				outcomes(resource, context));
	}

	private Map<String, CheckOutcome> outcomes(Resource resource, CheckContext context) {
		Map<String, CheckOutcome> outcomes = new LinkedHashMap<>(checks.evaluateAll(resource, context));
		outcomes.putAll(mustSupport.evaluate(resource, context));
		return outcomes;
	}

	/** A rejected request whose body could not be read as a resource: counted, with no checks. */
	public QualityEvent unreadable(String resourceType, RequestSource requestSource) {
		Instant now = clock.instant();
		return new QualityEvent(LocalDate.ofInstant(now, ZoneOffset.UTC), now,
				sources.fold(requestSource.isKnown() ? requestSource.clientId() : UNKNOWN_SOURCE),
				resourceType == null ? "unknown" : resourceType, NO_PROFILE, false, false, false, null, java.util.Map.of());
	}

	/** The client as resolved for the request; else the system part of {@code meta.source}; else unknown. */
	static String sourceOf(Resource resource, RequestSource requestSource) {
		if (requestSource.isKnown()) {
			return requestSource.clientId();
		}
		String metaSource = resource.getMeta().getSource();
		if (metaSource != null) {
			int hash = metaSource.indexOf('#');
			String system = hash < 0 ? metaSource : metaSource.substring(0, hash);
			if (!system.isBlank()) {
				return system.length() > 128 ? system.substring(0, 128) : system;
			}
		}
		return UNKNOWN_SOURCE;
	}

	static String profileOf(Resource resource) {
		if (resource.getMeta().getProfile().isEmpty()) {
			return NO_PROFILE;
		}
		String profile = resource.getMeta().getProfile().get(0).getValue();
		return profile == null || profile.isBlank() ? NO_PROFILE : profile.length() > 255 ? profile.substring(0, 255) : profile;
	}
}
