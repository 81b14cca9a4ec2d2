package org.aitrust.foreign;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.UUID;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The foreign server's own authentication, as a servlet container realm gives it: HTTP Basic for one account, whose
 * request then has a user principal. A stand-in for whatever the hospital runs; the module knows nothing of it and
 * reads only {@code getUserPrincipal()}. Part of {@link MinimalHapiJpaServer} through its component scan; the password
 * is made afresh for each run.
 */
@Configuration(proxyBeanMethods = false)
class ContainerAuthentication {

	static final String ACCOUNT = "radiology-summarizer";
	static final String PASSWORD = UUID.randomUUID().toString();

	@Bean
	FilterRegistrationBean<Filter> basicAuthenticationFilter() {
		String expected = "Basic " + Base64.getEncoder()
				.encodeToString((ACCOUNT + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		Filter filter = (request, response, chain) -> {
			HttpServletRequest http = (HttpServletRequest) request;
			if (expected.equals(http.getHeader("Authorization"))) {
				Principal principal = () -> ACCOUNT;
				request = new HttpServletRequestWrapper(http) {
					@Override
					public Principal getUserPrincipal() {
						return principal;
					}
				};
			}
			chain.doFilter(request, response);
		};
		return new FilterRegistrationBean<>(filter);
	}
}
