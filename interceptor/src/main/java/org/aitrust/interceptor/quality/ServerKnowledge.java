package org.aitrust.interceptor.quality;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Which profiles and code systems the server's validation chain knows, and what its profiles mark must-support,
 * asked once a minute at most per URL.
 * The answers can change at run time (a StructureDefinition PUT to the server, a package installed), hence the
 * short expiry; the caches are bounded so random URLs from a client cannot grow them without limit.
 */
public class ServerKnowledge {

	private static final Duration FRESHNESS = Duration.ofMinutes(1);
	private static final int MAX_URLS = 10_000;

	private final LoadingCache<String, Boolean> profiles;
	private final LoadingCache<String, Boolean> codeSystems;
	private final LoadingCache<String, List<String>> mustSupport;

	public ServerKnowledge(IValidationSupport validationSupport) {
		this.profiles = Caffeine.newBuilder().maximumSize(MAX_URLS).expireAfterWrite(FRESHNESS)
				.build(url -> validationSupport.fetchStructureDefinition(url) != null);
		this.codeSystems = Caffeine.newBuilder().maximumSize(MAX_URLS).expireAfterWrite(FRESHNESS)
				.build(system -> validationSupport.isCodeSystemSupported(new ValidationSupportContext(validationSupport), system));
		this.mustSupport = Caffeine.newBuilder().maximumSize(MAX_URLS).expireAfterWrite(FRESHNESS)
				.build(url -> mustSupportPathsOf(validationSupport, url));
	}

	/** Must-support element paths of a known profile, from its snapshot (generated if it only has a differential). */
	public List<String> mustSupportPaths(String canonicalUrl) {
		return mustSupport.get(withoutVersion(canonicalUrl));
	}

	private static List<String> mustSupportPathsOf(IValidationSupport validationSupport, String url) {
		IBaseResource fetched = validationSupport.fetchStructureDefinition(url);
		if (!(fetched instanceof StructureDefinition profile)) {
			return List.of();
		}
		if (!profile.hasSnapshot()) {
			IBaseResource generated = validationSupport.generateSnapshot(
					new ValidationSupportContext(validationSupport), profile.copy(), url, null, profile.getName());
			if (!(generated instanceof StructureDefinition withSnapshot) || !withSnapshot.hasSnapshot()) {
				return List.of();
			}
			profile = withSnapshot;
		}
		Set<String> paths = new LinkedHashSet<>();
		for (ElementDefinition element : profile.getSnapshot().getElement()) {
			if (element.getMustSupport() && element.getPath().contains(".")) {
				paths.add(element.getPath());
			}
		}
		return List.copyOf(paths);
	}

	public boolean profileKnown(String canonicalUrl) {
		return profiles.get(withoutVersion(canonicalUrl));
	}

	public boolean codeSystemKnown(String system) {
		return codeSystems.get(withoutVersion(system));
	}

	private static String withoutVersion(String canonical) {
		int bar = canonical.indexOf('|');
		return bar < 0 ? canonical : canonical.substring(0, bar);
	}
}
