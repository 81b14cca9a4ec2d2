package org.aitrust.interceptor.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;

/**
 * HAPI's own {@link AuthorizationInterceptor}, given its rules per request from the caller's SMART scopes
 * ({@link ClinicalScopeRules}) and the module's operation scopes ({@link ModuleOperation}), Subscription writes kept to
 * administrators ({@link SubscriptionWriteRules}). Everything no rule allows
 * is denied: HAPI answers 403 with an OperationOutcome before anything is stored, and a transaction or batch is
 * allowed only when each of its entries is. A request without credentials gets 401 with
 * {@code WWW-Authenticate: Bearer}. The CapabilityStatement is open to everyone, as SMART clients read the OAuth URIs
 * in it before they have a token.
 */
public class SmartScopeAuthorizationInterceptor extends AuthorizationInterceptor {

	private final ScopeSource source;
	private final ModuleRoles moduleRoles;

	public SmartScopeAuthorizationInterceptor(ScopeSource source, ModuleScopes moduleScopes) {
		super(PolicyEnum.DENY);
		this.source = source;
		this.moduleRoles = new ModuleRoles(source, moduleScopes);
	}

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		if (!source.authenticated(request)) {
			if (request.getRestOperationType() == ca.uhn.fhir.rest.api.RestOperationTypeEnum.METADATA) {
				// public, as the SMART discovery document is: it tells clients where to get a token
				return new RuleBuilder().allow("the CapabilityStatement, for everyone").metadata().build();
			}
			AuthenticationException unauthenticated = new AuthenticationException(
					"This server needs an OAuth 2.0 bearer token (SMART on FHIR)");
			unauthenticated.addResponseHeader("WWW-Authenticate", "Bearer");
			throw unauthenticated;
		}
		Set<String> granted = source.scopes(request);
		RuleBuilder rules = new RuleBuilder();
		rules.allow("metadata for every authenticated caller").metadata();
		Set<ModuleRole> roles = moduleRoles.of(request);
		for (ModuleOperation operation : ModuleOperation.values()) {
			if (operation.allowedFor(roles)) {
				var named = rules.allow(operation.operationName() + " " + operation.roles()).operation()
						.named(operation.operationName());
				(operation.onInstance() ? named.onAnyInstance() : named.onServer()).andAllowAllResponses();
			}
		}
		SubscriptionWriteRules.addTo(rules, roles);
		List<SmartScope> clinical = granted.stream().map(SmartScope::grantable).flatMap(Optional::stream).toList();
		ClinicalScopeRules.addTo(rules, clinical, patientOf(request), request.getRestOperationType());
		rules.allow("transaction and batch, each entry by the rules above").transaction().withAnyOperation()
				.andApplyNormalRules();
		return rules.build();
	}

	private IIdType patientOf(RequestDetails request) {
		return source.patient(request).map(id -> (IIdType) new IdType(ClinicalScopeRules.PATIENT_COMPARTMENT, id))
				.orElse(null);
	}
}
