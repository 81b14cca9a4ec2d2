package org.aitrust.server.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The addresses a REST-hook Subscription may send notifications to: a list of URL prefixes an administrator
 * configured ({@code aitrust.server.subscriptions.rest-hook-endpoints}). A REST-hook endpoint is a URL this server
 * will call with clinical data, so it must not be whatever a client writes into a Subscription (server-side request
 * forgery: the management port on loopback, cloud metadata addresses, internal services). An empty list allows none.
 *
 * <p>Each prefix is an absolute {@code http} or {@code https} URL with a host, no user info, query or fragment, whose
 * path ends with {@code /}: so {@code http://ehr.example/hooks/} cannot be extended into
 * {@code http://ehr.example.evil/} or {@code http://ehr.example/hooks-admin}. What may follow a prefix is a plain path
 * (letters, digits, {@code - . _ ~ /}, no percent-encoding) without {@code ..}, so it cannot climb out of the prefix
 * either, literally or encoded.
 *
 * <p>The check is HAPI's own ({@code SubscriptionSettings#setRestHookEndpointUrlValidationRegex}): HAPI refuses a
 * Subscription whose endpoint does not match with 422 when it is created or updated.
 */
public final class RestHookEndpoints {

	static final String PROPERTY = "aitrust.server.subscriptions.rest-hook-endpoints";
	/** Matches nothing: with no prefix configured, no REST-hook endpoint is accepted. */
	static final String NOTHING = "(?!)";
	private static final String PATH_REST = "(?!.*\\.\\.)[-A-Za-z0-9._~/]*";

	private final List<String> prefixes;

	public RestHookEndpoints(List<String> prefixes) {
		prefixes.forEach(RestHookEndpoints::check);
		this.prefixes = List.copyOf(prefixes);
	}

	/** The regular expression HAPI matches a REST-hook endpoint against, in full. */
	public String validationRegex() {
		if (prefixes.isEmpty()) {
			return NOTHING;
		}
		return prefixes.stream().map(Pattern::quote).collect(Collectors.joining("|", "(?:", ")" + PATH_REST));
	}

	/** Whether a Subscription may name {@code endpoint}, as HAPI will decide it. */
	public boolean allows(String endpoint) {
		return Pattern.matches(validationRegex(), endpoint);
	}

	public List<String> prefixes() {
		return prefixes;
	}

	private static void check(String prefix) {
		URI uri;
		try {
			uri = new URI(prefix);
		} catch (URISyntaxException e) {
			throw refused(prefix, "is no URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https") || !prefix.startsWith(scheme + "://")) {
			throw refused(prefix, "must be an absolute http or https URL");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null) {
			throw refused(prefix, "must name a host, without user info");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw refused(prefix, "must have no query or fragment");
		}
		String path = uri.getRawPath();
		if (path == null || !path.endsWith("/") || path.contains("..")) {
			throw refused(prefix, "must have a path ending with / (such as http://ehr.example:8443/fhir-hooks/), so that"
					+ " it cannot be extended into another host or path");
		}
	}

	private static IllegalArgumentException refused(String prefix, String why) {
		return new IllegalArgumentException(PROPERTY + " entry " + prefix + " " + why);
	}
}
