package org.aitrust.interceptor.validation;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packages the validator knows: those configured at start-up, those installed at run time (kept in the
 * database), and their dependencies where present. Adding a package clears the validation caches so the next
 * validation sees it; no restart is needed.
 */
public class IgPackageRegistry {

	private static final Logger log = LoggerFactory.getLogger(IgPackageRegistry.class);

	/** Packages every R4 validator has built in; a dependency on them needs nothing loaded. */
	private static final Set<String> BUILT_IN = Set.of("hl7.fhir.r4.core");

	private final IgPackageSupport support;
	private final IgPackageStore store;
	private final Runnable invalidateCaches;
	private final Clock clock;

	/**
	 * @param support where packages' conformance resources are served from
	 * @param store where run-time installations are kept
	 * @param invalidateCaches clears every cache of the validation chain and the validator
	 */
	public IgPackageRegistry(IgPackageSupport support, IgPackageStore store, Runnable invalidateCaches, Clock clock) {
		this.support = support;
		this.store = store;
		this.invalidateCaches = invalidateCaches;
		this.clock = clock;
	}

	/** Where the packages' conformance resources are served from: the support to put in the validation chain. */
	IgPackageSupport support() {
		return support;
	}

	/** Adds the configured packages, then those installed at run time earlier; logs what is active. */
	public void start(List<IgPackage> configured) {
		configured.forEach(this::addLogged);
		for (byte[] stored : store.loadAll()) {
			IgPackage pkg = IgPackageLoader.read(stored, "installed at run time");
			if (!support.contains(pkg.id())) {
				addLogged(pkg);
			}
		}
		warnAboutMissingDependencies();
		invalidateCaches.run();
	}

	/**
	 * Installs a package while the server runs, and keeps it for later starts and other nodes.
	 *
	 * @return {@code false} when a package of that name and version is already active (nothing changes)
	 * @throws IllegalArgumentException when the bytes are not an R4 FHIR NPM package
	 */
	public synchronized boolean install(byte[] tgz) {
		IgPackage pkg = IgPackageLoader.read(tgz, "installed at run time");
		if (support.contains(pkg.id())) {
			return false;
		}
		store.save(pkg, tgz, clock.instant());
		addLogged(pkg);
		warnAboutMissingDependencies();
		invalidateCaches.run();
		return true;
	}

	public List<IgPackage> packages() {
		return support.packages();
	}

	public List<String> profileUrls(IgPackage pkg) {
		return support.profileUrls(pkg);
	}

	private void addLogged(IgPackage pkg) {
		if (support.contains(pkg.id())) {
			log.info("FHIR AI Trust validation: package {} from {} is already active; skipped", pkg.id(), pkg.origin());
			return;
		}
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
