package org.aitrust.interceptor.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;

/**
 * Validates one resource under one rule with the server's own instance validator, so a write and
 * {@code $validate} see the same profiles, terminology and caches. The verdict adds what the rule asks beyond
 * the validator (a required profile must be claimed) and applies the policy's severities.
 */
public class ProfileValidator {

	static final String MISSING_REQUIRED_PROFILE = "AITRUST_REQUIRED_PROFILE_NOT_CLAIMED";
	static final String VALIDATION_FAILED = "AITRUST_VALIDATION_FAILED";

	private final FhirContext fhirContext;
	private final FhirValidator validator;
	private final ValidationPolicy policy;
	private final ValidationMessageTriage triage;

	public ProfileValidator(
			FhirContext fhirContext, IValidatorModule instanceValidator, ValidationPolicy policy, ValidationMessageTriage triage) {
		this.fhirContext = fhirContext;
		this.validator = fhirContext.newValidator();
		this.validator.registerValidatorModule(instanceValidator);
		this.policy = policy;
		this.triage = triage;
	}

	public ValidationPolicy policy() {
		return policy;
	}

	public ValidationVerdict validate(IBaseResource resource, ValidationRule rule) {
		List<SingleValidationMessage> messages;
		try {
			messages = validator.validateWithResult(resource).getMessages();
		} catch (RuntimeException | StackOverflowError e) {
			// A profile the validator cannot process (one based on itself, say) is the input's problem to report,
			// not a server failure.
			SingleValidationMessage failure = new SingleValidationMessage();
			failure.setSeverity(ResultSeverityEnum.ERROR);
			failure.setMessageId(VALIDATION_FAILED);
			failure.setMessage("The resource could not be validated against the profiles it claims: " + e);
			failure.setLocationString(fhirContext.getResourceType(resource));
			messages = List.of(failure);
		}
		return judge(resource, rule, messages);
	}

	/** The verdict on messages another caller's validation produced for {@code resource} (for {@code $validate}). */
	public ValidationVerdict judge(IBaseResource resource, ValidationRule rule, List<SingleValidationMessage> messages) {
		List<ValidationIssue> issues = new ArrayList<>(triage.triage(messages));
		ValidationIssue missing = missingRequiredProfile(resource, rule);
		if (missing != null) {
			issues.add(missing);
		}
		boolean failed = issues.stream().anyMatch(issue -> policy.rejects(issue.severity()));
		return new ValidationVerdict(rule, issues, failed);
	}

	/** HAPI validation messages carrying the verdict's severities, for answers built by HAPI itself. */
	public static List<SingleValidationMessage> toMessages(ValidationVerdict verdict) {
		List<SingleValidationMessage> messages = new ArrayList<>();
		for (ValidationIssue issue : verdict.issues()) {
			SingleValidationMessage message = new SingleValidationMessage();
			message.setSeverity(issue.severity().toHapi());
			message.setMessage(issue.message());
			message.setMessageId(issue.messageId());
			message.setLocationString(issue.expression());
			messages.add(message);
		}
		return messages;
	}

	private ValidationIssue missingRequiredProfile(IBaseResource resource, ValidationRule rule) {
		if (rule.requiredProfiles().isEmpty()) {
			return null;
		}
		List<String> claimed = resource.getMeta().getProfile().stream()
				.map(IPrimitiveType::getValue)
				.map(Canonicals::withoutVersion)
				.toList();
		boolean claimsOne = rule.requiredProfiles().stream().map(Canonicals::withoutVersion).anyMatch(claimed::contains);
		if (claimsOne) {
			return null;
		}
		String type = fhirContext.getResourceType(resource);
		return new ValidationIssue(IssueSeverity.ERROR, "required", MISSING_REQUIRED_PROFILE,
				type + " must claim (in meta.profile) and satisfy one of the profiles this server requires: "
						+ String.join(", ", rule.requiredProfiles()),
				type + ".meta.profile", false);
	}

	/** Whether any issue is an error or worse in HAPI's terms (what {@code $validate} answers 412 for). */
	static boolean hasErrors(List<SingleValidationMessage> messages) {
		return messages.stream().anyMatch(m -> m.getSeverity() == ResultSeverityEnum.ERROR
				|| m.getSeverity() == ResultSeverityEnum.FATAL);
	}
}
