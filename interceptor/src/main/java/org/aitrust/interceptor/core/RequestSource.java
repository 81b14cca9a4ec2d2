package org.aitrust.interceptor.core;

/**
 * Who sent a request, resolved once per request: the client its credentials name where it has them, else the
 * client a trusted proxy named in the agent header, else nobody known.
 *
 * @param clientId the authenticated client id or the one a trusted proxy supplied; {@code null} when unknown
 * @param authenticated whether {@code clientId} came from authenticated credentials
 */
public record RequestSource(String clientId, boolean authenticated) {

	public static final RequestSource UNKNOWN = new RequestSource(null, false);

	/**
	 * A write made with the system's authority and no client request: a bulk import, a batch job, a host's own DAO
	 * call. It has no client, so it is attributed to the source {@code system}.
	 */
	public static final RequestSource SYSTEM = new RequestSource("system", true);

	public boolean isKnown() {
		return clientId != null;
	}
}
