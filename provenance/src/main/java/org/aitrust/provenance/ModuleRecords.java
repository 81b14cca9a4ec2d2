package org.aitrust.provenance;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;

/**
 * Which stored resources are the module's own records: the AI-Provenance and review Provenance it writes, and the
 * AI-Devices and model cards it keeps for each model version. These are evidence (which AI wrote a value, who verified
 * it), so no client may create, change or delete them, and only they count where evidence is read.
 *
 * <p>One place decides, so that the refusal of client writes and the reading of reviews cannot disagree. A record is
 * the module's when it carries the reserved tag {@value AiTransparency#PROJECT_SYSTEM_TAG}|{@value
 * AiTransparency#PROJECT_TAG_MODULE_WRITTEN}, when it sits at an id the module reserves for its Devices ({@value
 * #DEVICE_ID_PREFIX}…) and model cards ({@value #MODEL_CARD_ID_PREFIX}…), or when it is a Device or model card
 * carrying the module's model identifier ({@value AiTransparency#PROJECT_NAMING_SYSTEM_AI_MODEL}). The last two also
 * recognise the untagged Devices and model cards of databases written before the tag was put on them, and refuse a
 * client that takes a reserved id before the module first uses it.
 */
public final class ModuleRecords {

	/** How the ids of the module's AI-Devices begin: {@code Device/ai-model-<hash of name|version>}. */
	public static final String DEVICE_ID_PREFIX = "ai-model-";
	/** How the ids of the module's model cards begin: {@code DocumentReference/ai-model-card-<hash>}. */
	public static final String MODEL_CARD_ID_PREFIX = "ai-model-card-";

	private static final String DISPLAY = "Written by FHIR AI Trust";

	private ModuleRecords() {}

	/** Puts the reserved tag on a record the module is about to store (once, however often it is called). */
	public static void tag(Resource record) {
		if (!isTagged(record)) {
			record.getMeta().addTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_MODULE_WRITTEN, DISPLAY);
		}
	}

	/**
	 * Puts the tag {@value AiTransparency#PROJECT_TAG_CLIENT_SUPPLIED} on a client's own AI-Provenance the module
	 * recognised and checked (the IG's transaction pattern), which keeps it immutable like the module's records.
	 */
	public static void tagClientSupplied(Resource provenance) {
		if (!isClientSupplied(provenance)) {
			provenance.getMeta().addTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_CLIENT_SUPPLIED,
					"Client's AI-Provenance, checked by FHIR AI Trust");
		}
	}

	/** Whether a resource carries the client-supplied tag, which only the module may put on. */
	public static boolean isClientSupplied(IBaseResource resource) {
		return resource instanceof Resource r4 && namesClientSuppliedTag(r4.getMeta());
	}

	/** Whether a {@code Meta} names the client-supplied tag. */
	public static boolean namesClientSuppliedTag(Meta meta) {
		return meta != null
				&& meta.getTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_CLIENT_SUPPLIED) != null;
	}

	/**
	 * Whether a resource is an AI-Provenance the module stands behind: one it wrote, or a client's it recognised and
	 * tagged. Both are immutable, and both are what {@code $ai-review} links a review to.
	 */
	public static boolean isAttested(IBaseResource resource) {
		return isTagged(resource) || isClientSupplied(resource);
	}

	/** Whether a resource carries the reserved tag, which only the module may put on. */
	public static boolean isTagged(IBaseResource resource) {
		return resource instanceof Resource r4 && namesReservedTag(r4.getMeta());
	}

	/** Whether a {@code Meta} (a resource's, or one a client sends to {@code $meta-add}) names the reserved tag. */
	public static boolean namesReservedTag(Meta meta) {
		return meta != null
				&& meta.getTag(AiTransparency.PROJECT_SYSTEM_TAG, AiTransparency.PROJECT_TAG_MODULE_WRITTEN) != null;
	}

	/** Whether an id is one the module reserves for its Devices or model cards; the version is ignored. */
	public static boolean isReservedId(IIdType id) {
		if (id == null || !id.hasIdPart()) {
			return false;
		}
		String type = id.getResourceType();
		return ("Device".equals(type) && id.getIdPart().startsWith(DEVICE_ID_PREFIX))
				|| ("DocumentReference".equals(type) && id.getIdPart().startsWith(MODEL_CARD_ID_PREFIX));
	}

	/**
	 * Whether a resource is, or claims to be, one of the module's records: tagged, at a reserved id, or a Device or
	 * model card carrying the module's model identifier. A client write of such a resource is a forgery or an
	 * overwrite of evidence.
	 */
	public static boolean isModuleRecord(IBaseResource resource) {
		if (resource == null) {
			return false;
		}
		return isTagged(resource) || isReservedId(typed(resource)) || carriesModelIdentifier(resource);
	}

	/** The resource's id with its type, as a client's body may leave the type out. */
	private static IIdType typed(IBaseResource resource) {
		IIdType id = resource.getIdElement();
		if (id == null || !id.hasIdPart() || id.hasResourceType() || !(resource instanceof Resource r4)) {
			return id;
		}
		return id.withResourceType(r4.fhirType());
	}

	private static boolean carriesModelIdentifier(IBaseResource resource) {
		if (resource instanceof Device device) {
			return device.getIdentifier().stream().anyMatch(ModuleRecords::isModelIdentifier);
		}
		if (resource instanceof DocumentReference card) {
			return card.getIdentifier().stream().anyMatch(ModuleRecords::isModelIdentifier)
					|| isModelIdentifier(card.getMasterIdentifier());
		}
		return false;
	}

	private static boolean isModelIdentifier(Identifier identifier) {
		return identifier != null && AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL.equals(identifier.getSystem());
	}
}
