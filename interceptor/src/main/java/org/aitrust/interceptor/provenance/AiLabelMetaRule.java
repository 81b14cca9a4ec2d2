package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.function.BooleanSupplier;
import org.aitrust.provenance.AiLabels;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The AI label may change only with a version that says who wrote it. {@code $meta-add} and {@code $meta-delete}
 * change labels in place, without a new version, so:
 * <ul>
 *   <li>{@code $meta-add} of AIAST (or of PROCESSINLINELABEL, which makes inline AIAST labels count) is refused with
 *       422. An AI-Provenance would have to target a version someone else wrote, a false attribution; the client is
 *       told to write the resource as an AI write instead, which stores a new version with its AI-Provenance.
 *   <li>{@code $meta-delete} of AIAST is refused with 422 as an update that drops it: unless
 *       {@code aitrust.provenance.allow-label-removal} is set, and even then when the version would still be an AI
 *       write (an AI agent, whose update would be labelled again, or inline labels), since a {@code $meta-delete}
 *       would leave AI content unlabelled.
 * </ul>
 */
final class AiLabelMetaRule {

	private static final String REMOVAL_REFUSED = "a client that is not an AI agent may not remove the label."
			+ " Keep the label, or record a human review with $ai-review.";

	private final boolean allowLabelRemoval;

	/** @param allowLabelRemoval whether a client that is not an AI agent may remove AIAST */
	AiLabelMetaRule(boolean allowLabelRemoval) {
		this.allowLabelRemoval = allowLabelRemoval;
	}

	/** Refuses a {@code $meta-add} that names an AI label. */
	void checkAdd(IIdType target, MetaOperationBody body) {
		if (body.delete() || body.metas().stream().noneMatch(AiLabels::namesAiLabel)) {
			return;
		}
		throw new UnprocessableEntityException(body.name() + " may not add the AI label "
				+ AiTransparency.SYSTEM_V3_OBSERVATION_VALUE + "|" + AiTransparency.CODE_AIAST + " (or "
				+ AiTransparency.SYSTEM_V3_ACT_CODE + "|" + AiTransparency.CODE_PROCESSINLINELABEL + ") to "
				+ versionless(target) + ": " + body.name() + " stores no new version, so the label would mark a version"
				+ " someone else wrote as AI-asserted, with no AI-Provenance. Write the resource as an AI write instead:"
				+ " an update carrying the label, or a write from a registered AI agent, stores a new version with its"
				+ " AI-Provenance.");
	}

	/**
	 * Refuses a {@code $meta-delete} that names AIAST. Unless label removal is allowed it is refused without reading
	 * the resource, so the answer tells a caller nothing about a resource it may not be allowed to read.
	 *
	 * @param stillAnAiWrite asked only when label removal is allowed: whether the named version carries AIAST and
	 *     would without it still be an AI write (the caller is an AI agent, or inline labels remain), as the update
	 *     path decides it
	 */
	void checkDelete(IIdType target, MetaOperationBody body, BooleanSupplier stillAnAiWrite) {
		if (!body.delete() || body.metas().stream().noneMatch(AiLabels::namesResourceLabel)) {
			return;
		}
		if (!allowLabelRemoval) {
			throw new UnprocessableEntityException(body.name() + " may not remove the AI label "
					+ AiTransparency.SYSTEM_V3_OBSERVATION_VALUE + "|" + AiTransparency.CODE_AIAST + " from "
					+ versionless(target) + ": " + REMOVAL_REFUSED);
		}
		if (stillAnAiWrite.getAsBoolean()) {
			throw new UnprocessableEntityException(versionless(target)
					+ " is labelled AI-asserted (AIAST) and its content is still AI-written: " + body.name()
					+ " may not remove the label. A version without it must be written by a client that is not an AI"
					+ " agent.");
		}
	}

	/** The answer to an update or {@code $meta-delete} that would store an AIAST-labelled resource without it. */
	static UnprocessableEntityException labelRemovalRefused(IIdType id) {
		return new UnprocessableEntityException(versionless(id) + " is labelled AI-asserted (AIAST); " + REMOVAL_REFUSED);
	}

	private static String versionless(IIdType id) {
		return id.toUnqualifiedVersionless().getValue();
	}
}
