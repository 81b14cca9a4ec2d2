package org.aitrust.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Provenance or quality is on. Property conditions rather than an expression, so a malformed value is reported by
 * the property check naming it, not by an expression parser.
 */
class ProvenanceOrQualityEnabled extends AnyNestedCondition {

	ProvenanceOrQualityEnabled() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty(prefix = "aitrust.provenance", name = "enabled", havingValue = "true")
	static class Provenance {}

	@ConditionalOnProperty(prefix = "aitrust.quality", name = "enabled", havingValue = "true")
	static class Quality {}
}
