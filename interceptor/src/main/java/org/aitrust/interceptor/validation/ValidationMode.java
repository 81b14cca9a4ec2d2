package org.aitrust.interceptor.validation;

/** What the server does with a resource whose validation found issues at or above the reject severity. */
public enum ValidationMode {
	/** Refuse the write with 422 and every issue; nothing of the request is stored. */
	ENFORCE,
	/** Store the resource, return the issues to the client and optionally tag the stored resource. */
	WARN,
	/** Store the resource and tell the client nothing; only the metrics see the issues. */
	SHADOW,
	/** Do not validate. */
	OFF
}
