package org.aitrust.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;

/**
 * A capability that attributes requests to their source is on: provenance or validation, or quality (which
 * oversight needs). Without one the agent header means nothing to the module, and a server the jar was merely added
 * to answers as before.
 */
class RequestSourceInUse extends AnyNestedCondition {

	RequestSourceInUse() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@Conditional(ProvenanceOrValidationEnabled.class)
	static class ProvenanceOrValidation {}

	@ConditionalOnProperty(prefix = "aitrust.quality", name = "enabled", havingValue = "true")
	static class Quality {}
}
