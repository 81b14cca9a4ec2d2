package org.aitrust.interceptor.dashboard;

import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * Serves the quality dashboard's page at its path ({@code /quality/} by default) and the chart library it uses under
 * {@code <path>/lib/}, from the module's jar and the ECharts WebJar, so the page works with no internet. The page
 * reads only the module's FHIR operations, so what it shows is what an API user gets.
 */
public class DashboardWebConfigurer implements WebMvcConfigurer {

	static final String PAGE_LOCATION = "classpath:/META-INF/aitrust/dashboard/";
	private static final String WEBJARS_LOCATION = "classpath:/META-INF/resources/webjars/";

	private final String path;

	/** @param path where the dashboard is served, such as {@code /quality}: leading slash, no trailing one */
	public DashboardWebConfigurer(String path) {
		this.path = path;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(path + "/lib/**")
				.addResourceLocations(WEBJARS_LOCATION)
				.resourceChain(true)
				.addResolver(new LiteWebJarsResourceResolver());
		registry.addResourceHandler(path + "/**").addResourceLocations(PAGE_LOCATION);
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController(path, path + "/");
		registry.addViewController(path + "/").setViewName("forward:" + path + "/index.html");
	}
}
