package org.aitrust.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
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
	private static final int NOT_YET_KNOWN = -1;
	private static final int NONE = -2;

	/** The separate management port, once both servers listen; {@link #NONE} when actuator shares the public port. */
	private volatile int managementPort = NOT_YET_KNOWN;

	public ManagementPortRequests(Environment environment) {
		this.environment = environment;
		if (ManagementPortType.get(environment) != ManagementPortType.DIFFERENT) {
			managementPort = NONE;
		}
	}

	/** Asked for every request: a port comparison decides, the environment is read only until the ports are known. */
	@Override
	public boolean matches(HttpServletRequest request) {
		int management = managementPort;
		if (management == NOT_YET_KNOWN) {
			management = separateManagementPort();
			managementPort = management;
		}
		return management >= 0 && request.getLocalPort() == management && endpoints.matches(request);
	}

	private int separateManagementPort() {
		Integer management = environment.getProperty("local.management.port", Integer.class);
		Integer server = environment.getProperty("local.server.port", Integer.class);
		if (management == null || server == null) {
			return NOT_YET_KNOWN;
		}
		return management.equals(server) ? NONE : management;
	}
}
