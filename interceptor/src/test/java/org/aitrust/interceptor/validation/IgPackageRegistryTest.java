package org.aitrust.interceptor.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.aitrust.interceptor.store.ModuleSchema;
import org.aitrust.testsupport.NpmPackages;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The rules that keep a package from poisoning validation, on a real store (H2): identical reinstall is a no-op,
 * a name and version with other content is refused, a redefined canonical is refused unless replacing, the store is
 * capped, and at start-up configured packages win while a stored package that breaks a rule is skipped.
 */
class IgPackageRegistryTest {

	private static final String PATIENT = "http://example.org/fhir/StructureDefinition/patient";
	private static final IgPackageLimits LIMITS = IgPackageLoaderTest.LIMITS;

	private DataSource dataSource;
	private IgPackageStore store;
	private final AtomicInteger invalidations = new AtomicInteger();

	@BeforeEach
	void emptyDatabase() {
		dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		new ModuleSchema(dataSource).migrate();
		store = new IgPackageStore(dataSource);
	}

	@Test
	void theIdenticalPackageAgainChangesNothing() {
		IgPackageRegistry registry = started(LIMITS);
		byte[] pkg = profilePackage("example.ig", "1.0.0", PATIENT, "first");
		assertThat(registry.install(pkg, false).added()).isTrue();
		int invalidated = invalidations.get();

		IgPackageRegistry.Installation again = registry.install(pkg, false);

		assertThat(again.added()).isFalse();
		assertThat(again.pkg().id()).isEqualTo("example.ig#1.0.0");
		assertThat(store.ids()).containsExactly("example.ig#1.0.0");
		assertThat(invalidations.get()).as("caches untouched").isEqualTo(invalidated);
	}

	@Test
	void aNameAndVersionActiveWithOtherContentIsRefusedNamingThePackage() {
		IgPackageRegistry registry = started(LIMITS);
		registry.install(profilePackage("example.ig", "1.0.0", PATIENT, "first"), false);

		assertThatThrownBy(() -> registry.install(profilePackage("example.ig", "1.0.0", PATIENT, "squatter"), true))
				.isInstanceOfSatisfying(IgPackageConflictException.class, e -> assertThat(e.reason())
						.isEqualTo(IgPackageConflictException.Reason.SAME_ID_OTHER_CONTENT))
				.hasMessageContaining("example.ig#1.0.0 is already active");
		assertThat(profileTitle(registry, PATIENT)).isEqualTo("first");
	}

	@Test
	void aPackageRedefiningACanonicalIsRefusedNamingTheUrlsAndNothingIsStored() {
		IgPackageRegistry registry = started(LIMITS);
		registry.install(profilePackage("example.ig", "1.0.0", PATIENT, "first"), false);

		assertThatThrownBy(() -> registry.install(profilePackage("other.ig", "1.0.0", PATIENT, "poison"), false))
				.isInstanceOfSatisfying(IgPackageConflictException.class, e -> assertThat(e.reason())
						.isEqualTo(IgPackageConflictException.Reason.CANONICAL_DEFINED_ELSEWHERE))
				.hasMessageContaining(PATIENT + " (defined by example.ig#1.0.0)")
				.hasMessageContaining("replace=true");
		assertThat(registry.packages()).extracting(IgPackage::id).doesNotContain("other.ig#1.0.0");
		assertThat(store.ids()).containsExactly("example.ig#1.0.0");
		assertThat(profileTitle(registry, PATIENT)).isEqualTo("first");
	}

	@Test
	void replaceRemovesTheInstalledPackagesThatDefinedTheUrls() {
		IgPackageRegistry registry = started(LIMITS);
		registry.install(profilePackage("example.ig", "1.0.0", PATIENT, "first"), false);

		IgPackageRegistry.Installation upgrade = registry.install(profilePackage("example.ig", "1.1.0", PATIENT, "second"), true);

		assertThat(upgrade.added()).isTrue();
		assertThat(upgrade.replaced()).extracting(IgPackage::id).containsExactly("example.ig#1.0.0");
		assertThat(registry.packages()).extracting(IgPackage::id).contains("example.ig#1.1.0").doesNotContain("example.ig#1.0.0");
		assertThat(store.ids()).containsExactly("example.ig#1.1.0");
		assertThat(profileTitle(registry, PATIENT)).isEqualTo("second");
	}

	@Test
	void aConfiguredPackageIsNeverReplacedAtRunTime() {
		IgPackageRegistry registry = registry(LIMITS);
		registry.start(List.of(read(profilePackage("configured.ig", "1.0.0", PATIENT, "configured"), "/etc/ig.tgz")));

		assertThatThrownBy(() -> registry.install(profilePackage("other.ig", "1.0.0", PATIENT, "poison"), true))
				.isInstanceOf(IgPackageConflictException.class)
				.hasMessageContaining("configured.ig#1.0.0 is configured");
		assertThat(store.ids()).isEmpty();
		assertThat(profileTitle(registry, PATIENT)).isEqualTo("configured");
	}

	@Test
	void theStoreHoldsAtMostTheCap() {
		IgPackageRegistry registry = started(new IgPackageLimits(50L << 20, 200L << 20, 20_000, 2));
		registry.install(profilePackage("a.ig", "1.0.0", PATIENT + "-a", "a"), false);
		registry.install(profilePackage("b.ig", "1.0.0", PATIENT + "-b", "b"), false);

		assertThatThrownBy(() -> registry.install(profilePackage("c.ig", "1.0.0", PATIENT + "-c", "c"), false))
				.isInstanceOfSatisfying(IgPackageConflictException.class, e -> assertThat(e.reason())
						.isEqualTo(IgPackageConflictException.Reason.STORE_FULL))
				.hasMessageContaining("max-stored-packages");
		assertThat(store.ids()).containsExactlyInAnyOrder("a.ig#1.0.0", "b.ig#1.0.0");
		assertThat(registry.install(profilePackage("b.ig", "2.0.0", PATIENT + "-b", "b2"), true).added())
				.as("a replacement does not grow the store").isTrue();
	}

	@Test
	void atStartConfiguredPackagesWinAndStoredOnesThatBreakARuleAreSkipped() {
		IgPackageRegistry earlier = started(LIMITS);
		earlier.install(profilePackage("hl7.fhir.us.core", "6.1.0", PATIENT, "squatter"), false);
		earlier.install(profilePackage("poison.ig", "1.0.0", PATIENT + "-configured", "poison"), false);
		earlier.install(NpmPackages.of("large.ig", "1.0.0", Map.of("a.json", "{\"padding\":\"" + "x".repeat(4096) + "\"}")), false);
		earlier.install(profilePackage("fine.ig", "1.0.0", PATIENT + "-fine", "fine"), false);

		IgPackageRegistry restarted = registry(new IgPackageLimits(50L << 20, 4096, 20_000, 50));
		restarted.start(List.of(
				read(profilePackage("hl7.fhir.us.core", "6.1.0", PATIENT, "configured"), "/etc/us-core.tgz"),
				read(profilePackage("configured.ig", "1.0.0", PATIENT + "-configured", "configured"), "/etc/ig.tgz")));

		assertThat(restarted.packages()).extracting(IgPackage::id, IgPackage::origin).containsExactly(
				org.assertj.core.groups.Tuple.tuple("hl7.fhir.us.core#6.1.0", "/etc/us-core.tgz"),
				org.assertj.core.groups.Tuple.tuple("configured.ig#1.0.0", "/etc/ig.tgz"),
				org.assertj.core.groups.Tuple.tuple("fine.ig#1.0.0", IgPackage.INSTALLED_AT_RUN_TIME));
		assertThat(profileTitle(restarted, PATIENT)).isEqualTo("configured");
		assertThat(profileTitle(restarted, PATIENT + "-configured")).isEqualTo("configured");
		assertThat(store.ids()).as("skipped, not deleted: the administrator decides").hasSize(4);
	}

	@Test
	void aConflictNamesTheFirstUrlsAndCountsTheRest() {
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < IgPackageRegistry.URLS_NAMED + 2; i++) {
			urls.add("http://example.org/fhir/ValueSet/" + (char) ('a' + i));
		}
		Map<IgPackage, List<String>> conflicts = new LinkedHashMap<>();
		conflicts.put(read(profilePackage("example.ig", "1.0.0", PATIENT, "x"), "/etc/ig.tgz"), urls);

		assertThat(IgPackageRegistry.describe(conflicts))
				.startsWith("12 canonical URLs that active packages define: http://example.org/fhir/ValueSet/a (defined by example.ig#1.0.0)")
				.contains("http://example.org/fhir/ValueSet/j")
				.doesNotContain("ValueSet/k")
				.endsWith(", and 2 more");
	}

	private IgPackageRegistry started(IgPackageLimits limits) {
		IgPackageRegistry registry = registry(limits);
		registry.start(List.of());
		return registry;
	}

	private IgPackageRegistry registry(IgPackageLimits limits) {
		return new IgPackageRegistry(new IgPackageSupport(FhirContext.forR4Cached()), store, limits,
				invalidations::incrementAndGet, Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
	}

	private static IgPackage read(byte[] tgz, String origin) {
		return IgPackageLoader.read(tgz, origin, LIMITS);
	}

	private static String profileTitle(IgPackageRegistry registry, String url) {
		return ((StructureDefinition) registry.support().fetchStructureDefinition(url)).getTitle();
	}

	/** A package with one Patient profile at the URL, titled so a test can tell which package served it. */
	static byte[] profilePackage(String name, String version, String url, String title) {
		String profile = "{\"resourceType\":\"StructureDefinition\",\"id\":\"patient\",\"url\":\"" + url + "\","
				+ "\"version\":\"" + version + "\",\"name\":\"Patient\",\"title\":\"" + title + "\",\"status\":\"active\","
				+ "\"kind\":\"resource\",\"abstract\":false,\"type\":\"Patient\","
				+ "\"baseDefinition\":\"http://hl7.org/fhir/StructureDefinition/Patient\",\"derivation\":\"constraint\"}";
		return NpmPackages.of(name, version, Map.of("StructureDefinition-patient.json", profile));
	}
}
