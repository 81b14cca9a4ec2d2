package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.interceptor.core.WriteMarks;
import org.aitrust.interceptor.core.ReviewedWrite;
import org.aitrust.interceptor.core.SystemRequests;
import org.aitrust.interceptor.report.OperationParameters;
import org.aitrust.interceptor.store.UnreviewedVersion;
import org.aitrust.interceptor.store.UnreviewedVersions;
import org.aitrust.interceptor.store.WorklistCursor;
import org.aitrust.interceptor.store.WorklistQuery;
import org.aitrust.provenance.AiLabels;
import org.aitrust.provenance.AiModel;
import org.aitrust.provenance.AiReviewOutcome;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.provenance.ModuleRecords;
import org.aitrust.provenance.ReviewProvenanceBuilder;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clinician-in-the-loop operations: {@code POST [base]/[type]/[id]/$ai-review} records that a human
 * verified, corrected or rejected the current version of an AI-written resource, and {@code GET
 * [base]/$ai-unreviewed} lists AI-written resources whose current version nobody has reviewed yet.
 *
 * <p>Only reviews this operation recorded count: the review Provenance is written by the module, with the system's
 * authority and the module-written tag, through {@link ModuleRecordWriter}. A Provenance a client stores itself with a
 * verifier agent is kept (FHIR allows it, and refusing it would break clients that record their own workflow) but
 * is never taken for a review: it does not take a resource off {@code $ai-unreviewed} nor count as reviewed in
 * {@code $data-quality} or {@code $ai-oversight}.
 */
public class AiReviewProvider {

	public static final String REVIEW = "$ai-review";
	public static final String UNREVIEWED = "$ai-unreviewed";
	static final int DEFAULT_COUNT = 50;
	static final int MAX_COUNT = 500;
	/** The parameter of a {@code next} link that says where the previous page ended. */
	static final String CURSOR = "cursor";
	private static final Set<String> UNREVIEWED_PARAMETERS =
			Set.of("type", "patient", "_count", CURSOR, "_format", "_pretty");
	private static final Set<String> REVIEWER_TYPES = Set.of("Practitioner", "PractitionerRole");

	private final DaoRegistry daoRegistry;
	private final AiAgentRegistry agents;
	private final ModuleRecordWriter records;
	private final TransactionTemplate transaction;
	private final Clock clock;
	private final ReviewerRule reviewers;
	private final UnreviewedVersions worklist;
	private final ModuleReviews reviews;

	/**
	 * @param reviewers who a review may name as its reviewer: the caller's own user, or anyone when an administrator
	 *     records it on their behalf
	 * @param worklist the AI-labelled resources whose current version has no review, kept by
	 *     {@link UnreviewedWorklistInterceptor}
	 */
	public AiReviewProvider(
			DaoRegistry daoRegistry,
			AiAgentRegistry agents,
			ModuleRecordWriter records,
			PlatformTransactionManager transactionManager,
			Clock clock,
			ReviewerRule reviewers,
			UnreviewedVersions worklist) {
		this.daoRegistry = daoRegistry;
		this.agents = agents;
		this.records = records;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.reviewers = reviewers;
		this.worklist = worklist;
		this.reviews = new ModuleReviews(daoRegistry);
	}

	@Operation(name = REVIEW, global = true)
	public Provenance review(
			@IdParam IIdType id,
			@OperationParam(name = "reviewer", max = 1) Reference reviewer,
			@OperationParam(name = "outcome", min = 1, max = 1) CodeType outcome,
			@OperationParam(name = "note", max = 1) StringType note,
			RequestDetails request) {
		AiReviewOutcome reviewOutcome = outcomeOf(outcome);
		requireReviewerShape(reviewer);
		ReviewerRule.Reviewer named = reviewers.reviewerOf(request, reviewer);
		Reference reviewerReference = existingReviewer(named.reviewer());
		Reference enterer = entererOnThisServer(named.enterer());
		return transaction.execute(status -> {
			Resource reviewed = (Resource) daoRegistry.getResourceDao(id.getResourceType())
					.read(id.toUnqualifiedVersionless(), request);
			if (!AiLabels.isAiAsserted(reviewed)) {
				throw new UnprocessableEntityException(id.toUnqualifiedVersionless().getValue()
						+ " is not labelled AI-asserted (AIAST); only AI-written resources are reviewed with " + REVIEW);
			}
			IIdType version = reviewed.getIdElement().toUnqualified();
			Instant now = clock.instant();
			Provenance aiProvenance = aiProvenanceOf(version, request);
			// Taking the version off the worklist is the claim of its first review: a concurrent review of the same
			// version waits for this transaction and then finds nothing to take. A version not listed was reviewed
			// already, or was written before the worklist existed; the review Provenance then decide.
			boolean firstReview = worklist.removeVersion(
							version.getResourceType(), version.getIdPart(), version.getVersionIdPartAsLong())
					|| !reviews.reviewedVersionsOf(List.of(reviewed), request).contains(version.getValue());
			Provenance review = ReviewProvenanceBuilder.forTarget(version)
					.outcome(reviewOutcome)
					.reviewer(reviewerReference)
					.enterer(enterer)
					.recorded(now)
					.aiProvenance(aiProvenance == null ? null : aiProvenance.getIdElement().toUnqualifiedVersionless())
					.note(note == null ? null : note.getValue())
					.build();
			Device aiDevice = aiDeviceOf(aiProvenance);
			new ReviewedWrite(reviewed, reviewOutcome.code(), now, submitterOf(aiProvenance, aiDevice), firstReview,
					modelOf(aiProvenance, aiDevice), recordedByModule(aiProvenance)).attachTo(review);
			ModuleRecords.tag(review);
			WriteMarks.markModuleWritten(review);
			IIdType stored = records.create(review, request, null);
			review.setId(stored);
			return review;
		});
	}

	/**
	 * The review worklist, newest first: AI-labelled resources whose current version has no review, of one type and/or
	 * about one patient when asked, a page of {@code _count} at a time with a {@code next} link while more follow.
	 * {@code total} counts the whole worklist for these filters. Each resource is read with the caller's request, so
	 * the host's authorization applies: an entry the caller may not read, or one deleted since the page was listed,
	 * is left out and said so in an OperationOutcome entry.
	 */
	@Operation(name = UNREVIEWED, idempotent = true, bundleType = ca.uhn.fhir.model.valueset.BundleTypeEnum.SEARCHSET)
	public Bundle unreviewed(
			@OperationParam(name = "type", max = 1) CodeType type,
			@OperationParam(name = "patient", max = 1) StringType patient,
			@OperationParam(name = "_count", max = 1) IntegerType count,
			@OperationParam(name = CURSOR, max = 1) StringType cursor,
			RequestDetails request) {
		OperationParameters.refuseUnknown(UNREVIEWED, request, UNREVIEWED_PARAMETERS);
		String resourceType = type == null || type.isEmpty() ? null : type.getValue();
		if (resourceType != null && !daoRegistry.isResourceTypeSupported(resourceType)) {
			throw new InvalidRequestException(UNREVIEWED + " 'type' must name a resource type this server stores; was '"
					+ resourceType + "'");
		}
		String patientKey = patient == null || patient.isEmpty() ? null : patientKeyOf(patient.getValue());
		int limit = count == null || count.getValue() == null ? DEFAULT_COUNT : count.getValue();
		if (limit < 1 || limit > MAX_COUNT) {
			throw new InvalidRequestException("_count must be between 1 and " + MAX_COUNT);
		}
		WorklistCursor after = cursorOf(cursor);
		WorklistQuery query = WorklistQuery.of(resourceType, patientKey);
		List<UnreviewedVersion> page = worklist.page(query, after, limit + 1);
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		bundle.setTotal((int) Math.min(Integer.MAX_VALUE, worklist.count(query)));
		String base = request.getFhirServerBase();
		bundle.addLink().setRelation(Bundle.LINK_SELF).setUrl(request.getCompleteUrl());
		if (page.size() > limit) {
			page = page.subList(0, limit);
			bundle.addLink().setRelation(Bundle.LINK_NEXT).setUrl(base + "/" + UNREVIEWED + "?"
					+ UnreviewedLinks.query(resourceType, patientKey, limit, WorklistCursor.after(page.get(limit - 1))));
		}
		int refused = 0;
		int gone = 0;
		for (UnreviewedVersion entry : page) {
			IdType id = new IdType(entry.resourceType(), entry.idPart());
			try {
				Resource resource = (Resource) daoRegistry.getResourceDao(entry.resourceType()).read(id, request);
				bundle.addEntry().setResource(resource).setFullUrl(base + "/" + id.getValue())
						.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
			} catch (ForbiddenOperationException e) {
				refused++;
			} catch (ResourceNotFoundException | ResourceGoneException e) {
				gone++;
			}
		}
		if (refused + gone > 0) {
			bundle.addEntry().setResource(leftOut(refused, gone)).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
		}
		return bundle;
	}

	/** {@code Patient/id} from {@code Patient/id} or a bare id; 400 for anything else. */
	private static String patientKeyOf(String value) {
		IdType id = new IdType(value.trim());
		boolean bare = id.getResourceType() == null && id.hasIdPart();
		if ((!bare && !"Patient".equals(id.getResourceType())) || !id.hasIdPart() || id.isAbsolute() || id.hasVersionIdPart()) {
			throw new InvalidRequestException(UNREVIEWED + " 'patient' must be a Patient id or reference on this server,"
					+ " like Patient/123; was '" + value + "'");
		}
		return "Patient/" + id.getIdPart();
	}

	private static WorklistCursor cursorOf(StringType cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			return WorklistCursor.parse(cursor.getValue());
		} catch (IllegalArgumentException e) {
			throw new InvalidRequestException(UNREVIEWED + " '" + CURSOR + "' is not a position a 'next' link gave: "
					+ cursor.getValue());
		}
	}

	private static OperationOutcome leftOut(int refused, int gone) {
		OperationOutcome outcome = new OperationOutcome();
		if (refused > 0) {
			outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
					.setCode(OperationOutcome.IssueType.SUPPRESSED)
					.setDiagnostics(refused + " unreviewed resource(s) on this page are not shown: this caller may not read them");
		}
		if (gone > 0) {
			outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
					.setCode(OperationOutcome.IssueType.NOTFOUND)
					.setDiagnostics(gone + " unreviewed resource(s) on this page were deleted while it was read");
		}
		return outcome;
	}

	/**
	 * The client that submitted an AI write: the enterer its AI-Provenance names, else the registered agent client
	 * running the model of its AI Device; {@code null} when neither says.
	 */
	/**
	 * When the module recorded the AI write, by its own clock (the clock its arrival row was counted by); {@code null}
	 * for a Provenance the module did not write, whose {@code recorded} a client chose.
	 */
	private static Instant recordedByModule(Provenance aiProvenance) {
		return aiProvenance != null && ModuleRecords.isTagged(aiProvenance) && aiProvenance.hasRecorded()
				? aiProvenance.getRecorded().toInstant() : null;
	}

	private String submitterOf(Provenance aiProvenance, Device aiDevice) {
		if (aiProvenance == null) {
			return null;
		}
		for (Provenance.ProvenanceAgentComponent agent : aiProvenance.getAgent()) {
			Identifier identifier = agent.getWho().getIdentifier();
			if (AiTransparency.PROJECT_NAMING_SYSTEM_CLIENT.equals(identifier.getSystem()) && identifier.hasValue()) {
				return identifier.getValue();
			}
		}
		return aiDevice == null ? null : agents.clientRunning(aiDevice).orElse(null);
	}

	/**
	 * The AI model of a write as the write named it: the model identifier of the Device the module maintains for it
	 * ({@code unknown} for the unidentified AI system), else the Device reference a client named.
	 */
	private static String modelOf(Provenance aiProvenance, Device aiDevice) {
		if (aiDevice != null) {
			for (Identifier identifier : aiDevice.getIdentifier()) {
				if (AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL.equals(identifier.getSystem()) && identifier.hasValue()) {
					return identifier.getValue().equals(AiModel.unidentified().identifierValue())
							? WriteMarks.UNKNOWN_MODEL : identifier.getValue();
				}
			}
			return aiDevice.getIdElement().toUnqualifiedVersionless().getValue();
		}
		return WriteMarks.UNKNOWN_MODEL;
	}

	/** The Device that is the AI agent of an AI-Provenance, or {@code null}. */
	private Device aiDeviceOf(Provenance aiProvenance) {
		if (aiProvenance == null) {
			return null;
		}
		// the agent in the AI role: first in the module's records, anywhere in a client's
		Provenance.ProvenanceAgentComponent aiAgent = aiProvenance.getAgent().stream()
				.filter(agent -> agent.getRole().stream().anyMatch(role -> role.getCoding().stream().anyMatch(c ->
						AiTransparency.SYSTEM_AI_DEVICE_TYPE.equals(c.getSystem())
								&& AiTransparency.CODE_ARTIFICIAL_INTELLIGENCE.equals(c.getCode()))))
				.findFirst().orElse(aiProvenance.getAgentFirstRep());
		IdType device = new IdType(aiAgent.getWho().getReference());
		if (!"Device".equals(device.getResourceType()) || !device.hasIdPart()) {
			return null;
		}
		try {
			return (Device) daoRegistry.getResourceDao(Device.class)
					.read(device.toUnqualifiedVersionless(), new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}

	/**
	 * The AI-Provenance whose target is exactly this version, if there is one: the module's, or a client's it recognised
	 * in a transaction (tagged client-supplied).
	 */
	private Provenance aiProvenanceOf(IIdType version, RequestDetails request) {
		SearchParameterMap byTarget = SearchParameterMap.newSynchronous(
				"target", new ReferenceParam(version.toUnqualifiedVersionless().getValue()));
		return daoRegistry.getResourceDao(Provenance.class).search(byTarget, SystemRequests.beside(request))
				.getAllResources().stream()
				.map(Provenance.class::cast)
				.filter(p -> p.getMeta().hasProfile(AiTransparency.PROFILE_AI_PROVENANCE) && ModuleRecords.isAttested(p))
				.filter(p -> p.getTarget().stream().anyMatch(t -> version.getValue().equals(t.getReference())))
				.findFirst()
				.orElse(null);
	}

	private static AiReviewOutcome outcomeOf(CodeType outcome) {
		if (outcome == null || outcome.getValue() == null) {
			throw new InvalidRequestException(REVIEW + " needs an 'outcome': verified, corrected or rejected");
		}
		try {
			return AiReviewOutcome.fromCode(outcome.getValue());
		} catch (IllegalArgumentException e) {
			throw new InvalidRequestException(REVIEW + " 'outcome': " + e.getMessage());
		}
	}

	/** A body {@code reviewer}, when there is one, is a relative Practitioner or PractitionerRole reference. */
	private static void requireReviewerShape(Reference reviewer) {
		if (reviewer == null || reviewer.getReferenceElement().isEmpty()) {
			return;
		}
		IdType id = new IdType(reviewer.getReference());
		if (!REVIEWER_TYPES.contains(id.getResourceType()) || !id.hasIdPart() || id.isAbsolute()) {
			throw new InvalidRequestException(REVIEW + " 'reviewer' must reference a Practitioner or PractitionerRole"
					+ " on this server, like Practitioner/123; was '" + reviewer.getReference() + "'");
		}
	}

	/** The reviewer as a versionless reference, once it is known to exist on this server (422 otherwise). */
	private Reference existingReviewer(Reference reviewer) {
		IdType id = new IdType(reviewer.getReference());
		if (!REVIEWER_TYPES.contains(id.getResourceType()) || !id.hasIdPart()) {
			throw new InvalidRequestException(REVIEW + " 'reviewer' must reference a Practitioner or PractitionerRole"
					+ ", like Practitioner/123; was '" + reviewer.getReference() + "'");
		}
		if (!exists(id)) {
			throw new UnprocessableEntityException(REVIEW + " 'reviewer' " + id.toUnqualifiedVersionless().getValue()
					+ " does not exist on this server");
		}
		return new Reference(id.toUnqualifiedVersionless().getValue()).setDisplay(reviewer.getDisplay());
	}

	/**
	 * The enterer as the rule named it; a user the server does not hold (an administrator's {@code fhirUser} kept
	 * elsewhere) is named by display instead, since the server refuses a reference to a resource it does not have.
	 */
	private Reference entererOnThisServer(Reference enterer) {
		if (enterer == null || !enterer.hasReference()) {
			return enterer;
		}
		IdType id = new IdType(enterer.getReference());
		if (daoRegistry.isResourceTypeSupported(id.getResourceType()) && exists(id)) {
			return enterer;
		}
		return new Reference().setDisplay("fhirUser " + enterer.getReference());
	}

	private boolean exists(IdType id) {
		IFhirResourceDao<?> dao = daoRegistry.getResourceDao(id.getResourceType());
		try {
			dao.read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}
}
