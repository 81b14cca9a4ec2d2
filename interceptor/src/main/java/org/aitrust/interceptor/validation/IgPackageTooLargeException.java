package org.aitrust.interceptor.validation;

/**
 * A package exceeds one of the {@link IgPackageLimits}: larger than allowed compressed, expanding to more than
 * allowed, or holding too many entries. The message names the limit's property. Reading stopped at the limit.
 */
public class IgPackageTooLargeException extends IllegalArgumentException {

	IgPackageTooLargeException(String message) {
		super(message);
	}
}
