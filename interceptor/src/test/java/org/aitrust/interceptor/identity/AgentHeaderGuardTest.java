package org.aitrust.interceptor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The agent header is believed from a trusted proxy, refused (403) from anyone else and when it contradicts the
 * request's credentials, and changes nothing when absent; the resolver and the guard agree.
 */
class AgentHeaderGuardTest {

	private static final String GATEWAY = "10.1.2.3";
	private static final AgentHeader HEADER =
			new AgentHeader("X-AI-Agent", TrustedProxies.of(List.of("10.1.2.0/24", "fd00::/8")));

	@Test
	void fromATrustedProxyTheHeaderNamesTheCaller() {
		ServletRequestDetails request = request(GATEWAY, "scribe", null);

		assertThatCode(() -> guard().refuseUnbelievableAgentHeader(request)).doesNotThrowAnyException();
		assertThat(resolver().resolve(request)).isEqualTo(Caller.namedByProxy("scribe"));
		assertThat(new CallerRequestSourceResolver(resolver()).resolve(request(GATEWAY, "scribe", null)))
				.isEqualTo(new org.aitrust.interceptor.core.RequestSource("scribe", false));
	}

	@Test
	void fromAnyOtherPeerTheHeaderIsRefusedWith403AndNeverBelieved() {
		for (String peer : new String[] {"127.0.0.1", "::1", "10.1.3.3", "fe80::1"}) {
			ServletRequestDetails request = request(peer, "scribe", null);
			assertThatThrownBy(() -> guard().refuseUnbelievableAgentHeader(request)).as(peer)
					.isInstanceOf(ForbiddenOperationException.class)
					.hasMessageContaining("only accepted from a trusted proxy")
					.satisfies(e -> assertThat(((BaseServerResponseException) e).getStatusCode()).isEqualTo(403));
			assertThat(resolver().resolve(request(peer, "scribe", null))).as(peer).isEqualTo(Caller.UNKNOWN);
		}
	}

	@Test
	void aForwardedForHeaderDoesNotMakeAPeerTrusted() {
		ServletRequestDetails request = request("127.0.0.1", "scribe", null);
		((MockHttpServletRequest) request.getServletRequest()).addHeader("X-Forwarded-For", GATEWAY);

		assertThatThrownBy(() -> guard().refuseUnbelievableAgentHeader(request))
				.isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void withoutTheHeaderNothingChanges() {
		ServletRequestDetails anonymous = request("127.0.0.1", null, null);
		assertThatCode(() -> guard().refuseUnbelievableAgentHeader(anonymous)).doesNotThrowAnyException();
		assertThat(resolver().resolve(anonymous)).isEqualTo(Caller.UNKNOWN);

		ServletRequestDetails authenticated = request("127.0.0.1", null, "lab-system");
		assertThatCode(() -> guard().refuseUnbelievableAgentHeader(authenticated)).doesNotThrowAnyException();
		assertThat(resolver().resolve(authenticated)).isEqualTo(Caller.ofPrincipal("lab-system"));
	}

	@Test
	void credentialsAreTheCallerAndAHeaderThatContradictsThemIsRefused() {
		ServletRequestDetails same = request(GATEWAY, "lab-system", "lab-system");
		assertThatCode(() -> guard().refuseUnbelievableAgentHeader(same)).doesNotThrowAnyException();
		assertThat(resolver().resolve(same)).isEqualTo(Caller.ofPrincipal("lab-system"));

		ServletRequestDetails other = request(GATEWAY, "scribe", "lab-system");
		assertThatThrownBy(() -> guard().refuseUnbelievableAgentHeader(other))
				.isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("credentials");
		assertThat(resolver().resolve(request(GATEWAY, "scribe", "lab-system")))
				.isEqualTo(Caller.ofPrincipal("lab-system"));
	}

	@Test
	void aGatewayClientFromATrustedProxyNamesTheClientItForwardsForAndKeepsItsOwnCredentials() {
		AgentHeader header = new AgentHeader("X-AI-Agent", TrustedProxies.of(List.of("10.1.2.0/24")),
				List.of("integration-engine"));
		DefaultCallerResolver resolver = new DefaultCallerResolver(new ServletPrincipalCallers(), header);
		AgentHeaderGuard guard = new AgentHeaderGuard(header, resolver);

		ServletRequestDetails forwarded = request(GATEWAY, "scribe", "integration-engine");
		assertThatCode(() -> guard.refuseUnbelievableAgentHeader(forwarded)).doesNotThrowAnyException();
		assertThat(resolver.resolve(forwarded))
				.isEqualTo(Caller.ofPrincipal("integration-engine").forwardingFor("scribe"))
				.satisfies(caller -> assertThat(caller.authenticated()).isTrue());

		ServletRequestDetails elsewhere = request("10.1.3.3", "scribe", "integration-engine");
		assertThatThrownBy(() -> guard.refuseUnbelievableAgentHeader(elsewhere)).as("not from a trusted proxy")
				.isInstanceOf(ForbiddenOperationException.class);
		ServletRequestDetails notAGateway = request(GATEWAY, "scribe", "lab-system");
		assertThatThrownBy(() -> guard.refuseUnbelievableAgentHeader(notAGateway)).as("not a gateway client")
				.isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("gateway-clients");
	}

	@Test
	void aTrustedProxysMalformedValueIs400() {
		for (String value : new String[] {"<script>", "a b", "x".repeat(129), "é"}) {
			assertThatThrownBy(() -> guard().refuseUnbelievableAgentHeader(request("fd00::7", value, null))).as(value)
					.isInstanceOf(InvalidRequestException.class);
			assertThat(resolver().resolve(request("fd00::7", value, null))).isEqualTo(Caller.UNKNOWN);
		}
	}

	@Test
	void theCallerIsResolvedOncePerRequest() {
		int[] lookups = {0};
		DefaultCallerResolver counting = new DefaultCallerResolver(request -> {
			lookups[0]++;
			return Caller.UNKNOWN;
		}, HEADER);
		ServletRequestDetails request = request(GATEWAY, "scribe", null);

		new AgentHeaderGuard(HEADER, counting).refuseUnbelievableAgentHeader(request);
		counting.resolve(request);
		counting.resolve(request);

		assertThat(lookups[0]).isEqualTo(1);
		assertThat(counting.resolve(null)).as("internal call").isEqualTo(Caller.UNKNOWN);
	}

	private static DefaultCallerResolver resolver() {
		return new DefaultCallerResolver(new ServletPrincipalCallers(), HEADER);
	}

	private static AgentHeaderGuard guard() {
		return new AgentHeaderGuard(HEADER, resolver());
	}

	private static ServletRequestDetails request(String peer, String header, String principal) {
		MockHttpServletRequest servlet = new MockHttpServletRequest("POST", "/fhir/Observation");
		servlet.setRemoteAddr(peer);
		if (header != null) {
			servlet.addHeader("X-AI-Agent", header);
		}
		if (principal != null) {
			servlet.setUserPrincipal(() -> principal);
		}
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServletRequest(servlet);
		return request;
	}
}
