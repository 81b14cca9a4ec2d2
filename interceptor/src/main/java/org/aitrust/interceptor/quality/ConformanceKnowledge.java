package org.aitrust.interceptor.quality;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.aitrust.interceptor.validation.Canonicals;
import org.aitrust.interceptor.validation.ConformanceCacheScope;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Which profiles and code systems the server's validation chain knows, and what its profiles mark must-support.
 * Answers are remembered, misses included, and refreshed in the background once they are a minute old: a write asks
 * the chain only the first time a URL is seen and never waits while an answer is refreshed. (Asking again on the
 * write path every minute stalled writes: one such question made HAPI parse its whole bundle of built-in code
 * systems while every write asking about the same URL waited.) Storing a conformance resource on this server drops
 * the answers it can change ({@link #forget}); one that becomes known otherwise, such as a package installed through
 * another node, counts from the refresh after its answer is a minute old. A known profile is fetched once for both
 * questions: whether it is known, and its must-support paths. Caches are bounded, so random URLs from a client
 * cannot grow them.
 */
public class ConformanceKnowledge {

	/** Age after which an answer is refreshed in the background. */
	static final Duration FRESHNESS = Duration.ofMinutes(1);
	private static final int MAX_URLS = 10_000;

	/** Must-support paths of profiles, by versionless canonical URL; empty for a profile the server does not know. */
	private final LoadingCache<String, Optional<List<String>>> knownProfiles;
	private final LoadingCache<String, Boolean> knownCodeSystems;

	public ConformanceKnowledge(IValidationSupport validationSupport) {
		this(validationSupport, Ticker.systemTicker(), ForkJoinPool.commonPool());
	}

	/**
	 * @param ticker the clock that ages answers
	 * @param refreshes runs the background refreshes
	 */
	ConformanceKnowledge(IValidationSupport validationSupport, Ticker ticker, Executor refreshes) {
		this.knownProfiles = answers(ticker, refreshes, url -> Optional.ofNullable(mustSupportPathsOf(validationSupport, url)));
		this.knownCodeSystems = answers(ticker, refreshes, url ->
				validationSupport.isCodeSystemSupported(new ValidationSupportContext(validationSupport), url));
	}

	private static <V> LoadingCache<String, V> answers(
			Ticker ticker, Executor refreshes, CacheLoader<String, V> loader) {
		return Caffeine.newBuilder().maximumSize(MAX_URLS).refreshAfterWrite(FRESHNESS).ticker(ticker)
				.executor(refreshes).build(loader);
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
	 * Whether the server has content for the code system. Answers, known or not, are kept: LOINC on a server without
	 * LOINC is asked about by nearly every observation, and asking the chain each time would put a lookup on every
	 * write.
	 */
	public boolean codeSystemKnown(String system) {
		return knownCodeSystems.get(Canonicals.withoutVersion(system));
	}

	/**
	 * The profile's must-support paths when the server knows it, else {@code null}. Unknown answers are kept too: a
	 * client that claims a profile the server lacks claims it on every write, and each would otherwise search the
	 * chain again. {@link #forget} drops every answer when a conformance resource is stored.
	 */
	private List<String> knownProfile(String canonicalUrl) {
		return knownProfiles.get(Canonicals.withoutVersion(canonicalUrl)).orElse(null);
	}

	/**
	 * Forgets the answers a stored conformance resource can change, so it counts from now on: which code systems are
	 * known after a terminology resource; every answer, profiles and their must-support paths included, otherwise.
	 */
	public void forget(ConformanceCacheScope scope) {
		knownCodeSystems.invalidateAll();
		if (scope == ConformanceCacheScope.EVERYTHING) {
			knownProfiles.invalidateAll();
		}
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
