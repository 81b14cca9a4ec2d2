package org.aitrust.interceptor.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The OAuth scope string that grants each {@link ModuleRole}, as configured ({@code aitrust/admin},
 * {@code aitrust/review}, {@code aitrust/reports} by default).
 *
 * @param admin the scope granting {@link ModuleRole#ADMIN}
 * @param review the scope granting {@link ModuleRole#REVIEW}
 * @param reports the scope granting {@link ModuleRole#REPORTS}
 */
public record ModuleScopes(String admin, String review, String reports) {

	/** The defaults, also what {@code aitrust.security.*-scope} default to. */
	public static final ModuleScopes DEFAULTS = new ModuleScopes("aitrust/admin", "aitrust/review", "aitrust/reports");

	/** The scope that grants {@code role}. */
	public String scopeFor(ModuleRole role) {
		return switch (role) {
			case ADMIN -> admin;
			case REVIEW -> review;
			case REPORTS -> reports;
		};
	}

	/** The roles a token's scopes grant. */
	public Set<ModuleRole> rolesGrantedBy(Collection<String> scopes) {
		Set<ModuleRole> roles = EnumSet.noneOf(ModuleRole.class);
		for (ModuleRole role : ModuleRole.values()) {
			if (scopes.contains(scopeFor(role))) {
				roles.add(role);
			}
		}
		return roles;
	}
}
