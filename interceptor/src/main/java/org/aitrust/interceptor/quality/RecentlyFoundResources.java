package org.aitrust.interceptor.quality;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Resources that checks recently found on the server, by versionless reference, so that the thousandth observation
 * of one patient does not read that patient again. Only found resources are kept (a missing one may be created any
 * moment), for at most a minute and a bounded number: a reference check can therefore trust a resource deleted less
 * than a minute ago, which the metrics accept in exchange for not adding a read to every write.
 */
public class RecentlyFoundResources {

	private final Cache<String, IBaseResource> found;

	public RecentlyFoundResources(int maximumSize, Duration freshness) {
		this.found = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(freshness).build();
	}

	Optional<IBaseResource> get(String reference) {
		return Optional.ofNullable(found.getIfPresent(reference));
	}

	void put(String reference, IBaseResource resource) {
		found.put(reference, resource);
	}
}
