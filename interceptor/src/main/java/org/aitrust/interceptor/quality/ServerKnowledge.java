package org.aitrust.interceptor.quality;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Cache;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aitrust.interceptor.validation.Canonicals;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Which profiles and code systems the server's validation chain knows, and what its profiles mark must-support.
 * Only what the server knows is remembered, for a minute at most: a profile or code system it does not know is
 * asked about again on the next write, so one stored or installed a moment ago counts at once (HAPI's own chain
 * remembering such misses is the very fault the validation issue describes). A known profile is fetched once for
 * both questions: whether it is known, and its must-support paths. Caches are bounded, so random URLs from a
 * client cannot grow them.
 */
public class ServerKnowledge {

	private static final Duration FRESHNESS = Duration.ofMinutes(1);
	private static final int MAX_URLS = 10_000;

	private final IValidationSupport validationSupport;
	/** Must-support paths of profiles, by versionless canonical URL; empty for a profile the server does not know. */
	private final Cache<String, Optional<List<String>>> knownProfiles;
	private final Cache<String, Boolean> knownCodeSystems;

	public ServerKnowledge(IValidationSupport validationSupport) {
		this.validationSupport = validationSupport;
		this.knownProfiles = Caffeine.newBuilder().maximumSize(MAX_URLS).expireAfterWrite(FRESHNESS).build();
		this.knownCodeSystems = Caffeine.newBuilder().maximumSize(MAX_URLS).expireAfterWrite(FRESHNESS).build();
	}

	public boolean profileKnown(String canonicalUrl) {
		return knownProfile(canonicalUrl) != null;
	}

	/** Must-support element paths of a known profile, from its snapshot (generated if it only has a differential). */
	public List<String> mustSupportPaths(String canonicalUrl) {
		List<String> paths = knownProfile(canonicalUrl);
		return paths == null ? List.of() : paths;
	}

	/**
	 * Whether the server has content for the code system. Answers, known or not, are kept for a minute: LOINC on a
	 * server without LOINC is asked about by nearly every observation, and asking the chain each time would put a
	 * lookup on every write. A code system loaded since is therefore counted as unknown for up to a minute.
	 */
	public boolean codeSystemKnown(String system) {
		return knownCodeSystems.get(Canonicals.withoutVersion(system), url ->
				validationSupport.isCodeSystemSupported(new ValidationSupportContext(validationSupport), url));
	}

	/**
	 * The profile's must-support paths when the server knows it, else {@code null}. Unknown answers are kept too: a
	 * client that claims a profile the server lacks claims it on every write, and each would otherwise search the
	 * chain again. {@link #forget} drops every answer when a conformance resource is stored.
	 */
	private List<String> knownProfile(String canonicalUrl) {
		return knownProfiles.get(Canonicals.withoutVersion(canonicalUrl),
				url -> Optional.ofNullable(mustSupportPathsOf(validationSupport, url))).orElse(null);
	}

	/** Forgets every answer, so a profile or code system stored since counts from now on. */
	public void forget() {
		knownProfiles.invalidateAll();
		knownCodeSystems.invalidateAll();
	}

	/** Must-support paths of the profile, or {@code null} when the server does not know it. */
	private static List<String> mustSupportPathsOf(IValidationSupport validationSupport, String url) {
		IBaseResource fetched;
		try {
			fetched = validationSupport.fetchStructureDefinition(url);
		} catch (RuntimeException | StackOverflowError e) {
			// A stored profile the chain cannot process (one based on itself) is as good as unknown.
			return null;
		}
		if (!(fetched instanceof StructureDefinition profile)) {
			return null;
		}
		if (!profile.hasSnapshot()) {
			IBaseResource generated;
			try {
				generated = validationSupport.generateSnapshot(
						new ValidationSupportContext(validationSupport), profile.copy(), url, null, profile.getName());
			} catch (RuntimeException | StackOverflowError e) {
				return List.of();
			}
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
}
