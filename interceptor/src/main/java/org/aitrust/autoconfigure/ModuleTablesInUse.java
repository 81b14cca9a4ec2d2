package org.aitrust.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * A capability that keeps rows in the module's tables is on: quality (and so oversight), validation, or provenance
 * (the review worklist).
 */
class ModuleTablesInUse extends AnyNestedCondition {

	ModuleTablesInUse() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty(prefix = "aitrust.quality", name = "enabled", havingValue = "true")
	static class Quality {}

	@ConditionalOnProperty(prefix = "aitrust.validation", name = "enabled", havingValue = "true")
	static class Validation {}

	@ConditionalOnProperty(prefix = "aitrust.provenance", name = "enabled", havingValue = "true")
	static class Provenance {}
}
