package org.aitrust.interceptor.quality;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;

/**
 * Which profiles and code systems the server's validation chain knows, asked once a minute at most per URL.
 * The answers can change at run time (a StructureDefinition PUT to the server, a package installed), hence the
 * short expiry; the caches are bounded so random URLs from a client cannot grow them without limit.
 */
public class ServerKnowledge {

	private static final Duration FRESHNESS = Duration.ofMinutes(1);
	private static final int MAX_URLS = 10_000;

	private final LoadingCache<String, Boolean> profiles;
	private final LoadingCache<String, Boolean> codeSystems;

	public ServerKnowledge(IValidationSupport validationSupport) {
		this.profiles = Caffeine.newBuilder().maximumSize(MAX_URLS).expireAfterWrite(FRESHNESS)
				.build(url -> validationSupport.fetchStructureDefinition(url) != null);
		this.codeSystems = Caffeine.newBuilder().maximumSize(MAX_URLS).expireAfterWrite(FRESHNESS)
				.build(system -> validationSupport.isCodeSystemSupported(new ValidationSupportContext(validationSupport), system));
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
