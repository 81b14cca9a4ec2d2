package org.aitrust.interceptor.core;

/**
 * Who sent a request, resolved once per request: the authenticated principal where there is one, else the
 * value a trusted gateway put in the configured agent header, else nobody known.
 *
 * @param clientId the principal name or gateway-supplied client id; {@code null} when unknown
 * @param authenticated whether {@code clientId} came from an authenticated principal
 */
public record RequestSource(String clientId, boolean authenticated) {

	public static final RequestSource UNKNOWN = new RequestSource(null, false);

	public boolean isKnown() {
		return clientId != null;
	}
}
