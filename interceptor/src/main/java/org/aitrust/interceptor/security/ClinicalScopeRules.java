package org.aitrust.interceptor.security;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderAppliesTo;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import java.util.Collection;
import java.util.List;
import org.aitrust.interceptor.security.SmartScope.Context;
import org.aitrust.interceptor.security.SmartScope.Permission;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Translates granted SMART clinical scopes into HAPI {@code AuthorizationInterceptor} rules, with HAPI's own
 * {@code RuleBuilder}: {@code system/} and {@code user/} scopes apply server-wide, {@code patient/} scopes only within
 * the Patient compartment of the token's patient. Where HAPI's verbs are coarser than SMART's letters, the rules are
 * arranged so that nothing beyond the letters is granted:
 * <ul>
 * <li>HAPI's {@code write} covers create and update, so every {@code c} rule comes first, then a deny of any other
 * create, then the {@code u} rules: an update-only scope cannot create (except by update-as-create, which FHIR counts
 * as an update).</li>
 * <li>HAPI's {@code read} covers read, history and search alike, so the read rules are chosen by the kind of request:
 * {@code r} scopes for read, vread and instance history, {@code s} scopes for searches, type and system history and
 * paging, and only scopes with both letters for anything else that returns resources (transactions, batches).</li>
 * <li>Patch passes HAPI's incoming check for every caller with some {@code u}; the patched resource is then checked as
 * an update against the {@code u} rules before it is stored.</li>
 * <li>{@code $validate} of a type is allowed to a scope that may create or update it: it is the dry run of that write
 * and stores nothing.</li>
 * </ul>
 */
final class ClinicalScopeRules {

	static final String PATIENT_COMPARTMENT = "Patient";

	private ClinicalScopeRules() {}

	/**
	 * Adds the rules for {@code scopes} to {@code rules}.
	 *
	 * @param patient the token's patient; without one, {@code patient/} scopes grant nothing
	 * @param operation the kind of request the rules are for, which picks the read rules
	 */
	static void addTo(IAuthRuleBuilder rules, Collection<SmartScope> scopes, IIdType patient,
			RestOperationTypeEnum operation) {
		List<SmartScope> usable = scopes.stream()
				.filter(scope -> scope.context() != Context.PATIENT || patient != null).toList();
		for (SmartScope scope : usable) {
			if (scope.allows(Permission.CREATE)) {
				classify(types(rules.allow(scope + " (create)").create(), scope), scope, patient);
			}
		}
		boolean updates = usable.stream().anyMatch(scope -> scope.allows(Permission.UPDATE));
		if (updates) {
			rules.deny("create needs a scope with c").create().allResources().withAnyId();
			rules.allow("patch, checked as an update before storage").patch().allRequests();
		}
		for (SmartScope scope : usable) {
			if (scope.allows(Permission.UPDATE)) {
				classify(types(rules.allow(scope + " (update)").write(), scope), scope, patient);
			}
			if (scope.allows(Permission.DELETE)) {
				classify(types(rules.allow(scope + " (delete)").delete(), scope), scope, patient);
			}
			if (scope.allows(Permission.CREATE) || scope.allows(Permission.UPDATE)) {
				allowValidate(rules, scope);
			}
			if (readable(scope, operation)) {
				classify(types(rules.allow(scope + " (read)").read(), scope), scope, patient);
			}
		}
	}

	/** {@code $validate} of the scope's types, on the type and on instances: the dry run of a write. */
	private static void allowValidate(IAuthRuleBuilder rules, SmartScope scope) {
		if (scope.anyType()) {
			rules.allow(scope + " ($validate)").operation().named("$validate").onAnyType().andAllowAllResponses();
			rules.allow(scope + " ($validate)").operation().named("$validate").onAnyInstance().andAllowAllResponses();
			return;
		}
		FhirContext fhir = FhirContext.forR4Cached();
		if (fhir.getResourceTypes().contains(scope.resourceType())) {
			Class<? extends IBaseResource> type = fhir.getResourceDefinition(scope.resourceType()).getImplementingClass();
			rules.allow(scope + " ($validate)").operation().named("$validate").onType(type).andAllowAllResponses();
			rules.allow(scope + " ($validate)").operation().named("$validate").onInstancesOfType(type)
					.andAllowAllResponses();
		}
	}

	/** Whether {@code scope} lets this kind of request see resources of its type. */
	static boolean readable(SmartScope scope, RestOperationTypeEnum operation) {
		if (operation == null) {
			return scope.allows(Permission.READ) && scope.allows(Permission.SEARCH);
		}
		return switch (operation) {
			case READ, VREAD, HISTORY_INSTANCE -> scope.allows(Permission.READ);
			case SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_TYPE, HISTORY_SYSTEM, GET_PAGE -> scope.allows(Permission.SEARCH);
			default -> scope.allows(Permission.READ) && scope.allows(Permission.SEARCH);
		};
	}

	private static IAuthRuleBuilderRuleOpClassifier types(
			IAuthRuleBuilderAppliesTo<IAuthRuleBuilderRuleOpClassifier> appliesTo, SmartScope scope) {
		return scope.anyType() ? appliesTo.allResources() : appliesTo.resourcesOfType(scope.resourceType());
	}

	private static void classify(IAuthRuleBuilderRuleOpClassifier classifier, SmartScope scope, IIdType patient) {
		if (scope.context() == Context.PATIENT) {
			classifier.inCompartment(PATIENT_COMPARTMENT, patient);
		} else {
			classifier.withAnyId();
		}
	}
}
