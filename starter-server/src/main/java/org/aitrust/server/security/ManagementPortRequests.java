package org.aitrust.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Actuator requests that arrived on a management port of their own. That port is bound to 127.0.0.1 by default, so
 * health probes and Prometheus on the same machine need no token; the same endpoints on the public port (a host that
 * set {@code management.server.port} to the server's port) need one like any other request.
 */
public class ManagementPortRequests implements RequestMatcher {

	private final RequestMatcher endpoints = EndpointRequest.toAnyEndpoint();
	private final Environment environment;

	public ManagementPortRequests(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		Integer management = environment.getProperty("local.management.port", Integer.class);
		Integer server = environment.getProperty("local.server.port", Integer.class);
		return management != null && !management.equals(server) && request.getLocalPort() == management
				&& endpoints.matches(request);
	}
}
