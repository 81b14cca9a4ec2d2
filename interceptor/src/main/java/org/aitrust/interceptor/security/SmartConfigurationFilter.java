package org.aitrust.interceptor.security;

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

	private final byte[] json;

	/** @param json the document, serialised once */
	public SmartConfigurationFilter(String json) {
		this.json = json.getBytes(StandardCharsets.UTF_8);
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
		response.setContentLength(json.length);
		response.getOutputStream().write(json);
	}
}
