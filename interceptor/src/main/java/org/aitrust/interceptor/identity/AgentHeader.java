package org.aitrust.interceptor.identity;

import java.util.Collection;
import java.util.Set;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.regex.Pattern;

/**
 * The header a trusted gateway sets to name the client it speaks for ({@code aitrust.identity.agent-header}), and
 * when it may be believed: only when the request's TCP peer is a trusted proxy, never because of anything else the
 * request says ({@code X-Forwarded-For} included), and only for a request without credentials of its own, whose
 * credentials name the same client, or whose credentials are a gateway's own ({@code aitrust.identity.gateway-clients}:
 * an integration engine that authenticates as itself and names the client it forwards for). Otherwise credentials
 * win because they are proof and the header is a claim; a header that contradicts them is refused rather than
 * ignored, so a misconfigured gateway shows at once.
 */
public final class AgentHeader {

	/** What the header means for one request. */
	public enum Verdict {
		/** No header (or an empty one): nothing to believe or refuse. */
		ABSENT,
		/** From a trusted proxy, well formed and not contradicting the request's credentials. */
		BELIEVED,
		/** Sent by a peer that is not a trusted proxy: 403. */
		UNTRUSTED_PEER,
		/** Names another client than the request's authenticated credentials: 403. */
		CONFLICTS_WITH_CREDENTIALS,
		/** From a trusted proxy, but not a client id the module can store: 400. */
		MALFORMED
	}

	/**
	 * The value ends up in Provenance, metrics and reports, so it must not smuggle markup or line breaks.
	 */
	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:@/+-]{1,128}");

	private final String name;
	private final TrustedProxies trustedProxies;
	private final Set<String> gatewayClients;

	/** A header no authenticated client may use to name another. */
	public AgentHeader(String name, TrustedProxies trustedProxies) {
		this(name, trustedProxies, Set.of());
	}

	/** @param gatewayClients client ids whose credentials, from a trusted proxy, may name the client forwarded for */
	public AgentHeader(String name, TrustedProxies trustedProxies, Collection<String> gatewayClients) {
		this.name = name;
		this.trustedProxies = trustedProxies;
		this.gatewayClients = Set.copyOf(gatewayClients);
	}

	public String name() {
		return name;
	}

	public TrustedProxies trustedProxies() {
		return trustedProxies;
	}

	/** The header's value, or {@code null} when the request carries none (or an empty one). */
	public String valueIn(RequestDetails request) {
		String value = request == null ? null : request.getHeader(name);
		return value == null || value.isEmpty() ? null : value;
	}

	/**
	 * What the header of this request means, given the caller its credentials (if any) make it: {@code credentials}
	 * is {@link Caller#UNKNOWN} for a request without them.
	 */
	public Verdict judge(RequestDetails request, Caller credentials) {
		String value = valueIn(request);
		if (value == null) {
			return Verdict.ABSENT;
		}
		if (!trustedProxies.trusts(peerOf(request))) {
			return Verdict.UNTRUSTED_PEER;
		}
		if (!CLIENT_ID.matcher(value).matches()) {
			return Verdict.MALFORMED;
		}
		if (credentials.authenticated() && !value.equals(credentials.clientId())
				&& !gatewayClients.contains(credentials.clientId())) {
			return Verdict.CONFLICTS_WITH_CREDENTIALS;
		}
		return Verdict.BELIEVED;
	}

	/** The answer's diagnostics for a refused header. */
	public String explain(Verdict verdict, RequestDetails request) {
		return switch (verdict) {
			case UNTRUSTED_PEER -> "Header " + name + " is only accepted from a trusted proxy"
					+ " (aitrust.identity.trusted-proxies); this request came from " + peerOf(request)
					+ ". Authenticate as the client instead, or send the request through the trusted gateway.";
			case CONFLICTS_WITH_CREDENTIALS -> "Header " + name + " names another client than the request's"
					+ " credentials; the authenticated client is the caller, so the header must name it or be left off"
					+ " (unless that client is a gateway listed in aitrust.identity.gateway-clients).";
			case MALFORMED -> "Header " + name + " must be 1 to 128 characters from A-Z a-z 0-9 . _ : @ / + -";
			case ABSENT, BELIEVED -> "Header " + name + " is accepted";
		};
	}

	/**
	 * The TCP peer as the servlet container reports it ({@code getRemoteAddr()}), never a forwarding header; null for
	 * a request that did not arrive over HTTP. (A container told to rewrite the remote address from
	 * {@code X-Forwarded-For}, such as Tomcat's RemoteIpValve, changes what this is: see docs/operations.md.)
	 */
	static String peerOf(RequestDetails request) {
		if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
			return servlet.getServletRequest().getRemoteAddr();
		}
		return null;
	}
}
