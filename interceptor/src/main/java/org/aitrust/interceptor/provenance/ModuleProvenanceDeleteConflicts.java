package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflict;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;
import ca.uhn.fhir.jpa.interceptor.CascadingDeleteInterceptor;
import org.aitrust.interceptor.core.ModuleRecordWriter;
import org.aitrust.provenance.ModuleRecords;

/**
 * The module's own Provenance never blocks a delete. With HAPI's referential integrity on delete (its default), a
 * resource another resource refers to cannot be deleted; the module's Provenance refer to what they record (the
 * reviewer of a review, inputs a client listed in {@code X-Provenance}), and clients may not delete them, so without
 * this rule such a resource could never be deleted. It drops, from the conflicts HAPI found, those whose source is a
 * module-written Provenance or a client's AI-Provenance the module recognised (tagged client-supplied, which clients
 * may not delete either), and only those: a client's own references still block as HAPI decides.
 *
 * <p>HAPI first looks for one conflict, and looks again for up to {@code maximumDeleteConflictQueryCount} when a hook
 * asks it to: after dropping a module Provenance the rule asks once, so a client's reference behind it is still found.
 * When that second page is full, references beyond it are unseen, so the rule leaves the conflicts as HAPI found them
 * (409) rather than let a client's reference dangle. It runs before HAPI's path override and cascading delete, so a
 * cascade never tries to delete the module's records.
 */
@Interceptor
public class ModuleProvenanceDeleteConflicts {

	private final ModuleRecordWriter records;
	private final int conflictPageSize;

	/**
	 * @param conflictPageSize how many conflicts HAPI reads when asked again (its storage setting
	 *     {@code maximumDeleteConflictQueryCount})
	 */
	public ModuleProvenanceDeleteConflicts(ModuleRecordWriter records, int conflictPageSize) {
		this.records = records;
		this.conflictPageSize = conflictPageSize;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS,
			order = CascadingDeleteInterceptor.OVERRIDE_PATH_BASED_REF_INTEGRITY_INTERCEPTOR_ORDER - 1)
	public DeleteConflictOutcome dropModuleProvenance(DeleteConflictList conflicts) {
		if (conflicts.size() >= conflictPageSize && conflictPageSize > 1) {
			return null; // a full page may hide a client's reference
		}
		boolean dropped = conflicts.removeIf(this::fromModuleProvenance);
		return dropped ? new DeleteConflictOutcome().setShouldRetryCount(1) : null;
	}

	private boolean fromModuleProvenance(DeleteConflict conflict) {
		return "Provenance".equals(conflict.getSourceId().getResourceType())
				&& records.find(conflict.getSourceId()).filter(ModuleRecords::isAttested).isPresent();
	}
}
