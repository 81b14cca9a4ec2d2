package org.aitrust.interceptor.quality.check;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What profile validation found about a resource in this write, as the quality checks need it, with no patient
 * data: whether it was validated, whether it failed (an issue at the reject severity), and whether some code
 * could not be checked for lack of terminology. Put on the resource by the validating interceptor.
 *
 * @param failed some issue reached the policy's reject severity
 * @param notCheckable some issue is a terminology gap of this server rather than a data error
 */
public record ValidationFindings(boolean failed, boolean notCheckable) {

	private static final String KEY = ValidationFindings.class.getName();

	public void attachTo(IBaseResource resource) {
		resource.setUserData(KEY, this);
	}

	/** The findings on a resource validated in this write; {@code null} when it was not validated. */
	public static ValidationFindings of(IBaseResource resource) {
		return resource.getUserData(KEY) instanceof ValidationFindings findings ? findings : null;
	}
}
