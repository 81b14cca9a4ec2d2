package org.aitrust.interceptor.validation;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the validator's messages into {@link ValidationIssue}s with the policy's severities. Two kinds of
 * message say what the server lacks rather than what the data gets wrong: a code system or value set it does
 * not have (offline, a foreign code cannot be checked), and a claimed profile it does not know. Those take the
 * administrator's configured severity instead of the validator's, and terminology gaps are marked
 * {@linkplain ValidationIssue#notCheckable() not checkable} so metrics can count them apart.
 */
public final class ValidationMessageTriage {

	private static final Set<String> UNCHECKABLE_TERMINOLOGY_IDS = Set.of(
			"Terminology_TX_System_Unknown",
			"Terminology_TX_ValueSet_NotFound",
			"Terminology_TX_ValueSet_NotFound_CS",
			"UNKNOWN_CODESYSTEM",
			"UNKNOWN_CODESYSTEM_EXP",
			"UNKNOWN_CODESYSTEM_VERSION",
			"UNKNOWN_CODESYSTEM_VERSION_EXP",
			"UNKNOWN_CODESYSTEM_VERSION_NONE",
			"UNKNOWN_CODESYSTEM_VERSION_EXP_NONE",
			"VALUESET_INCLUDE_CS_NOT_FOUND",
			"VALUESET_INCLUDE_CSVER_NOT_FOUND",
			"VALUESET_REFERENCE_UNKNOWN",
			"CODESYSTEM_CS_SUPP_CANT_CHECK",
			"VALUESET_BAD_FILTER_VALUE_CANT_CHECK");

	/**
	 * Texts of terminology-gap messages that reach the validator from HAPI's own terminology services without a
	 * message id of their own.
	 */
	private static final Pattern UNCHECKABLE_TERMINOLOGY_TEXT = Pattern.compile(
			"(?i)(unknown code ?system|code ?system is unknown|can'?t be validated|cannot be validated"
					+ "|code ?system .{0,200}(could not be (found|resolved)|is not known|unable to be found)"
					+ "|value ?set '[^']+' (was )?(not found|could not be (found|resolved|expanded))"
					+ "|unable to expand value ?set|failed to expand value ?set"
					+ "|a definition for code ?system .{0,200} could not be found"
					+ "|unable to check whether the code is in the value set)");

	private static final Set<String> UNKNOWN_PROFILE_IDS = Set.of(
			"Validation_VAL_Profile_Unknown",
			"VALIDATION_VAL_PROFILE_UNKNOWN_ERROR",
			"VALIDATION_VAL_PROFILE_UNKNOWN_ERROR_NETWORK",
			"VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY",
			"Validation_VAL_Unknown_Profile");

	/** "Not in the value set" messages, with the value set's canonical in parentheses after its name. */
	private static final Pattern NOT_IN_VALUE_SET = Pattern.compile(
			"(?i)(not found in|not in|none of the codings provided are in) the value ?set '[^']*' \\(([^)|\\s]+)");

	private final IssueSeverity unknownProfile;
	private final IssueSeverity uncheckableTerminology;
	/** {@code system#code} as the validator writes codings into its messages. */
	private static final Pattern CODING = Pattern.compile("([A-Za-z][\\w+.-]*:[^\\s#()',]+)#([^\\s)',]+)");

	private final BiPredicate<String, List<String[]>> terminologyGap;

	/**
	 * @param terminologyGap whether "not in value set" for a value set (canonical URL) and the codings the message
	 *     names ({@code [system, code]}) is a terminology gap of this server rather than a data error
	 *     ({@link TerminologyCoverage#isGap})
	 */
	public ValidationMessageTriage(
			IssueSeverity unknownProfile, IssueSeverity uncheckableTerminology, BiPredicate<String, List<String[]>> terminologyGap) {
		this.unknownProfile = unknownProfile;
		this.uncheckableTerminology = uncheckableTerminology;
		this.terminologyGap = terminologyGap;
	}

	public List<ValidationIssue> triage(List<SingleValidationMessage> messages) {
		List<ValidationIssue> issues = new ArrayList<>(messages.size());
		for (SingleValidationMessage message : messages) {
			issues.add(triage(message));
		}
		return issues;
	}

	public ValidationIssue triage(SingleValidationMessage message) {
		IssueSeverity severity = IssueSeverity.of(message.getSeverity());
		String text = message.getMessage() == null ? "" : message.getMessage();
		String id = message.getMessageId();
		boolean notCheckable = false;
		if (severity.isAtLeast(IssueSeverity.WARNING) && isUnknownProfile(id, text)) {
			severity = unknownProfile;
		} else if (severity.isAtLeast(IssueSeverity.WARNING) && isUncheckableTerminology(id, text)) {
			severity = uncheckableTerminology;
			notCheckable = true;
		}
		return new ValidationIssue(severity, issueCode(message, notCheckable), id, text,
				message.getLocationString(), notCheckable);
	}

	private static boolean isUnknownProfile(String id, String text) {
		return (id != null && UNKNOWN_PROFILE_IDS.contains(id))
				|| text.toLowerCase(Locale.ROOT).startsWith("profile reference '") && text.contains("could not be resolved");
	}

	/**
	 * A code reported as not in a value set is a data error exactly when the server holds the whole value set
	 * (a foreign code against a fully known value set is wrong, whatever its system); other messages count as
	 * gaps when they say a code system or value set is missing.
	 */
	private boolean isUncheckableTerminology(String id, String text) {
		Matcher notInValueSet = NOT_IN_VALUE_SET.matcher(text);
		if (notInValueSet.find()) {
			List<String[]> codings = new ArrayList<>();
			Matcher coding = CODING.matcher(text.substring(0, notInValueSet.start()) + " " + text.substring(notInValueSet.end()));
			while (coding.find()) {
				codings.add(new String[] {coding.group(1), coding.group(2)});
			}
			return terminologyGap.test(notInValueSet.group(2), codings);
		}
		return (id != null && UNCHECKABLE_TERMINOLOGY_IDS.contains(id)) || UNCHECKABLE_TERMINOLOGY_TEXT.matcher(text).find();
	}

	private static String issueCode(SingleValidationMessage message, boolean notCheckable) {
		if (notCheckable) {
			return "not-supported";
		}
		String id = message.getMessageId() == null ? "" : message.getMessageId().toLowerCase(Locale.ROOT);
		String text = message.getMessage() == null ? "" : message.getMessage();
		if (id.startsWith("inv_") || id.contains("#") || text.startsWith("Constraint failed")) {
			return "invariant";
		}
		if (id.startsWith("terminology") || id.contains("codesystem") || id.contains("valueset")) {
			return "code-invalid";
		}
		return "processing";
	}
}
