package org.aitrust.interceptor.store;

import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates the module's tables at start-up, as an initializer rather than inside a bean method; every bean that reads
 * or writes the tables depends on it, so none runs against an old schema.
 */
public class ModuleSchemaInitializer implements InitializingBean {

	private final ModuleSchema schema;

	public ModuleSchemaInitializer(ModuleSchema schema) {
		this.schema = schema;
	}

	@Override
	public void afterPropertiesSet() {
		schema.migrate();
	}
}
