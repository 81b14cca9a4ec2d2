package org.aitrust.interceptor.core;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What profile validation found about a resource in this write, as the quality metrics need it, with no patient
 * data: whether it was validated, whether it failed (an issue at the reject severity), whether some code could
 * not be checked for lack of terminology, which kinds of issue it had and which invariants it broke. Put on the
 * resource by the validating interceptor.
 *
 * @param failed some issue reached the policy's reject severity
 * @param notCheckable some issue is a terminology gap of this server rather than a data error
 * @param issueKeys one {@code severity|code|message id} per issue, such as
 *     {@code error|code-invalid|Terminology_TX_NoValid_17}; message ids come from the validator's fixed
 *     vocabulary, never from the data
 * @param failedInvariants the key of each invariant ({@code constraint.key}, such as {@code us-core-6}) the
 *     resource broke at error severity, once per failure
 */
public record ValidationFindings(
		boolean failed, boolean notCheckable, List<String> issueKeys, List<String> failedInvariants) {

	private static final String KEY = ValidationFindings.class.getName();

	public ValidationFindings {
		issueKeys = List.copyOf(issueKeys);
		failedInvariants = List.copyOf(failedInvariants);
	}

	/** Findings with no breakdown: only the verdict. */
	public ValidationFindings(boolean failed, boolean notCheckable) {
		this(failed, notCheckable, List.of(), List.of());
	}

	public void attachTo(IBaseResource resource) {
		resource.setUserData(KEY, this);
	}

	/** The findings on a resource validated in this write; {@code null} when it was not validated. */
	public static ValidationFindings of(IBaseResource resource) {
		return resource.getUserData(KEY) instanceof ValidationFindings findings ? findings : null;
	}
}
