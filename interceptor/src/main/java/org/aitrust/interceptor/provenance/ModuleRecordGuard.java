package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.aitrust.provenance.AiTransparency;
import org.aitrust.provenance.ModuleRecords;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Provenance;

/**
 * Refuses clients' writes of the module's records (its Provenance, Devices and model cards, as {@link ModuleRecords}
 * recognises them) with 403: they are evidence of which AI wrote a value and who reviewed it. The module itself
 * stores them with the system's authority, which the interceptor asking this guard does not see.
 */
final class ModuleRecordGuard {

	private final boolean allowProvenanceChanges;

	/** @param allowProvenanceChanges whether clients may update and delete module Provenance (never Devices or cards) */
	ModuleRecordGuard(boolean allowProvenanceChanges) {
		this.allowProvenanceChanges = allowProvenanceChanges;
	}

	/** A client's create, or an update that creates: refused when the resource claims to be a module record. */
	void checkCreate(IBaseResource resource) {
		refuseForgery(resource);
	}

	/** A client's update, patch or {@code $meta-add}: refused when either version is, or claims to be, a module record. */
	void checkUpdate(IBaseResource stored, IBaseResource changed) {
		if (!checkChange(stored, "updated")) {
			refuseForgery(changed);
		}
	}

	void checkDelete(IBaseResource stored) {
		checkChange(stored, "deleted");
	}

	/** @return whether a change of a module record was allowed; {@code false} when the stored one is not one */
	private boolean checkChange(IBaseResource stored, String verb) {
		boolean clientSupplied = stored instanceof Provenance && ModuleRecords.isClientSupplied(stored);
		if (!ModuleRecords.isModuleRecord(stored) && !clientSupplied) {
			return false;
		}
		String id = stored.getIdElement().toUnqualifiedVersionless().getValue();
		if (stored instanceof Provenance) {
			if (allowProvenanceChanges) {
				return true;
			}
			throw new ForbiddenOperationException(id + (clientSupplied
					? " is a client's AI-Provenance FHIR AI Trust recorded as the record of an AI write, and cannot be "
					: " was written by FHIR AI Trust and cannot be ") + verb
					+ " (aitrust.provenance.allow-provenance-changes=false)");
		}
		throw new ForbiddenOperationException(id + " is a record FHIR AI Trust keeps for an AI model and cannot be "
				+ verb + " by a client");
	}

	/**
	 * {@code $meta-add} and {@code $meta-delete} change tags without an update HAPI shows this interceptor: refused
	 * when they name the reserved tag, which would make a client's resource pass for the module's (a client's
	 * Provenance for a review) or strip a module record of it.
	 */
	void checkMetaChange(MetaOperationBody body) {
		if (body.metas().stream().anyMatch(ModuleRecords::namesReservedTag)) {
			throw new ForbiddenOperationException(body.name() + " may not name the tag "
					+ AiTransparency.PROJECT_SYSTEM_TAG + "|" + AiTransparency.PROJECT_TAG_MODULE_WRITTEN
					+ ": it is reserved for records written by FHIR AI Trust");
		}
		if (body.metas().stream().anyMatch(ModuleRecords::namesClientSuppliedTag)) {
			throw new ForbiddenOperationException(body.name() + " may not name the tag "
					+ AiTransparency.PROJECT_SYSTEM_TAG + "|" + AiTransparency.PROJECT_TAG_CLIENT_SUPPLIED
					+ ": FHIR AI Trust puts it on a client's AI-Provenance it recognised in a transaction");
		}
	}

	private static void refuseForgery(IBaseResource resource) {
		if (ModuleRecords.isClientSupplied(resource)) {
			throw new ForbiddenOperationException("The tag " + AiTransparency.PROJECT_SYSTEM_TAG + "|"
					+ AiTransparency.PROJECT_TAG_CLIENT_SUPPLIED + " is put by FHIR AI Trust on a client's AI-Provenance it"
					+ " recognised in a transaction with the resource it records; a client may not write it");
		}
		if (ModuleRecords.isModuleRecord(resource)) {
			throw new ForbiddenOperationException("Reserved for records written by FHIR AI Trust: the tag "
					+ AiTransparency.PROJECT_SYSTEM_TAG + "|" + AiTransparency.PROJECT_TAG_MODULE_WRITTEN + ", the ids Device/"
					+ ModuleRecords.DEVICE_ID_PREFIX + "* and DocumentReference/" + ModuleRecords.MODEL_CARD_ID_PREFIX
					+ "*, and identifiers of the system " + AiTransparency.PROJECT_NAMING_SYSTEM_AI_MODEL
					+ "; a client may not write them");
		}
	}
}
