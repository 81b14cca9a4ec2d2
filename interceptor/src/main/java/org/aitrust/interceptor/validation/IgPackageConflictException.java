package org.aitrust.interceptor.validation;

/**
 * A package cannot be installed because of what is already active or stored. The message says which packages and
 * URLs, and what the administrator can do.
 */
public class IgPackageConflictException extends RuntimeException {

	/** Why the package conflicts. */
	public enum Reason {
		/** its name and version are active with other content */
		SAME_ID_OTHER_CONTENT,
		/** it defines a canonical URL another active package defines */
		CANONICAL_DEFINED_ELSEWHERE,
		/** the store holds as many packages as allowed */
		STORE_FULL
	}

	private final Reason reason;

	IgPackageConflictException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}
}
