package org.aitrust.server;

import java.nio.file.Path;
import org.aitrust.server.subscription.RestHookEndpoints;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the starter server itself ({@code aitrust.server.*}); the module's own settings live in
 * {@code AiTrustProperties}.
 *
 * @param dataDir folder of the embedded H2 database; it survives restarts
 * @param maxRequestSize largest request body accepted; larger requests get 413 with an OperationOutcome
 * @param defaultPageSize search page size when the client does not ask for one
 * @param maxPageSize largest page size a client may ask for
 * @param maxBundleEntries most entries a transaction or batch Bundle may have; larger ones get 413 with an
 *     OperationOutcome before any entry is processed. Bounds how long one request holds a thread and (for a
 *     transaction) one database transaction, whatever the body size limit lets through.
 * @param demo the demo data set ({@code aitrust.server.demo.*}), loaded by the {@code demo} profile
 * @param issuer the embedded OAuth 2.0 authorization server ({@code aitrust.server.issuer.*}) that signs the tokens
 *     this server accepts while {@code aitrust.security.enabled} is true
 * @param subscriptions FHIR Subscriptions ({@code aitrust.server.subscriptions.*}): HAPI's subscription processing
 *     with REST-hook delivery, and where a REST hook may point
 */
@ConfigurationProperties("aitrust.server")
public record StarterServerProperties(
		@DefaultValue("./data") Path dataDir,
		@DefaultValue("20MB") DataSize maxRequestSize,
		@DefaultValue("20") int defaultPageSize,
		@DefaultValue("200") int maxPageSize,
		@DefaultValue("5000") int maxBundleEntries,
		@DefaultValue Demo demo,
		@DefaultValue Issuer issuer,
		@DefaultValue Subscriptions subscriptions) {

	/** The longest demo history: a year, far more than the dashboard's panels show. */
	public static final int DEMO_MAX_HISTORY_WEEKS = 52;

	/**
	 * @param enabled run HAPI's subscription processing: Subscriptions are validated when written, and each committed
	 *     write that matches an active Subscription's criteria is delivered to its REST-hook endpoint
	 * @param restHookEndpoints URL prefixes a REST-hook Subscription's endpoint must start with (absolute http(s), path
	 *     ending with /); empty allows none, so no Subscription can make this server call an address nobody listed
	 */
	public record Subscriptions(
			@DefaultValue("false") boolean enabled,
			@DefaultValue java.util.List<String> restHookEndpoints) {

		public Subscriptions {
			restHookEndpoints = new RestHookEndpoints(restHookEndpoints).prefixes();
		}
	}

	/**
	 * @param load load the demo data set once the server is up (skipped when it is already there)
	 * @param syntheaDir folder of Synthea patient Bundles to load as well, when it exists (relative to the working
	 *     directory; a String, as Spring would resolve a relative Path against its resource rules)
	 * @param syntheaPatients how many of its Bundles to load
	 * @param historyWeeks how many weeks before today the demo backfills, day by day with the module's clock moved
	 *     back, so the dashboard's trend and drift panels have a history on first start (0 for none)
	 */
	public record Demo(
			@DefaultValue("false") boolean load,
			@DefaultValue("../shared/corpora/synthea/standard-synthea") String syntheaDir,
			@DefaultValue("5") int syntheaPatients,
			@DefaultValue("8") int historyWeeks) {}

	/**
	 * The starter's own token issuer (Spring Authorization Server), for a server that has no identity provider yet.
	 * A secret or password left empty is generated at first start, printed once, and kept hashed in the data folder.
	 *
	 * @param enabled run the embedded issuer; set false when {@code spring.security.oauth2.resourceserver.jwt.*}
	 *     points at the hospital's identity provider instead
	 * @param tokenTimeToLive how long an access token it issues is valid
	 * @param clients backend clients by client id, such as AI agents, which get tokens with the client credentials
	 *     grant (SMART Backend Services style)
	 * @param users people who sign in (the dashboard, review apps), by username
	 * @param dashboardClientId client id of the public client the quality dashboard signs users in with
	 *     (authorization code with PKCE)
	 * @param redirectUris addresses of the dashboard page as browsers reach it, where the issuer may send a
	 *     signed-in user back to; a loopback address (127.0.0.1, [::1]) matches any port
	 */
	public record Issuer(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("10m") java.time.Duration tokenTimeToLive,
			@DefaultValue java.util.Map<String, IssuerClient> clients,
			@DefaultValue java.util.Map<String, IssuerUser> users,
			@DefaultValue("aitrust-dashboard") String dashboardClientId,
			@DefaultValue({"http://127.0.0.1/quality/", "http://[::1]/quality/", "http://localhost:8080/quality/"})
			java.util.List<String> redirectUris) {

		public Issuer {
			if (tokenTimeToLive.isNegative() || tokenTimeToLive.isZero()) {
				throw new IllegalArgumentException(
						"aitrust.server.issuer.token-time-to-live must be positive, was " + tokenTimeToLive);
			}
			clients.forEach((id, client) -> {
				if (client.scopes().isEmpty()) {
					throw new IllegalArgumentException("aitrust.server.issuer.clients." + id
							+ ".scopes must name at least one scope, such as system/*.cruds");
				}
			});
			users.forEach((name, user) -> {
				if (user.scopes().isEmpty()) {
					throw new IllegalArgumentException("aitrust.server.issuer.users." + name
							+ ".scopes must name at least one scope, such as aitrust/reports");
				}
			});
			for (String uri : redirectUris) {
				if (!uri.startsWith("http://") && !uri.startsWith("https://") || uri.contains("#")) {
					throw new IllegalArgumentException("aitrust.server.issuer.redirect-uris must be absolute http(s)"
							+ " addresses without a fragment, was " + uri);
				}
			}
		}
	}

	/**
	 * @param secret the client secret; empty generates one at first start
	 * @param scopes the scopes the client may ask for, such as system/*.cruds or aitrust/admin
	 * @param fhirUser a FHIR reference its tokens carry as fhirUser, when the client acts as one (usually empty)
	 */
	public record IssuerClient(String secret, @DefaultValue java.util.List<String> scopes, String fhirUser) {}

	/**
	 * @param password the password; empty generates one at first start
	 * @param fhirUser the user's FHIR record, such as Practitioner/123, which its tokens carry as fhirUser
	 * @param scopes the most this user's tokens may carry, whatever the signing-in app asks for
	 */
	public record IssuerUser(String password, String fhirUser, @DefaultValue java.util.List<String> scopes) {}

	public StarterServerProperties {
		if (maxRequestSize.toBytes() <= 0) {
			throw new IllegalArgumentException("aitrust.server.max-request-size must be positive, was " + maxRequestSize);
		}
		if (defaultPageSize < 1 || maxPageSize < defaultPageSize) {
			throw new IllegalArgumentException("aitrust.server.default-page-size must be at least 1 and at most"
					+ " aitrust.server.max-page-size (" + defaultPageSize + " / " + maxPageSize + ")");
		}
		if (demo.syntheaPatients() < 0) {
			throw new IllegalArgumentException("aitrust.server.demo.synthea-patients must not be negative, was "
					+ demo.syntheaPatients());
		}
		if (demo.historyWeeks() < 0 || demo.historyWeeks() > DEMO_MAX_HISTORY_WEEKS) {
			throw new IllegalArgumentException("aitrust.server.demo.history-weeks must be 0 to " + DEMO_MAX_HISTORY_WEEKS
					+ ", was " + demo.historyWeeks());
		}
		if (maxBundleEntries < 1) {
			throw new IllegalArgumentException("aitrust.server.max-bundle-entries must be at least 1, was " + maxBundleEntries);
		}
	}
}
