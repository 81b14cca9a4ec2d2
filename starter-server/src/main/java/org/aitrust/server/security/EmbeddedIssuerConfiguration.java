package org.aitrust.server.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.aitrust.server.StarterServerProperties;
import org.aitrust.server.StarterServerProperties.Issuer;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The starter's own token issuer ({@code aitrust.server.issuer.*}), Spring Authorization Server on this server:
 * client credentials for backend clients such as AI agents, authorization code with PKCE for people signing in
 * (the dashboard), tokens signed with a key kept in the data folder and checked in-process by the resource server.
 * A server whose hospital has an identity provider switches it off and points the resource server there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${aitrust.security.enabled:false} && ${aitrust.server.issuer.enabled:true}")
public class EmbeddedIssuerConfiguration {

	/** File in the data folder that keeps the hashes of generated secrets. */
	static final String SECRETS_FILE = "issuer-secrets.properties";
	/** File in the data folder that keeps the signing key. */
	static final String KEY_FILE = "issuer-signing-key.json";

	/** The issuer's endpoints: token, authorize, keys, metadata. */
	@Bean
	@Order(1)
	SecurityFilterChain aiTrustIssuerEndpoints(HttpSecurity http) throws Exception {
		OAuth2AuthorizationServerConfigurer issuer = OAuth2AuthorizationServerConfigurer.authorizationServer();
		http.securityMatcher(issuer.getEndpointsMatcher())
				.with(issuer, Customizer.withDefaults())
				.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				// a browser asking to authorize without a session signs in first
				.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
						new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	/** The sign-in page people use on their way to a token; its session serves the issuer only. */
	@Bean
	@Order(2)
	SecurityFilterChain aiTrustSignIn(HttpSecurity http) throws Exception {
		http.securityMatcher("/login", "/logout", "/default-ui.css")
				.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
				.formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	PasswordEncoder aiTrustIssuerPasswordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	IssuerSecrets aiTrustIssuerSecrets(StarterServerProperties properties, PasswordEncoder encoder) {
		return new IssuerSecrets(properties.dataDir().resolve(SECRETS_FILE), encoder);
	}

	@Bean
	RegisteredClientRepository aiTrustRegisteredClients(StarterServerProperties properties, IssuerSecrets secrets) {
		Issuer issuer = properties.issuer();
		TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(issuer.tokenTimeToLive()).build();
		List<RegisteredClient> registered = new ArrayList<>();
		issuer.clients().forEach((id, client) -> registered.add(RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(id)
				.clientSecret(secrets.encoded("client " + id, client.secret()))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scopes(scopes -> scopes.addAll(client.scopes()))
				.tokenSettings(tokens)
				.build()));
		Set<String> userScopes = new LinkedHashSet<>();
		issuer.users().values().forEach(user -> userScopes.addAll(user.scopes()));
		if (!userScopes.isEmpty()) {
			// a public client: a page in the browser keeps no secret, PKCE proves the code's requester instead
			registered.add(RegisteredClient.withId(UUID.randomUUID().toString())
					.clientId(issuer.dashboardClientId())
					.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
					.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.redirectUris(uris -> uris.addAll(issuer.redirectUris()))
					.scopes(scopes -> scopes.addAll(userScopes))
					.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
							.build())
					.tokenSettings(tokens)
					.build());
		}
		return new InMemoryRegisteredClientRepository(registered);
	}

	@Bean
	UserDetailsService aiTrustIssuerUsers(StarterServerProperties properties, IssuerSecrets secrets) {
		List<UserDetails> users = new ArrayList<>();
		properties.issuer().users().forEach((name, user) -> users.add(User.withUsername(name)
				.password(secrets.encoded("user " + name, user.password()))
				.roles("USER")
				.build()));
		return new InMemoryUserDetailsManager(users);
	}

	/** Secrets generated at this start, printed once, after the start-up log so they are not buried in it. */
	@Bean
	ApplicationListener<ApplicationReadyEvent> aiTrustGeneratedSecretsReport(IssuerSecrets secrets) {
		return ready -> {
			List<String> generated = secrets.takeGenerated();
			if (!generated.isEmpty()) {
				LoggerFactory.getLogger(EmbeddedIssuerConfiguration.class).warn("The embedded token issuer generated"
						+ " these credentials. They are shown only now; {} keeps only their hashes (delete a line"
						+ " there to get a new one at the next start):\n  {}",
						secrets.file().toAbsolutePath().normalize(), String.join("\n  ", generated));
			}
		};
	}

	/** The signing key, kept in the data folder so that tokens outlive a restart. */
	@Bean
	JWKSource<SecurityContext> aiTrustIssuerKeys(StarterServerProperties properties) {
		return new ImmutableJWKSet<>(new JWKSet(IssuerSigningKey.loadOrCreate(properties.dataDir().resolve(KEY_FILE))));
	}

	/** The resource server checks the issuer's tokens against its keys in-process. */
	@Bean
	JwtDecoder aiTrustIssuerTokenDecoder(JWKSource<SecurityContext> keys) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
	}

	/** Endpoints at Spring Authorization Server's default paths; the issuer is the address the client used. */
	@Bean
	AuthorizationServerSettings aiTrustIssuerSettings() {
		return AuthorizationServerSettings.builder().build();
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> aiTrustSmartTokenClaims(StarterServerProperties properties) {
		Map<String, StarterServerProperties.IssuerClient> clients = properties.issuer().clients();
		return new SmartTokenClaims(clients, properties.issuer().users());
	}
}
