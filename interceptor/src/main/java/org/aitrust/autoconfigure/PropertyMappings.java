package org.aitrust.autoconfigure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aitrust.interceptor.oversight.DriftPolicy;
import org.aitrust.interceptor.provenance.AiDeviceRegistry;
import org.aitrust.interceptor.quality.trend.TrendWindows;
import org.aitrust.interceptor.security.ModuleScopes;
import org.aitrust.interceptor.security.SmartConfiguration;
import org.aitrust.interceptor.validation.IgPackage;
import org.aitrust.interceptor.validation.IgPackageLimits;
import org.aitrust.interceptor.validation.IgPackageLoader;
import org.aitrust.interceptor.validation.TagCoding;
import org.aitrust.interceptor.validation.ValidationPolicy;
import org.aitrust.interceptor.validation.ValidationRule;
import org.aitrust.interceptor.provenance.ModelCardFiles;
import org.aitrust.provenance.AiModel;
import org.aitrust.provenance.AttachedModelCard;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.r4.model.Coding;
import org.slf4j.LoggerFactory;

/**
 * Turns checked {@link AiTrustProperties} into the values the capabilities take, so the capabilities never see the
 * properties' types and the auto-configurations stay wiring. Values reach here after
 * {@link AiTrustPropertiesValidator} accepted them.
 */
final class PropertyMappings {

	private PropertyMappings() {}

	/** The model each registered agent runs, by its client id. */
	static Map<String, AiModel> agentModels(AiTrustProperties.Provenance provenance) {
		Map<String, AiModel> models = new LinkedHashMap<>();
		long maxCardBytes = provenance.modelCardMaxSize().toBytes();
		for (AiTrustProperties.Agent agent : provenance.agents()) {
			AttachedModelCard attached = agent.modelCardData() == null || agent.modelCardData().isBlank()
					? null : ModelCardFiles.read(agent.modelCardData(), maxCardBytes);
			models.putIfAbsent(agent.id(), new AiModel(agent.modelName(), agent.modelVersion(), agent.manufacturer(),
					agent.modelCardUrl(), null, agent.aiKinds(), attached, agent.description()));
		}
		return models;
	}

	/** Sources that always keep their own metrics label: the registered agents' client ids and the configured sources. */
	static List<String> namedSources(AiTrustProperties properties) {
		List<String> sources = new ArrayList<>();
		properties.provenance().agents().forEach(agent -> sources.add(agent.id()));
		sources.addAll(properties.quality().sources());
		return sources;
	}

	/**
	 * AI models that always keep their own metrics label: each registered model as the module names it
	 * ({@code name|version}), and the Device the module maintains for it, which a client may name in
	 * {@code X-Provenance}.
	 */
	static List<String> namedModels(AiTrustProperties properties) {
		List<String> models = new ArrayList<>();
		agentModels(properties.provenance()).values().forEach(model -> {
			models.add(model.identifierValue());
			models.add(AiDeviceRegistry.deviceIdOf(model).getValue());
		});
		return models;
	}

	static ValidationPolicy validationPolicy(AiTrustProperties.Validation settings) {
		List<ValidationRule> rules = new ArrayList<>();
		for (AiTrustProperties.ValidationRuleProperties rule : settings.rules()) {
			rules.add(new ValidationRule(new HashSet<>(rule.resourceTypes()), new HashSet<>(rule.sources()),
					rule.mode() == null ? settings.mode() : rule.mode(), rule.requiredProfiles()));
		}
		return new ValidationPolicy(settings.mode(), rules, settings.rejectSeverity());
	}

	/** The tag as a Coding with this display, or {@code null} when none is set. */
	static Coding coding(TagCoding tag, String display) {
		return tag == null ? null : new Coding(tag.system(), tag.code(), display);
	}

	/**
	 * What {@code $aitrust-status} shows of the security settings, never a secret: whether SMART scopes are enforced,
	 * where tokens come from, the scopes that grant the module's roles, the agent header and how many trusted proxies
	 * may set it (a count: their addresses describe the network, which monitoring need not see).
	 */
	static Map<String, String> securityStatus(AiTrustProperties.Security security, AiTrustProperties.Identity identity) {
		Map<String, String> status = new LinkedHashMap<>();
		status.put("scopes-enforced", String.valueOf(security.enabled()));
		if (security.issuer() != null) {
			status.put("issuer", security.issuer());
		}
		if (security.tokenEndpoint() != null) {
			status.put("token-endpoint", security.tokenEndpoint());
		}
		ModuleScopes scopes = moduleScopes(security);
		status.put("admin-scope", scopes.admin());
		status.put("review-scope", scopes.review());
		status.put("reports-scope", scopes.reports());
		status.put("agent-header", identity.agentHeader());
		status.put("trusted-proxies", String.valueOf(identity.trustedProxies().size()));
		return status;
	}

	static ModuleScopes moduleScopes(AiTrustProperties.Security security) {
		return new ModuleScopes(security.adminScope(), security.reviewScope(), security.reportsScope());
	}

	static SmartConfiguration smartConfiguration(AiTrustProperties.Security security) {
		return new SmartConfiguration(security.issuer(), security.authorizationEndpoint(), security.tokenEndpoint(),
				security.jwksUri(), security.grantTypes(), security.capabilities(), moduleScopes(security));
	}

	/** Pinned baselines by model: first and last day. */
	static Map<String, LocalDate[]> pinnedBaselines(List<AiTrustProperties.PinnedBaseline> baselines) {
		Map<String, LocalDate[]> pinned = new HashMap<>();
		baselines.forEach(p -> pinned.put(p.model(), new LocalDate[] {p.start(), p.end()}));
		return pinned;
	}

	/** The package limits the validation capability takes, in bytes. */
	/** The test and minimum effect a change must pass to count: AI oversight's, shared by the quality trends. */
	static DriftPolicy driftPolicy(AiTrustProperties properties) {
		return new DriftPolicy(properties.oversight().significance(), properties.oversight().minimumEffect());
	}

	static TrendWindows trendWindows(AiTrustProperties properties) {
		AiTrustProperties.QualityTrend trend = properties.quality().trend();
		return new TrendWindows(trend.recentDays(), trend.baselineDays());
	}

	static IgPackageLimits packageLimits(AiTrustProperties.PackageLimits limits) {
		return new IgPackageLimits(limits.maxCompressedSize().toBytes(), limits.maxUncompressedSize().toBytes(),
				limits.maxEntries(), limits.maxStoredPackages());
	}

	/**
	 * The module's own AI Transparency package (its writes claim those profiles), then each configured location. A
	 * configured location that cannot be read or is not an R4 package stops start-up naming its property.
	 */
	static List<IgPackage> packagesToLoad(IgPackageLoader loader, List<String> locations) {
		List<IgPackage> packages = new ArrayList<>();
		try {
			packages.addAll(loader.load(AiTransparency.MODULE_PACKAGE_LOCATION));
		} catch (IllegalArgumentException e) {
			LoggerFactory.getLogger(PropertyMappings.class).warn("FHIR AI Trust validation: the AI Transparency package"
					+ " {} {}; AI-Provenance will be reported with an unknown profile",
					AiTransparency.MODULE_PACKAGE_LOCATION, e.getMessage());
		}
		List<InvalidAiTrustPropertyException.Violation> violations = new ArrayList<>();
		for (int i = 0; i < locations.size(); i++) {
			try {
				packages.addAll(loader.load(locations.get(i)));
			} catch (IllegalArgumentException e) {
				violations.add(new InvalidAiTrustPropertyException.Violation(
						"aitrust.validation.packages[" + i + "]", locations.get(i), e.getMessage()));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidAiTrustPropertyException(violations);
		}
		return packages;
	}
}
