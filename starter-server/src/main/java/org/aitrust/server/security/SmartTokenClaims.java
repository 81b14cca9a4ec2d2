package org.aitrust.server.security;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.aitrust.server.StarterServerProperties.IssuerClient;
import org.aitrust.server.StarterServerProperties.IssuerUser;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Makes the embedded issuer's access tokens SMART tokens: {@code client_id} names the client (for a signed-in user,
 * {@code sub} is the user), {@code fhirUser} names the user's FHIR record, and a user's {@code scope} is what the
 * app asked for narrowed to what that user may have, so a reviewer signing in to an app registered for more
 * still gets only a reviewer's scopes.
 */
public class SmartTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String CLIENT_ID = "client_id";
	static final String FHIR_USER = "fhirUser";
	static final String SCOPE = "scope";

	private final Map<String, IssuerClient> clients;
	private final Map<String, IssuerUser> users;

	public SmartTokenClaims(Map<String, IssuerClient> clients, Map<String, IssuerUser> users) {
		this.clients = Map.copyOf(clients);
		this.users = Map.copyOf(users);
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		String clientId = context.getRegisteredClient().getClientId();
		context.getClaims().claim(CLIENT_ID, clientId);
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			IssuerClient client = clients.get(clientId);
			if (client != null && client.fhirUser() != null && !client.fhirUser().isBlank()) {
				context.getClaims().claim(FHIR_USER, client.fhirUser());
			}
			return;
		}
		IssuerUser user = users.get(context.getPrincipal().getName());
		Set<String> scopes = new LinkedHashSet<>(context.getAuthorizedScopes());
		scopes.retainAll(user == null ? Set.of() : Set.copyOf(user.scopes()));
		context.getClaims().claim(SCOPE, scopes);
		if (user != null && user.fhirUser() != null && !user.fhirUser().isBlank()) {
			context.getClaims().claim(FHIR_USER, user.fhirUser());
		}
	}
}
