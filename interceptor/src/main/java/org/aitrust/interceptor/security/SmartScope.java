package org.aitrust.interceptor.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART App Launch clinical scope, such as {@code patient/Observation.rs} or the v1 form {@code user/*.read}:
 * whose data (the context), which resource type ({@code *} for all), and which of the five permissions. Parsing is
 * pure and strict, because a scope read too generously is access granted by mistake: anything that is not exactly
 * the grammar of SMART v2 ({@code c r u d s}, a non-empty subset, in that order) or the v1 suffixes {@code read},
 * {@code write} and {@code *} is refused.
 *
 * <p>Query-restricted v2 scopes ({@code patient/Observation.rs?category=laboratory}) are refused as well. HAPI's
 * {@code AuthorizationInterceptor} has no way to apply an arbitrary search restriction to every read and write, so
 * honouring the scope would mean dropping the restriction and granting more than the token says. A token with only
 * such a scope gets nothing for that type; the issuer must grant the unrestricted scope instead.
 *
 * @param context whose data the scope covers
 * @param resourceType a resource type name, or {@code *} for every type
 * @param permissions what the scope allows on it, never empty
 */
public record SmartScope(Context context, String resourceType, Set<Permission> permissions) {

	/** The wildcard resource type. */
	public static final String ANY_TYPE = "*";

	private static final Pattern CLINICAL = Pattern.compile("(patient|user|system)/([^.?\\s]+)\\.([^?\\s]+)(\\?.*)?");
	private static final Pattern RESOURCE_TYPE = Pattern.compile("\\*|[A-Z][A-Za-z]{0,63}");
	private static final String V2_ORDER = "cruds";

	public SmartScope {
		if (permissions.isEmpty()) {
			throw new IllegalArgumentException("a scope grants at least one permission");
		}
		permissions = Collections.unmodifiableSet(EnumSet.copyOf(permissions));
	}

	/** Whose data a scope covers. */
	public enum Context {
		/** The data of the patient in the token's {@code patient} claim: that patient's compartment. */
		PATIENT,
		/** Whatever the signed-in user may see; the module has no per-user policy, so server-wide. */
		USER,
		/** A backend service's own access, server-wide. */
		SYSTEM
	}

	/** The SMART v2 permissions, in the order their letters must appear. */
	public enum Permission {
		CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

		private final char letter;

		Permission(char letter) {
			this.letter = letter;
		}

		public char letter() {
			return letter;
		}
	}

	/** True for the wildcard {@code *} type. */
	public boolean anyType() {
		return ANY_TYPE.equals(resourceType);
	}

	/** True when the scope allows {@code permission}. */
	public boolean allows(Permission permission) {
		return permissions.contains(permission);
	}

	/**
	 * Whether {@code scope} looks like a clinical scope ({@code patient/}, {@code user/} or {@code system/} and a
	 * dot); other scopes ({@code openid}, {@code launch/patient}, the module's own) are simply not clinical.
	 */
	public static boolean isClinical(String scope) {
		return scope != null && CLINICAL.matcher(scope).matches();
	}

	/**
	 * The clinical scope a token's scope string grants, or empty: when it is not a clinical scope at all, or when it
	 * is one this server refuses (malformed, or query-restricted).
	 */
	public static Optional<SmartScope> grantable(String scope) {
		if (!isClinical(scope)) {
			return Optional.empty();
		}
		try {
			return Optional.of(parse(scope));
		} catch (IllegalArgumentException refused) {
			return Optional.empty();
		}
	}

	/**
	 * Parses a clinical scope.
	 *
	 * @throws IllegalArgumentException saying why the scope is refused: not a clinical scope, a resource type that
	 *     is no type name, permissions out of order, repeated or unknown, or a query restriction
	 */
	public static SmartScope parse(String scope) {
		Matcher matcher = scope == null ? null : CLINICAL.matcher(scope);
		if (matcher == null || !matcher.matches()) {
			throw new IllegalArgumentException("'" + scope + "' is not a SMART clinical scope (context/Type.permissions)");
		}
		if (matcher.group(4) != null) {
			throw new IllegalArgumentException("'" + scope + "' restricts the scope with a query, which this server "
					+ "cannot enforce on every interaction; the scope is refused rather than granted unrestricted");
		}
		String type = matcher.group(2);
		if (!RESOURCE_TYPE.matcher(type).matches()) {
			throw new IllegalArgumentException("'" + scope + "' names no resource type: '" + type + "'");
		}
		Context context = Context.valueOf(matcher.group(1).toUpperCase(java.util.Locale.ROOT));
		return new SmartScope(context, type, permissions(scope, matcher.group(3)));
	}

	private static Set<Permission> permissions(String scope, String suffix) {
		switch (suffix) {
			case "read":
				return EnumSet.of(Permission.READ, Permission.SEARCH);
			case "write":
				return EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
			case "*":
				return EnumSet.allOf(Permission.class);
			default:
				return v2Permissions(scope, suffix);
		}
	}

	/** A non-empty subsequence of {@code cruds}: each letter at most once, in that order. */
	private static Set<Permission> v2Permissions(String scope, String letters) {
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		int next = 0;
		for (char letter : letters.toCharArray()) {
			int position = V2_ORDER.indexOf(letter, next);
			if (position < 0) {
				throw new IllegalArgumentException("'" + scope + "' has permissions '" + letters
						+ "': expected read, write, * or letters of c r u d s, each once and in that order");
			}
			permissions.add(Permission.values()[position]);
			next = position + 1;
		}
		return permissions;
	}

	@Override
	public String toString() {
		StringBuilder letters = new StringBuilder();
		permissions.forEach(permission -> letters.append(permission.letter()));
		return context.name().toLowerCase(java.util.Locale.ROOT) + "/" + resourceType + "." + letters;
	}
}
