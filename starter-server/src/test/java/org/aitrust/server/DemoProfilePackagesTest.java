package org.aitrust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aitrust.interceptor.validation.IgPackage;
import org.aitrust.interceptor.validation.IgPackageLoader;
import org.aitrust.testsupport.NpmPackages;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The demo profile's IG packages are in this server's own jar: the fixtures module, where their sources live, is test
 * material and not on this module's classpath at all (not even in test scope), so a package found here was packed by
 * this module's build.
 */
class DemoProfilePackagesTest {

	@Test
	void everyPackageTheDemoProfileLoadsIsOnTheServersOwnClasspath() throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("demo", new ClassPathResource("application-demo.yaml"))
				.forEach(environment.getPropertySources()::addFirst);
		List<String> locations = new Binder(ConfigurationPropertySources.get(environment))
				.bind("aitrust.validation.packages", Bindable.listOf(String.class)).get();

		assertThat(getClass().getClassLoader().getResource("fixtures/hospital/package.json"))
				.as("the fixtures jar is not on this classpath").isNull();
		IgPackageLoader loader = new IgPackageLoader(new DefaultResourceLoader(), NpmPackages.DEFAULT_LIMITS);
		assertThat(locations.stream().flatMap(location -> loader.load(location).stream()).map(IgPackage::id))
				.containsExactly("aitrust.fixtures.hospital#0.1.0");
	}
}
