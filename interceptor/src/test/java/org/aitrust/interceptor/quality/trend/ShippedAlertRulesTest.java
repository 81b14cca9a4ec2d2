package org.aitrust.interceptor.quality.trend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.aitrust.testsupport.Promtool;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules shipped in {@code ops/prometheus/}: their own promtool unit tests pass (a steady check never
 * fires, a worse one fires once the rule's hour is over, a short dip does not), and they read the gauge the module
 * publishes, by its Prometheus name and status codes.
 */
class ShippedAlertRulesTest {

	static final Path RULES = Path.of("..", "ops", "prometheus", "aitrust-alerts.yml");

	@Test
	void theShippedRulesPassTheirPromtoolTests() throws Exception {
		Promtool.Result result = Promtool.testRules(RULES.resolveSibling("aitrust-alerts.test.yml"));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS");
	}

	@Test
	void theRulesReadTheGaugeTheModulePublishes() throws Exception {
		String rules = Files.readString(RULES);
		assertThat(rules).contains(TrendGauges.NAME.replace('.', '_') + "{status=\"" + TrendStatus.WORSE.code() + "\"}");
	}
}
