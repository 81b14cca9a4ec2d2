package org.aitrust.interceptor.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * Serves the conformance resources of loaded FHIR NPM packages to HAPI's validation chain. Resources are
 * indexed by canonical URL when a package is added and parsed only when first asked for, so loading a large
 * terminology package costs an index, not thousands of parses; each parsed resource is kept. When two packages
 * define the same canonical, the one added first wins, as with the order of {@code aitrust.validation.packages}.
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

	/** Adds a package's conformance resources; returns how many canonicals it contributed. */
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
