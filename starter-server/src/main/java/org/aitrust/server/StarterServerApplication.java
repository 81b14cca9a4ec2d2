package org.aitrust.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A HAPI FHIR R4 JPA server at {@code /fhir} with the FHIR AI Trust module installed through its
 * auto-configuration, exactly as an administrator would install it into their own server.
 */
// HAPI brings Elasticsearch's REST client (for optional full-text indexing) and Thymeleaf (for its narratives);
// neither is used as a Spring Boot feature here.
@SpringBootApplication(excludeName = {
	"org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration",
	"org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration",
	"org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration",
	"org.springframework.boot.actuate.autoconfigure.elasticsearch.ElasticsearchRestHealthContributorAutoConfiguration",
	// Boot's generated single user; the embedded issuer's users and clients come from aitrust.server.issuer.*
	"org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration"
})
@EnableConfigurationProperties(StarterServerProperties.class)
public class StarterServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(StarterServerApplication.class, args);
	}
}
