package org.aitrust.server.security;

import org.aitrust.server.FhirJpaServerConfig;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may reach the starter server. With {@code aitrust.security.enabled} (the starter's default) every request needs
 * an OAuth 2.0 bearer JWT, except what SMART makes public ({@code /fhir/metadata}; the discovery document is answered
 * by the module ahead of this chain), the dashboard's static page (it holds no data and signs the user in itself) and
 * actuator on its loopback management port. What a token may then do is decided by its SMART scopes in HAPI's
 * {@code AuthorizationInterceptor}, which the module installs. Switched off, the server is open, for one behind a
 * gateway of its own, and says so at start-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class StarterSecurityConfiguration {

	/** The FHIR API, the dashboard and actuator: bearer tokens only, no session, so no cookie authenticates here. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnProperty(prefix = "aitrust.security", name = "enabled", havingValue = "true")
	SecurityFilterChain aiTrustResourceServer(HttpSecurity http, ObjectProvider<JwtDecoder> decoder,
			Environment environment) throws Exception {
		if (decoder.getIfAvailable() == null) {
			throw new IllegalStateException("aitrust.security.enabled=true needs a token issuer: keep"
					+ " aitrust.server.issuer.enabled=true (the embedded one) or set"
					+ " spring.security.oauth2.resourceserver.jwt.issuer-uri or .jwk-set-uri to the hospital's");
		}
		String dashboard = environment.getProperty("aitrust.dashboard.path", "/quality");
		FhirAuthenticationEntryPoint refuse = new FhirAuthenticationEntryPoint();
		FhirAccessDeniedHandler deny = new FhirAccessDeniedHandler();
		// path patterns on the whole path: /fhir belongs to HAPI's servlet, which Spring MVC's matchers do not see into
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		http.authorizeHttpRequests(requests -> requests
						.requestMatchers(paths.matcher(HttpMethod.GET, FhirJpaServerConfig.FHIR_PATH + "/metadata")).permitAll()
						.requestMatchers(paths.matcher(HttpMethod.GET, dashboard),
								paths.matcher(HttpMethod.GET, dashboard + "/**")).permitAll()
						.requestMatchers(new ManagementPortRequests(environment)).permitAll()
						.requestMatchers(paths.matcher("/error"), paths.matcher(HttpMethod.GET, "/favicon.ico")).permitAll()
						.anyRequest().authenticated())
				.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults())
						.authenticationEntryPoint(refuse).accessDeniedHandler(deny))
				.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refuse).accessDeniedHandler(deny))
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(cache -> cache.disable())
				// a bearer token is sent on purpose by the client, never by the browser on its own: nothing to forge
				.csrf(csrf -> csrf.disable());
		return http.build();
	}

	/** {@code aitrust.security.enabled=false}: open to whoever reaches the port, as a server behind its own gateway. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnProperty(prefix = "aitrust.security", name = "enabled", havingValue = "false", matchIfMissing = true)
	SecurityFilterChain aiTrustOpenServer(HttpSecurity http) throws Exception {
		LoggerFactory.getLogger(StarterSecurityConfiguration.class).warn("aitrust.security.enabled=false: this server"
				+ " authenticates no one. Every resource and operation is open to whoever reaches its port; who a caller"
				+ " is comes only from a trusted proxy's agent header. Run it only behind a gateway that authenticates.");
		http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf(csrf -> csrf.disable());
		return http.build();
	}
}
