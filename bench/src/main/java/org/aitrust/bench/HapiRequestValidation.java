package org.aitrust.bench;

import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * HAPI FHIR's own request validation, set up as an administrator of a HAPI JPA server does it (as the official
 * hapi-fhir-jpaserver-starter does for {@code implementationguides} and {@code validation.requests_enabled}): the IG
 * packages are installed with HAPI's package installer into the server's package store ({@code STORE_ONLY}, from
 * which HAPI's JPA validation chain serves their profiles, value sets and code systems), and a
 * {@link RequestValidatingInterceptor} failing on errors validates every request body with the server's own
 * instance validator. Added as an extra Spring source to a starter server with {@code bench.hapi.packages} (comma
 * separated package files); the module's own validation stays off there. Deliberately not a {@code @Configuration}:
 * only the server it is given to as a source may have it, should a component scan ever reach this package.
 */
class HapiRequestValidation {

	static final String PACKAGES = "bench.hapi.packages";

	@Bean
	SmartInitializingSingleton benchHapiRequestValidation(
			RestfulServer server, IPackageInstallerSvc installer, IInstanceValidatorModule validator, Environment environment) {
		return () -> {
			for (String file : environment.getRequiredProperty(PACKAGES).split(",")) {
				install(installer, Path.of(file.trim()));
			}
			RequestValidatingInterceptor interceptor = new RequestValidatingInterceptor();
			interceptor.setFailOnSeverity(ResultSeverityEnum.ERROR);
			interceptor.addValidatorModule(validator);
			server.registerInterceptor(interceptor);
		};
	}

	private static void install(IPackageInstallerSvc installer, Path file) {
		try {
			byte[] contents = Files.readAllBytes(file);
			NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(contents));
			long started = System.nanoTime();
			installer.install(new PackageInstallationSpec()
					.setName(npm.name())
					.setVersion(npm.version())
					.setPackageContents(contents)
					.setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_ONLY));
			System.out.printf("HAPI package installer: %s#%s stored in %d ms%n", npm.name(), npm.version(),
					(System.nanoTime() - started) / 1_000_000);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read package " + file, e);
		}
	}
}
