package org.aitrust.interceptor.validation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packages the validator knows: those configured at start-up, those installed at run time (kept in the
 * database), and their dependencies where present. Adding a package clears the validation caches so the next
 * validation sees it; no restart is needed.
 *
 * <p>The rules that keep a package from poisoning validation, the same at an installation and when stored packages
 * are loaded at start-up:
 * <ul>
 *   <li>a package's name and version identify its content: one whose {@code name#version} is active already is
 *       accepted only when its content is identical (and then changes nothing);
 *   <li>a package may not redefine a canonical URL another active package defines, unless the installation asks
 *       to replace: then the installed packages that define those URLs are removed (from the validator and the
 *       store) and the new one takes their place. A configured package is never replaced at run time;
 *   <li>configured packages are loaded first, so a stored package never shadows one: a stored package that now
 *       breaks a rule or a limit is logged, naming it, and skipped, and the server starts;
 *   <li>at most {@link IgPackageLimits#maxStoredPackages()} packages are stored.
 * </ul>
 */
public class IgPackageRegistry {

	private static final Logger log = LoggerFactory.getLogger(IgPackageRegistry.class);

	/** Packages every R4 validator has built in; a dependency on them needs nothing loaded. */
	private static final Set<String> BUILT_IN = Set.of("hl7.fhir.r4.core");

	/** How many conflicting canonical URLs an answer or a log line names before it only counts the rest. */
	static final int URLS_NAMED = 10;

	private final IgPackageSupport support;
	private final IgPackageStore store;
	private final IgPackageLimits limits;
	private final Runnable invalidateCaches;
	private final Clock clock;
	/** The ids of the active packages that were installed at run time: the only ones a replacement may remove. */
	private final Set<String> installed = new HashSet<>();

	/** What an installation did: the active package, whether it was added, and the packages it replaced. */
	public record Installation(IgPackage pkg, boolean added, List<IgPackage> replaced) {}

	/**
	 * @param support where packages' conformance resources are served from
	 * @param store where run-time installations are kept
	 * @param limits how large a package may be and how many are stored
	 * @param invalidateCaches clears every cache of the validation chain and the validator
	 */
	public IgPackageRegistry(IgPackageSupport support, IgPackageStore store, IgPackageLimits limits,
			Runnable invalidateCaches, Clock clock) {
		this.support = support;
		this.store = store;
		this.limits = limits;
		this.invalidateCaches = invalidateCaches;
		this.clock = clock;
	}

	/** Where the packages' conformance resources are served from: the support to put in the validation chain. */
	IgPackageSupport support() {
		return support;
	}

	/**
	 * Adds the configured packages (in their order; where two define the same canonical, the first keeps it and the
	 * overlap is logged), then the stored ones, oldest first, skipping with a log line each one that breaks a rule
	 * or a limit.
	 */
	public synchronized void start(List<IgPackage> configured) {
		for (IgPackage pkg : configured) {
			IgPackage active = active(pkg.id());
			if (active != null) {
				if (active.contentDigest().equals(pkg.contentDigest())) {
					log.info("FHIR AI Trust validation: package {} from {} is already active (from {}); skipped",
							pkg.id(), pkg.origin(), active.origin());
				} else {
					log.warn("FHIR AI Trust validation: package {} from {} has other content than the package of that"
							+ " name and version active from {}; the one listed earlier in aitrust.validation.packages"
							+ " stays active", pkg.id(), pkg.origin(), active.origin());
				}
				continue;
			}
			Map<IgPackage, List<String>> overlap = support.definedElsewhere(pkg);
			if (!overlap.isEmpty()) {
				log.warn("FHIR AI Trust validation: configured package {} defines {}; the package listed earlier in"
						+ " aitrust.validation.packages keeps them", pkg.id(), describe(overlap));
			}
			addLogged(pkg);
		}
		for (IgPackageStore.Stored stored : store.loadAll()) {
			startStored(stored);
		}
		warnAboutMissingDependencies();
		invalidateCaches.run();
	}

	private void startStored(IgPackageStore.Stored stored) {
		String skipped = "FHIR AI Trust validation: stored package {} (installed at run time) is skipped: {}";
		if (installed.size() >= limits.maxStoredPackages()) {
			log.warn(skipped, stored.id(), "already " + installed.size() + " stored packages are loaded, the most "
					+ IgPackageLimits.PROPERTIES + "max-stored-packages allows");
			return;
		}
		IgPackage pkg;
		try {
			pkg = IgPackageLoader.read(stored.content(), IgPackage.INSTALLED_AT_RUN_TIME, limits);
		} catch (IllegalArgumentException e) {
			log.warn(skipped, stored.id(), "it " + e.getMessage());
			return;
		}
		IgPackage active = active(pkg.id());
		if (active != null) {
			if (active.contentDigest().equals(pkg.contentDigest())) {
				log.info(skipped, pkg.id(), "the same package is active from " + active.origin());
			} else {
				log.warn(skipped, pkg.id(), "a package of that name and version with other content is active from "
						+ active.origin() + ", and stays so");
			}
			return;
		}
		Map<IgPackage, List<String>> conflicts = support.definedElsewhere(pkg);
		if (!conflicts.isEmpty()) {
			log.warn(skipped, pkg.id(), "it redefines " + describe(conflicts));
			return;
		}
		addLogged(pkg);
		installed.add(pkg.id());
	}

	/**
	 * Installs a package while the server runs, and keeps it for later starts and other nodes.
	 *
	 * @param replace whether the package may replace the installed packages that define canonical URLs it defines
	 * @return the installation; not {@link Installation#added()} when the identical package is already active
	 * @throws IgPackageTooLargeException when the package exceeds a limit (nothing was parsed)
	 * @throws IllegalArgumentException when the bytes are not an R4 FHIR NPM package
	 * @throws IgPackageConflictException when its name and version are active with other content, it redefines
	 *     canonicals of active packages (without replace, or of a configured package), or the store is full
	 */
	public synchronized Installation install(byte[] tgz, boolean replace) {
		IgPackage pkg = IgPackageLoader.read(tgz, IgPackage.INSTALLED_AT_RUN_TIME, limits);
		IgPackage active = active(pkg.id());
		if (active != null) {
			if (active.contentDigest().equals(pkg.contentDigest())) {
				return new Installation(active, false, List.of());
			}
			throw new IgPackageConflictException(IgPackageConflictException.Reason.SAME_ID_OTHER_CONTENT,
					"Package " + pkg.id() + " is already active (" + active.origin()
					+ ") with other content. A package's name and version identify its content: give the changed"
					+ " package a new version.");
		}
		Map<IgPackage, List<String>> conflicts = support.definedElsewhere(pkg);
		if (!conflicts.isEmpty()) {
			if (!replace) {
				throw new IgPackageConflictException(IgPackageConflictException.Reason.CANONICAL_DEFINED_ELSEWHERE,
						"Package " + pkg.id() + " redefines " + describe(conflicts)
						+ ". Install it with replace=true to replace the installed package(s) that define them.");
			}
			List<String> configured = conflicts.keySet().stream().map(IgPackage::id)
					.filter(id -> !installed.contains(id)).toList();
			if (!configured.isEmpty()) {
				throw new IgPackageConflictException(IgPackageConflictException.Reason.CANONICAL_DEFINED_ELSEWHERE,
						"Package " + pkg.id() + " redefines " + describe(conflicts)
						+ ". " + String.join(", ", configured) + " is configured (aitrust.validation.packages);"
						+ " configured packages are changed in the configuration, not replaced at run time.");
			}
		}
		List<IgPackage> replaced = List.copyOf(conflicts.keySet());
		Set<String> storedIds = store.ids();
		storedIds.removeAll(replaced.stream().map(IgPackage::id).toList());
		storedIds.add(pkg.id());
		if (storedIds.size() > limits.maxStoredPackages()) {
			throw new IgPackageConflictException(IgPackageConflictException.Reason.STORE_FULL,
					"Package " + pkg.id() + " would be stored package number "
					+ storedIds.size() + ", more than the " + limits.maxStoredPackages() + " allowed ("
					+ IgPackageLimits.PROPERTIES + "max-stored-packages).");
		}
		store.save(pkg, tgz, clock.instant(), replaced);
		for (IgPackage old : replaced) {
			support.remove(old);
			installed.remove(old.id());
			log.info("FHIR AI Trust validation: package {} replaced by {}", old.id(), pkg.id());
		}
		addLogged(pkg);
		installed.add(pkg.id());
		warnAboutMissingDependencies();
		invalidateCaches.run();
		return new Installation(pkg, true, replaced);
	}

	public List<IgPackage> packages() {
		return support.packages();
	}

	public List<String> profileUrls(IgPackage pkg) {
		return support.profileUrls(pkg);
	}

	private IgPackage active(String packageId) {
		return support.packages().stream().filter(p -> p.id().equals(packageId)).findFirst().orElse(null);
	}

	/** "3 canonical URLs active packages define: url (defined by pkg), ..., and 2 more", the first few named. */
	static String describe(Map<IgPackage, List<String>> conflicts) {
		List<String> named = new ArrayList<>();
		int total = 0;
		for (Map.Entry<IgPackage, List<String>> entry : conflicts.entrySet()) {
			for (String url : entry.getValue()) {
				total++;
				if (named.size() < URLS_NAMED) {
					named.add(url + " (defined by " + entry.getKey().id() + ")");
				}
			}
		}
		return total + " canonical URL" + (total == 1 ? "" : "s") + " that active packages define: "
				+ String.join(", ", named) + (total > named.size() ? ", and " + (total - named.size()) + " more" : "");
	}

	private void addLogged(IgPackage pkg) {
		int canonicals = support.add(pkg);
		log.info("FHIR AI Trust validation: package {} active ({} conformance resources, {} profiles) from {}",
				pkg.id(), canonicals, support.profileUrls(pkg).size(), pkg.origin());
	}

	private void warnAboutMissingDependencies() {
		Set<String> active = support.packages().stream().map(IgPackage::name).collect(Collectors.toSet());
		for (IgPackage pkg : support.packages()) {
			for (String dependency : pkg.dependencies()) {
				String name = dependency.contains("#") ? dependency.substring(0, dependency.indexOf('#')) : dependency;
				if (!BUILT_IN.contains(name) && !active.contains(name)) {
					log.warn("FHIR AI Trust validation: package {} depends on {}, which is not loaded; profiles,"
							+ " extensions and value sets from it will be reported as unknown. Add it to"
							+ " aitrust.validation.packages.", pkg.id(), dependency);
				}
			}
		}
	}
}
