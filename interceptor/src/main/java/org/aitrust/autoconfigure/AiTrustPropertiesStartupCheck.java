package org.aitrust.autoconfigure;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Binds and checks the {@code aitrust.*} properties before any bean is created, so a misconfigured server
 * stops in its first second with the property named, rather than after HAPI has spent half a minute
 * starting its database layer.
 */
class AiTrustPropertiesStartupCheck implements BeanFactoryPostProcessor, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		AiTrustProperties properties = Binder.get(environment)
				.bindOrCreate(AiTrustProperties.PREFIX, AiTrustProperties.class);
		AiTrustPropertiesValidator.validate(properties);
	}
}
