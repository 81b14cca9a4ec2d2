package org.aitrust.interceptor.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the SMART discovery document at {@code [fhir base]/.well-known/smart-configuration}, and at the server root.
 * A servlet filter rather than a Spring MVC controller: the FHIR base path belongs to HAPI's servlet (such as
 * {@code /fhir/*}), so a controller would never see requests under it, and the filter needs no knowledge of where
 * the host mounted that servlet. The document is public, as SMART clients read it before they have a token, and
 * holds nothing but the published endpoints; it is registered ahead of the host's authentication filters.
 */
public class SmartConfigurationFilter extends HttpFilter {

	public static final String PATH = "/.well-known/smart-configuration";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final SmartConfiguration configuration;
	private final byte[] fixed;

	/** @param configuration the published endpoints; serialised once unless some are paths on this host */
	public SmartConfigurationFilter(SmartConfiguration configuration) throws JsonProcessingException {
		this.configuration = configuration;
		this.fixed = configuration.hasRelativeEndpoints() ? null : JSON.writeValueAsBytes(configuration.document());
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!"GET".equals(request.getMethod()) || !path.endsWith(PATH)) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("application/json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-cache");
		byte[] json = fixed != null ? fixed
				: JSON.writeValueAsBytes(configuration.resolvedAgainst(originOf(request)).document());
		response.setContentLength(json.length);
		response.getOutputStream().write(json);
	}

	/** Scheme, host and port as the client addressed this server (behind a proxy, as its forwarded headers say). */
	static String originOf(HttpServletRequest request) {
		String scheme = request.getScheme();
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
	}
}
