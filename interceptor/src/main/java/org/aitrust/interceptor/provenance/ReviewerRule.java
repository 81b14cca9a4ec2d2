package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Set;
import org.aitrust.interceptor.identity.Caller;
import org.aitrust.interceptor.identity.CallerResolver;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Who a {@code $ai-review} names as the reviewer: the reviewer is the caller's own user, the token's {@code fhirUser},
 * which must be a Practitioner or PractitionerRole. A body {@code reviewer} naming anyone else is refused (403) unless
 * the caller is an administrator of the module recording the review on that clinician's behalf; then the review also
 * names who entered it.
 *
 * <ul>
 * <li>An authenticated caller whose {@code fhirUser} is {@code Practitioner/x} or {@code PractitionerRole/x} reviews as
 * that user; the body {@code reviewer} may be left out, or name the same user. An absolute {@code fhirUser}
 * ({@code https://host/fhir/Practitioner/123}, as identity providers often issue it) is taken by its
 * {@code Practitioner/123} tail: the base is not compared with this server's, whose public address may differ behind
 * a proxy; the reviewer must still exist on this server.</li>
 * <li>A {@code fhirUser} of another type (a Patient, a RelatedPerson) cannot verify AI output: 403.</li>
 * <li>An authenticated caller without {@code fhirUser} (a backend client) may only record a review on a clinician's
 * behalf, as an administrator naming the {@code reviewer}: 403 otherwise.</li>
 * <li>On a clinician's behalf, the enterer is the administrator's {@code fhirUser}, else its client, by identifier
 * and display.</li>
 * <li>A caller without credentials (a server without security, or a client only a trusted proxy named) is not
 * checked: the body {@code reviewer} is required and taken as given, as the open server always did.</li>
 * </ul>
 *
 * <p>The administrator decision is passed in ({@link Administrators}); the wiring gives it authorization's own
 * decision, the module's admin scope among the caller's scopes. The shape of the body {@code reviewer} (a relative
 * Practitioner or PractitionerRole reference) and the reviewer's existence are checked by the operation.
 */
public final class ReviewerRule {

	private static final Set<String> REVIEWER_TYPES = Set.of("Practitioner", "PractitionerRole");

	/** Whether the caller of a request is an administrator of the module, who may review on a clinician's behalf. */
	@FunctionalInterface
	public interface Administrators {
		boolean isAdministrator(RequestDetails request);
	}

	/**
	 * Who a review names.
	 *
	 * @param reviewer the verifier, a relative Practitioner or PractitionerRole reference
	 * @param enterer who entered the review on the reviewer's behalf; {@code null} when the reviewer did
	 */
	public record Reviewer(Reference reviewer, Reference enterer) {}

	private final CallerResolver callers;
	private final Administrators administrators;

	public ReviewerRule(CallerResolver callers, Administrators administrators) {
		this.callers = callers;
		this.administrators = administrators;
	}

	/**
	 * The reviewer of a review the caller of {@code request} records.
	 *
	 * @param bodyReviewer the operation's {@code reviewer} parameter, {@code null} when absent
	 * @throws ForbiddenOperationException when the caller may not record a review naming this reviewer
	 * @throws InvalidRequestException when no reviewer is named and the caller has no user to review as
	 */
	public Reviewer reviewerOf(RequestDetails request, Reference bodyReviewer) {
		Caller caller = callers.resolve(request);
		return decide(caller, caller.authenticated() && administrators.isAdministrator(request), bodyReviewer);
	}

	/** The rule itself, for a resolved caller; {@code administrator} is the module's decision about it. */
	static Reviewer decide(Caller caller, boolean administrator, Reference bodyReviewer) {
		Reference named = bodyReviewer == null || bodyReviewer.getReferenceElement().isEmpty() ? null : bodyReviewer;
		if (!caller.authenticated()) {
			if (named == null) {
				throw new InvalidRequestException(AiReviewProvider.REVIEW
						+ " needs a 'reviewer': a reference to a Practitioner or PractitionerRole");
			}
			return new Reviewer(named, null);
		}
		String user = userReference(caller.fhirUser());
		boolean clinician = user != null && REVIEWER_TYPES.contains(new IdType(user).getResourceType());
		boolean someoneElse = named != null && !relative(named.getReference()).equals(user);
		if (administrator && someoneElse) {
			return new Reviewer(named, entererOf(caller, user));
		}
		if (caller.fhirUser() == null) {
			throw new ForbiddenOperationException(AiReviewProvider.REVIEW + " records a clinician's own review and needs"
					+ " a user token whose fhirUser names the reviewing Practitioner or PractitionerRole; client '"
					+ caller.clientId() + "' has none (an administrator of the module may record a review on a"
					+ " clinician's behalf by naming the 'reviewer')");
		}
		if (!clinician) {
			throw new ForbiddenOperationException(AiReviewProvider.REVIEW + ": the caller's fhirUser '" + caller.fhirUser()
					+ "' is not a Practitioner or PractitionerRole, and only a clinician verifies AI output");
		}
		if (someoneElse) {
			throw new ForbiddenOperationException(AiReviewProvider.REVIEW + " records the caller's own review: the token's"
					+ " fhirUser is " + user + " but the 'reviewer' names " + relative(named.getReference())
					+ "; only an administrator of the module may record a review on someone else's behalf");
		}
		return new Reviewer(new Reference(user).setDisplay(named == null ? null : named.getDisplay()), null);
	}

	/**
	 * A {@code fhirUser} as a relative reference {@code Type/id}, an absolute URL by its tail (without a version);
	 * {@code null} when there is none or it is no FHIR reference at all.
	 */
	static String userReference(String fhirUser) {
		if (fhirUser == null || fhirUser.isBlank()) {
			return null;
		}
		IdType id = new IdType(fhirUser.trim());
		if (!id.hasResourceType() || !id.hasIdPart() || !id.getResourceType().matches("[A-Z][A-Za-z]+")) {
			return null;
		}
		return id.toUnqualifiedVersionless().getValue();
	}

	private static String relative(String reference) {
		String relative = userReference(reference);
		return relative == null ? reference : relative;
	}

	/** The administrator who entered a review on someone's behalf: its user by reference, else its client. */
	private static Reference entererOf(Caller caller, String user) {
		if (user != null) {
			return new Reference(user);
		}
		String client = caller.clientId() == null ? "an unnamed client" : "client " + caller.clientId();
		Reference enterer = new Reference().setDisplay(
				caller.fhirUser() == null ? client : "fhirUser " + caller.fhirUser() + " of " + client);
		if (caller.clientId() != null) {
			enterer.setIdentifier(new Identifier().setSystem(AiTransparency.PROJECT_NAMING_SYSTEM_CLIENT)
					.setValue(caller.clientId()));
		}
		return enterer;
	}
}
