package org.aitrust.interceptor.security;

import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import java.util.Set;

/**
 * Who may create, change or delete a {@code Subscription}: only an administrator ({@link ModuleRole#ADMIN}), on top of
 * the clinical scope for the type. A Subscription makes the server send every matching resource, of any patient, to
 * an address its author chose; a clinical scope such as {@code system/*.cruds}, which an AI agent's token carries, must
 * not be enough to open that channel. Reading Subscriptions stays with the clinical read and search scopes.
 */
final class SubscriptionWriteRules {

	static final String SUBSCRIPTION = "Subscription";

	private SubscriptionWriteRules() {}

	/**
	 * Adds, for a caller without the admin role, deny rules for every write of a Subscription. HAPI applies rules in
	 * order, so they must come before the clinical allow rules. A patch passes the incoming check and is then denied
	 * as the update it becomes; a transaction is denied when one of its entries is.
	 */
	static void addTo(IAuthRuleBuilder rules, Set<ModuleRole> roles) {
		if (roles.contains(ModuleRole.ADMIN)) {
			return;
		}
		rules.deny("Subscription writes need the admin scope").write().resourcesOfType(SUBSCRIPTION).withAnyId();
		rules.deny("Subscription deletes need the admin scope").delete().resourcesOfType(SUBSCRIPTION).withAnyId();
	}
}
