package org.aitrust.autoconfigure;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.aitrust.interceptor.identity.TrustedProxies;
import org.aitrust.interceptor.provenance.ModelCardFiles;
import org.aitrust.interceptor.quality.check.BuiltInCheck;
import org.aitrust.interceptor.quality.check.CheckClass;
import org.aitrust.interceptor.quality.check.MustSupportCompleteness;
import org.aitrust.interceptor.security.SmartScope;
import org.aitrust.provenance.AiKind;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.unit.DataSize;

/**
 * Checks {@link AiTrustProperties} beyond what binding can: required facts present, ids unique, header names
 * legal. Every problem is reported with the full property name so an administrator can find the line.
 */
public final class AiTrustPropertiesValidator {

	/** RFC 9110 token characters: what a header field name may contain. */
	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	private static final Pattern DASHBOARD_PATH = Pattern.compile("(/[A-Za-z0-9._-]+)+");
	/** A wider margin would let an event of another month count as within its encounter. */
	private static final Duration MAX_ENCOUNTER_MARGIN = Duration.ofDays(30);
	/** An absolute URI (a scheme, a colon, no white space) with no {@code |version} suffix. */
	private static final Pattern ABSOLUTE_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s|]+");

	private AiTrustPropertiesValidator() {}

	/** Throws {@link InvalidAiTrustPropertyException} naming the first bad property, listing all of them. */
	public static void validate(AiTrustProperties properties) {
		List<InvalidAiTrustPropertyException.Violation> violations = violations(properties);
		if (!violations.isEmpty()) {
			throw new InvalidAiTrustPropertyException(violations);
		}
	}

	static List<InvalidAiTrustPropertyException.Violation> violations(AiTrustProperties properties) {
		List<InvalidAiTrustPropertyException.Violation> violations = new ArrayList<>();
		identityViolations(properties.identity(), violations);
		AiTrustProperties.Provenance provenance = properties.provenance();
		if (provenance.deviceCacheSize() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.provenance.device-cache-size", provenance.deviceCacheSize(), "must be at least 1"));
		}
		Set<String> ids = new HashSet<>();
		List<AiTrustProperties.Agent> agents = provenance.agents();
		for (int i = 0; i < agents.size(); i++) {
			AiTrustProperties.Agent agent = agents.get(i);
			String prefix = "aitrust.provenance.agents[" + i + "].";
			requireText(violations, prefix + "id", agent.id());
			requireText(violations, prefix + "model-name", agent.modelName());
			requireText(violations, prefix + "model-version", agent.modelVersion());
			requireText(violations, prefix + "manufacturer", agent.manufacturer());
			if (agent.id() != null && !agent.id().isBlank() && !ids.add(agent.id())) {
				violations.add(new InvalidAiTrustPropertyException.Violation(
						prefix + "id", agent.id(), "is registered twice; each agent id must be unique"));
			}
			if (agent.modelCardUrl() != null && !agent.modelCardUrl().matches("(?i)(https?|urn):\\S+")) {
				violations.add(new InvalidAiTrustPropertyException.Violation(
						prefix + "model-card-url", agent.modelCardUrl(), "must be an absolute http(s) or urn URL"));
			}
			List<String> kinds = agent.aiKinds() == null ? List.of() : agent.aiKinds();
			for (int k = 0; k < kinds.size(); k++) {
				if (!AiKind.isSelectable(kinds.get(k))) {
					violations.add(new InvalidAiTrustPropertyException.Violation(prefix + "ai-kinds[" + k + "]",
							kinds.get(k), "must be a selectable code of the AI Transparency IG's AIdeviceTypeVS, one of "
									+ new java.util.TreeSet<>(AiKind.CODES)));
				}
			}
			if (agent.modelCardData() != null && !agent.modelCardData().isBlank()
					&& provenance.modelCardMaxSize().toBytes() > 0) {
				try {
					ModelCardFiles.read(agent.modelCardData(), provenance.modelCardMaxSize().toBytes());
				} catch (IllegalArgumentException e) {
					violations.add(new InvalidAiTrustPropertyException.Violation(
							prefix + "model-card-data", agent.modelCardData(), e.getMessage()));
				}
			}
		}
		if (provenance.modelCardMaxSize().toBytes() < 1 || provenance.modelCardMaxSize().toMegabytes() > 16) {
			violations.add(new InvalidAiTrustPropertyException.Violation("aitrust.provenance.model-card-max-size",
					provenance.modelCardMaxSize(), "must be between 1B and 16MB (a card is stored in its DocumentReference)"));
		}
		AiTrustProperties.Quality quality = properties.quality();
		if (quality.clockSkew().isNegative()) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.quality.clock-skew", quality.clockSkew(), "must not be negative"));
		}
		if (quality.encounterMargin().isNegative() || quality.encounterMargin().compareTo(MAX_ENCOUNTER_MARGIN) > 0) {
			violations.add(new InvalidAiTrustPropertyException.Violation("aitrust.quality.encounter-margin",
					quality.encounterMargin(), "must be between 0 and " + MAX_ENCOUNTER_MARGIN.toDays() + " days"));
		}
		if (quality.earliestPlausibleDate().getYear() < 1 || !quality.earliestPlausibleDate().isBefore(LocalDate.now())) {
			violations.add(new InvalidAiTrustPropertyException.Violation("aitrust.quality.earliest-plausible-date",
					quality.earliestPlausibleDate(), "must be a past date of year 1 or later"));
		}
		if (quality.maxSources() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.quality.max-sources", quality.maxSources(), "must be at least 1"));
		}
		if (quality.maxProfiles() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.quality.max-profiles", quality.maxProfiles(), "must be at least 1"));
		}
		if (quality.maxModels() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.quality.max-models", quality.maxModels(), "must be at least 1"));
		}
		if (quality.maxBreakdownItems() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.quality.max-breakdown-items", quality.maxBreakdownItems(), "must be at least 1"));
		}
		for (int i = 0; i < quality.sources().size(); i++) {
			String source = quality.sources().get(i);
			if (source == null || source.isBlank() || "other".equals(source)) {
				violations.add(new InvalidAiTrustPropertyException.Violation("aitrust.quality.sources[" + i + "]",
						source, "must be a client id or meta.source system, not blank and not 'other'"));
			}
		}
		requireAbsoluteUris(violations, "aitrust.quality.known-code-systems", quality.knownCodeSystems());
		requireAbsoluteUris(violations, "aitrust.quality.unique-identifier-systems", quality.uniqueIdentifierSystems());
		rollupViolations(quality, violations);
		if (quality.maxReportDays() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.quality.max-report-days", quality.maxReportDays(), "must be at least 1"));
		}
		AiTrustProperties.QualityTrend trend = quality.trend();
		if (trend.recentDays() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.quality.trend.recent-days", trend.recentDays(), "must be at least 1"));
		}
		if (trend.baselineDays() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.quality.trend.baseline-days", trend.baselineDays(), "must be at least 1"));
		} else if (trend.recentDays() >= 1 && quality.maxReportDays() >= 1 && (long) trend.recentDays() + trend.baselineDays() > quality.maxReportDays()) {
			// a trend reads both windows: no more days than one $data-quality report may read
			violations.add(new InvalidAiTrustPropertyException.Violation("aitrust.quality.trend.baseline-days",
					trend.baselineDays(), "with aitrust.quality.trend.recent-days must not exceed"
							+ " aitrust.quality.max-report-days (" + quality.maxReportDays() + ")"));
		}
		if (trend.refreshInterval().compareTo(java.time.Duration.ofSeconds(1)) < 0) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.quality.trend.refresh-interval", trend.refreshInterval(), "must be at least 1s"));
		}
		AiTrustProperties.Oversight oversight = properties.oversight();
		if (oversight.enabled() && !quality.enabled()) {
			violations.add(new InvalidAiTrustPropertyException.Violation("aitrust.oversight.enabled", true,
					"needs aitrust.quality.enabled=true: oversight reads the data-quality counts"));
		}
		if (oversight.recentDays() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.oversight.recent-days", oversight.recentDays(), "must be at least 1"));
		}
		if (oversight.baselineDays() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.oversight.baseline-days", oversight.baselineDays(), "must be at least 1"));
		}
		if (!(oversight.significance() > 0 && oversight.significance() < 1)) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.oversight.significance", oversight.significance(), "must lie between 0 and 1"));
		}
		if (!(oversight.minimumEffect() >= 0 && oversight.minimumEffect() <= 1)) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.oversight.minimum-effect", oversight.minimumEffect(), "must lie between 0 and 1"));
		}
		if (oversight.smallCellThreshold() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.oversight.small-cell-threshold", oversight.smallCellThreshold(), "must be at least 1"));
		}
		if (oversight.maxReportDays() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.oversight.max-report-days", oversight.maxReportDays(), "must be at least 1"));
		}
		for (int i = 0; i < oversight.pinnedBaselines().size(); i++) {
			AiTrustProperties.PinnedBaseline pinned = oversight.pinnedBaselines().get(i);
			String prefix = "aitrust.oversight.pinned-baselines[" + i + "].";
			requireText(violations, prefix + "model", pinned.model());
			if (pinned.start() == null || pinned.end() == null || pinned.end().isBefore(pinned.start())) {
				violations.add(new InvalidAiTrustPropertyException.Violation(prefix + "end", pinned.end(),
						"start and end must be dates, end not before start"));
			}
		}
		AiTrustProperties.Dashboard dashboard = properties.dashboard();
		if (dashboard.path() == null || !DASHBOARD_PATH.matcher(dashboard.path()).matches()) {
			violations.add(new InvalidAiTrustPropertyException.Violation("aitrust.dashboard.path", dashboard.path(),
					"must be a path like /quality: a leading slash, letters, digits, - _ . / and no trailing slash"));
		}
		if (dashboard.fhirBase() == null || dashboard.fhirBase().isBlank()
				|| !(dashboard.fhirBase().startsWith("/") || dashboard.fhirBase().startsWith("http://")
						|| dashboard.fhirBase().startsWith("https://"))) {
			violations.add(new InvalidAiTrustPropertyException.Violation("aitrust.dashboard.fhir-base",
					dashboard.fhirBase(), "must be a path like /fhir or an http(s) URL"));
		}
		java.time.Duration retryAfter = properties.databaseUnavailable().retryAfter();
		if (retryAfter == null || retryAfter.isZero() || retryAfter.isNegative()) {
			violations.add(new InvalidAiTrustPropertyException.Violation("aitrust.database-unavailable.retry-after",
					retryAfter, "must be a positive duration, e.g. 5s"));
		}
		requirePercent(violations, "aitrust.quality.default-threshold", quality.defaultThreshold());
		thresholdViolations("aitrust.quality.thresholds", quality.thresholds(), violations);
		new java.util.TreeMap<>(quality.thresholdsByType()).forEach((type, byCheck) -> {
			String property = mapEntry("aitrust.quality.thresholds-by-type", type);
			if (!isR4ResourceType(type)) {
				violations.add(new InvalidAiTrustPropertyException.Violation(property, byCheck,
						"names no FHIR R4 resource type"));
			}
			thresholdViolations(property, byCheck, violations);
		});
		validationViolations(properties.validation(), violations);
		securityViolations(properties.security(), violations);
		return violations;
	}

	/** Endpoints SMART clients are sent to, and the module's scopes, which must not be mistaken for others. */
	private static void securityViolations(
			AiTrustProperties.Security security, List<InvalidAiTrustPropertyException.Violation> violations) {
		String prefix = "aitrust.security.";
		requireUrl(violations, prefix + "issuer", security.issuer());
		requireUrlOrPath(violations, prefix + "authorization-endpoint", security.authorizationEndpoint());
		requireUrlOrPath(violations, prefix + "token-endpoint", security.tokenEndpoint());
		requireUrlOrPath(violations, prefix + "jwks-uri", security.jwksUri());
		if (security.enabled() && isBlank(security.tokenEndpoint())) {
			violations.add(new InvalidAiTrustPropertyException.Violation(prefix + "token-endpoint",
					security.tokenEndpoint(), "must be set when aitrust.security.enabled=true: SMART clients find "
							+ "where to get a token in /.well-known/smart-configuration"));
		}
		if (security.enabled() && security.grantTypes().contains("authorization_code")
				&& isBlank(security.authorizationEndpoint())) {
			violations.add(new InvalidAiTrustPropertyException.Violation(prefix + "authorization-endpoint",
					security.authorizationEndpoint(), "must be set when aitrust.security.grant-types offers "
							+ "authorization_code (or leave authorization_code out)"));
		}
		requireTokens(violations, prefix + "grant-types", security.grantTypes());
		requireTokens(violations, prefix + "capabilities", security.capabilities());
		Set<String> moduleScopes = new HashSet<>();
		String[][] scopes = {{"admin-scope", security.adminScope()}, {"review-scope", security.reviewScope()},
				{"reports-scope", security.reportsScope()}};
		for (String[] scope : scopes) {
			String value = scope[1];
			if (isBlank(value) || value.chars().anyMatch(Character::isWhitespace)) {
				violations.add(new InvalidAiTrustPropertyException.Violation(prefix + scope[0], value,
						"must be one OAuth scope: not empty, no spaces"));
			} else if (SmartScope.isClinical(value)) {
				violations.add(new InvalidAiTrustPropertyException.Violation(prefix + scope[0], value,
						"must not look like a SMART clinical scope (context/Type.permissions), which grants FHIR data"));
			} else if (!moduleScopes.add(value)) {
				violations.add(new InvalidAiTrustPropertyException.Violation(prefix + scope[0], value,
						"is also another module scope; each of admin, review and reports needs its own"));
			}
		}
	}

	/** An endpoint of an authorization server elsewhere (absolute URL) or on this host (a path from its root). */
	private static void requireUrlOrPath(List<InvalidAiTrustPropertyException.Violation> violations, String property,
			String value) {
		if (value != null && !value.matches("(?i)https?://\\S+") && !value.matches("/[^/\\s]\\S*")) {
			violations.add(new InvalidAiTrustPropertyException.Violation(property, value,
					"must be an absolute http(s) URL, or a path on this server such as /oauth2/token"));
		}
	}

	private static void requireUrl(List<InvalidAiTrustPropertyException.Violation> violations, String property,
			String value) {
		if (value != null && !value.matches("(?i)https?://\\S+")) {
			violations.add(new InvalidAiTrustPropertyException.Violation(property, value, "must be an absolute http(s) URL"));
		}
	}

	/** Code system and identifier system URIs, as Coding.system and Identifier.system carry them: absolute, unversioned. */
	private static void requireAbsoluteUris(List<InvalidAiTrustPropertyException.Violation> violations, String property,
			List<String> values) {
		for (int i = 0; i < values.size(); i++) {
			String value = values.get(i);
			if (value == null || !ABSOLUTE_URI.matcher(value).matches()) {
				violations.add(new InvalidAiTrustPropertyException.Violation(property + "[" + i + "]", value,
						"must be an absolute URI without a version, such as http://loinc.org or urn:oid:2.16.840.1.113883.6.238"));
			}
		}
	}

	private static void requireTokens(List<InvalidAiTrustPropertyException.Violation> violations, String property,
			List<String> values) {
		for (int i = 0; i < values.size(); i++) {
			String value = values.get(i);
			if (isBlank(value) || value.chars().anyMatch(Character::isWhitespace)) {
				violations.add(new InvalidAiTrustPropertyException.Violation(property + "[" + i + "]", value,
						"must be a single code, not empty, no spaces"));
			}
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static void identityViolations(
			AiTrustProperties.Identity identity, List<InvalidAiTrustPropertyException.Violation> violations) {
		String header = identity.agentHeader();
		if (header == null || !HEADER_NAME.matcher(header).matches()) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.identity.agent-header", header, "must be a legal HTTP header name"));
		}
		List<String> proxies = identity.trustedProxies();
		for (int i = 0; i < proxies.size(); i++) {
			String property = "aitrust.identity.trusted-proxies[" + i + "]";
			String entry = proxies.get(i);
			TrustedProxies.problemWith(entry).ifPresent(problem ->
					violations.add(new InvalidAiTrustPropertyException.Violation(property, entry, problem)));
		}
	}

	/** Rules, packages: what bean methods used to check late, checked here before HAPI starts. */
	private static void validationViolations(
			AiTrustProperties.Validation validation, List<InvalidAiTrustPropertyException.Violation> violations) {
		for (int i = 0; i < validation.rules().size(); i++) {
			AiTrustProperties.ValidationRuleProperties rule = validation.rules().get(i);
			String prefix = "aitrust.validation.rules[" + i + "].";
			for (String type : rule.resourceTypes()) {
				if (!isR4ResourceType(type)) {
					violations.add(new InvalidAiTrustPropertyException.Violation(prefix + "resource-types", type,
							"is not a FHIR R4 resource type"));
				}
			}
			if (rule.mode() == null) {
				violations.add(new InvalidAiTrustPropertyException.Violation(prefix + "mode", null,
						"must be set to ENFORCE, WARN, SHADOW or OFF"));
			}
			if (rule.resourceTypes().isEmpty() && rule.sources().isEmpty()) {
				violations.add(new InvalidAiTrustPropertyException.Violation(prefix + "resource-types", "[]",
						"a rule must name resource types or sources (aitrust.validation.mode is the rule for everything)"));
			}
		}
		AiTrustProperties.PackageLimits limits = validation.packageLimits();
		requirePositive(violations, "aitrust.validation.package-limits.max-compressed-size", limits.maxCompressedSize());
		requirePositive(violations, "aitrust.validation.package-limits.max-uncompressed-size", limits.maxUncompressedSize());
		if (limits.maxEntries() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.validation.package-limits.max-entries", limits.maxEntries(), "must be at least 1"));
		}
		if (limits.maxStoredPackages() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.validation.package-limits.max-stored-packages", limits.maxStoredPackages(),
					"must be at least 1"));
		}
		ResourceLoader resources = new DefaultResourceLoader(AiTrustPropertiesValidator.class.getClassLoader());
		for (int i = 0; i < validation.packages().size(); i++) {
			String location = validation.packages().get(i);
			if (location == null || location.isBlank() || !exists(resources, location)) {
				violations.add(new InvalidAiTrustPropertyException.Violation("aitrust.validation.packages[" + i + "]",
						location, "names no file, directory or classpath resource"));
			}
		}
	}

	private static void requirePositive(
			List<InvalidAiTrustPropertyException.Violation> violations, String property, DataSize size) {
		if (size == null || size.toBytes() < 1) {
			violations.add(new InvalidAiTrustPropertyException.Violation(property, size, "must be a positive size, e.g. 50MB"));
		}
	}

	private static boolean exists(ResourceLoader resources, String location) {
		if (location.startsWith(ResourceLoader.CLASSPATH_URL_PREFIX) || location.contains(":/")) {
			return resources.getResource(location).exists();
		}
		return Files.exists(Path.of(location));
	}

	private static boolean isR4ResourceType(String type) {
		try {
			ResourceType.fromCode(type);
			return true;
		} catch (FHIRException e) {
			return false;
		}
	}

	/**
	 * Thresholds by check id: each a percentage, for a check that exists and is judged. A must-support measure is
	 * named by its prefix and an element path of an R4 resource type; a server-capability figure takes no threshold,
	 * since it says what the server cannot check, not what is wrong with the data.
	 */
	private static void thresholdViolations(String prefix, java.util.Map<String, Double> thresholds,
			List<InvalidAiTrustPropertyException.Violation> violations) {
		Set<String> checkIds = builtInCheckIds();
		new java.util.TreeMap<>(thresholds).forEach((id, percent) -> {
			String property = mapEntry(prefix, id);
			requirePercent(violations, property, percent);
			if (id.startsWith(MustSupportCompleteness.PREFIX)) {
				String path = id.substring(MustSupportCompleteness.PREFIX.length());
				if (!path.matches("[A-Z][A-Za-z]+(\\.[a-z][A-Za-z0-9\\[\\]]*)+")
						|| !isR4ResourceType(path.substring(0, path.indexOf('.')))) {
					violations.add(new InvalidAiTrustPropertyException.Violation(property, percent,
							"a must-support measure is " + MustSupportCompleteness.PREFIX
									+ "<ResourceType.element path>, e.g. " + MustSupportCompleteness.PREFIX
									+ "Observation.category"));
				}
			} else if (!checkIds.contains(id)) {
				violations.add(new InvalidAiTrustPropertyException.Violation(property, percent,
						"names no check; known checks: " + checkIds));
			} else if (BuiltInCheck.byId(id).orElseThrow().checkClass() == CheckClass.SERVER_CAPABILITY) {
				violations.add(new InvalidAiTrustPropertyException.Violation(property, percent,
						"is a figure about what this server cannot check, never judged against a threshold"));
			}
		});
	}

	/** A map entry's property name as Spring binds it: dotted, or in brackets when the key has other characters. */
	private static String mapEntry(String prefix, String key) {
		return key.matches("[A-Za-z0-9-]+") ? prefix + "." + key : prefix + "[" + key + "]";
	}

	/** The ids of the built-in checks, which thresholds may name. */
	private static Set<String> builtInCheckIds() {
		Set<String> ids = new java.util.TreeSet<>();
		for (BuiltInCheck check : BuiltInCheck.values()) {
			ids.add(check.id());
		}
		return ids;
	}

	private static void rollupViolations(AiTrustProperties.Quality quality,
			List<InvalidAiTrustPropertyException.Violation> violations) {
		java.time.Duration raw = quality.rawRetention();
		if (raw.toDays() < 1 || !raw.equals(java.time.Duration.ofDays(raw.toDays()))) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.quality.raw-retention", raw, "must be a whole number of days, at least 1d"));
		}
		java.time.Duration rollups = quality.rollupRetention();
		if (rollups != null && (rollups.compareTo(raw) < 0
				|| !rollups.equals(java.time.Duration.ofDays(rollups.toDays())))) {
			violations.add(new InvalidAiTrustPropertyException.Violation("aitrust.quality.rollup-retention", rollups,
					"must be a whole number of days, at least aitrust.quality.raw-retention (" + raw.toDays() + "d)"));
		}
		if (quality.rollup().interval().compareTo(java.time.Duration.ofMinutes(1)) < 0) {
			violations.add(new InvalidAiTrustPropertyException.Violation(
					"aitrust.quality.rollup.interval", quality.rollup().interval(), "must be at least 1m"));
		}
	}

	private static void requirePercent(
			List<InvalidAiTrustPropertyException.Violation> violations, String property, Double percent) {
		if (percent == null || percent < 0 || percent > 100) {
			violations.add(new InvalidAiTrustPropertyException.Violation(property, percent, "must be a percentage from 0 to 100"));
		}
	}

	private static void requireText(
			List<InvalidAiTrustPropertyException.Violation> violations, String property, String value) {
		if (value == null || value.isBlank()) {
			violations.add(new InvalidAiTrustPropertyException.Violation(property, value, "must be set"));
		}
	}
}
