package org.aitrust.interceptor.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * Serves the conformance resources of loaded FHIR NPM packages to HAPI's validation chain. Resources are
 * indexed by canonical URL when a package is added and parsed only when first asked for, so loading a large
 * terminology package costs an index, not thousands of parses; each parsed resource is kept. Which package may
 * define a canonical is decided before a package is added ({@link IgPackageRegistry}: a package installed at run time
 * may not redefine one another active package defines); only among the configured packages can two define the
 * same canonical, and then the one added first keeps it, as with the order of {@code aitrust.validation.packages}.
 */
public class IgPackageSupport implements IValidationSupport {

	/**
	 * The resource types a validator asks for by canonical URL: what a package contributes, and what, stored on the
	 * server, empties the validation caches when it changes ({@link ConformanceCacheInvalidator}).
	 */
	static final Set<String> CONFORMANCE_TYPES = Set.of("StructureDefinition", "ValueSet", "CodeSystem",
			"Questionnaire", "ConceptMap", "NamingSystem", "SearchParameter", "ImplementationGuide", "Library",
			"OperationDefinition", "CapabilityStatement");

	private final FhirContext fhirContext;
	private final List<IgPackage> packages = new CopyOnWriteArrayList<>();
	private final Map<String, Indexed> byCanonical = new ConcurrentHashMap<>();
	private final Map<Indexed, IBaseResource> parsed = new ConcurrentHashMap<>();

	private record Indexed(IgPackage pkg, NpmPackage.PackageResourceInformation info, String resourceType, String url) {}

	public IgPackageSupport(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/**
	 * Adds a package's conformance resources; returns how many canonicals it contributed. A canonical already served
	 * keeps its definition: the registry has refused, or logged, the package's overlap with active ones
	 * ({@link #definedElsewhere}) before adding it, and within one package the first definition is kept.
	 */
	public int add(IgPackage pkg) {
		int added = 0;
		try {
			for (NpmPackage.PackageResourceInformation info : pkg.npm().listIndexedResources(CONFORMANCE_TYPES)) {
				if (info.getUrl() == null || info.getUrl().isBlank()) {
					continue;
				}
				Indexed indexed = new Indexed(pkg, info, info.getResourceType(), info.getUrl());
				if (byCanonical.putIfAbsent(info.getUrl(), indexed) == null) {
					added++;
				}
				if (info.getVersion() != null) {
					byCanonical.putIfAbsent(info.getUrl() + "|" + info.getVersion(), indexed);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot index package " + pkg.id(), e);
		}
		packages.add(pkg);
		return added;
	}

	/**
	 * The canonical URLs (without version) the candidate defines that active packages define already, by the package
	 * that defines them, each list sorted; empty when there is none.
	 */
	public Map<IgPackage, List<String>> definedElsewhere(IgPackage candidate) {
		Map<IgPackage, Set<String>> found = new LinkedHashMap<>();
		for (String url : canonicalUrls(candidate)) {
			Indexed owner = byCanonical.get(url);
			if (owner != null && owner.pkg() != candidate) {
				found.computeIfAbsent(owner.pkg(), p -> new TreeSet<>()).add(url);
			}
		}
		Map<IgPackage, List<String>> result = new LinkedHashMap<>();
		found.forEach((pkg, urls) -> result.put(pkg, List.copyOf(urls)));
		return result;
	}

	/**
	 * Takes a package out: its canonicals and the resources parsed from it are no longer served. Only a package that
	 * shares no canonical with another is removed this way (a run-time installation), so no other package's
	 * definition needs to come back in its place.
	 */
	public void remove(IgPackage pkg) {
		byCanonical.values().removeIf(indexed -> indexed.pkg() == pkg);
		parsed.keySet().removeIf(indexed -> indexed.pkg() == pkg);
		packages.remove(pkg);
	}

	private static Set<String> canonicalUrls(IgPackage pkg) {
		Set<String> urls = new TreeSet<>();
		try {
			for (NpmPackage.PackageResourceInformation info : pkg.npm().listIndexedResources(CONFORMANCE_TYPES)) {
				if (info.getUrl() != null && !info.getUrl().isBlank()) {
					urls.add(Canonicals.withoutVersion(info.getUrl()));
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot index package " + pkg.id(), e);
		}
		return urls;
	}

	public List<IgPackage> packages() {
		return Collections.unmodifiableList(packages);
	}

	public boolean contains(String packageId) {
		return packages.stream().anyMatch(p -> p.id().equals(packageId));
	}

	/** The canonical URLs of the StructureDefinitions that constrain a resource type (profiles, not extensions). */
	public List<String> profileUrls(IgPackage pkg) {
		List<String> urls = new ArrayList<>();
		byCanonical.forEach((key, indexed) -> {
			if (indexed.pkg() == pkg && key.equals(indexed.url()) && "StructureDefinition".equals(indexed.resourceType())) {
				urls.add(key);
			}
		});
		Collections.sort(urls);
		return urls;
	}

	@Override
	public FhirContext getFhirContext() {
		return fhirContext;
	}

	@Override
	public String getName() {
		return "FHIR AI Trust: loaded IG packages";
	}

	@Override
	public IBaseResource fetchStructureDefinition(String url) {
		return fetch(url, "StructureDefinition");
	}

	@Override
	public IBaseResource fetchValueSet(String url) {
		return fetch(url, "ValueSet");
	}

	@Override
	public IBaseResource fetchCodeSystem(String system) {
		return fetch(system, "CodeSystem");
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends IBaseResource> T fetchResource(Class<T> type, String url) {
		if (type == null || url == null) {
			return null;
		}
		String typeName = IBaseResource.class.equals(type) ? null : fhirContext.getResourceType(type);
		IBaseResource resource = fetch(url, typeName);
		return type.isInstance(resource) ? (T) resource : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
		return (List<T>) fetchAll(Set.of("StructureDefinition"));
	}

	@Override
	public List<IBaseResource> fetchAllConformanceResources() {
		return fetchAll(CONFORMANCE_TYPES);
	}

	private List<IBaseResource> fetchAll(Set<String> types) {
		List<IBaseResource> all = new ArrayList<>();
		byCanonical.forEach((key, indexed) -> {
			if (key.equals(indexed.url()) && types.contains(indexed.resourceType())) {
				all.add(parse(indexed));
			}
		});
		return all;
	}

	private IBaseResource fetch(String url, String resourceType) {
		if (url == null) {
			return null;
		}
		Indexed indexed = byCanonical.get(url);
		if (indexed == null) {
			indexed = byCanonical.get(Canonicals.withoutVersion(url));
		}
		if (indexed == null || (resourceType != null && !resourceType.equals(indexed.resourceType()))) {
			return null;
		}
		return parse(indexed);
	}

	private IBaseResource parse(Indexed indexed) {
		return parsed.computeIfAbsent(indexed, i -> {
			try (InputStream in = i.pkg().npm().load(i.info())) {
				IParser parser = fhirContext.newJsonParser();
				return parser.parseResource(in);
			} catch (IOException e) {
				throw new UncheckedIOException("Cannot read " + i.info().getFilename() + " from package " + i.pkg().id(), e);
			}
		});
	}
}
