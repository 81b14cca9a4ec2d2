package org.aitrust.interceptor.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one decision which {@link ModuleRole}s the caller of a request holds: the roles its scopes grant
 * ({@link ModuleScopes}), none unless it is authenticated ({@link ScopeSource}). Authorization builds its rules for
 * the module's operations from it, and {@code $ai-review} asks it whether the caller is an administrator who may
 * record a review on a clinician's behalf, so the two never disagree.
 */
public final class ModuleRoles {

	private final ScopeSource source;
	private final ModuleScopes scopes;

	public ModuleRoles(ScopeSource source, ModuleScopes scopes) {
		this.source = source;
		this.scopes = scopes;
	}

	/** The roles the caller of {@code request} holds; empty for a caller without credentials. */
	public Set<ModuleRole> of(RequestDetails request) {
		return source.authenticated(request) ? scopes.rolesGrantedBy(source.scopes(request))
				: EnumSet.noneOf(ModuleRole.class);
	}

	/** Whether the caller of {@code request} holds {@code role}. */
	public boolean holds(RequestDetails request, ModuleRole role) {
		return of(request).contains(role);
	}
}
