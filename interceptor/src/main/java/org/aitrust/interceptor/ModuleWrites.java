package org.aitrust.interceptor;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What one capability of the module tells the others about a resource in a write: that the module wrote it
 * itself (Provenance, Devices), so it is neither judged as client input nor counted as an arrival; and that
 * the module recorded an AI-Provenance for it, which the quality metrics report as AI share.
 */
public final class ModuleWrites {

	private static final String KEY = ModuleWrites.class.getName();
	private static final String PROVENANCE_RECORDED = ModuleWrites.class.getName() + ".provenanceRecorded";

	private ModuleWrites() {}

	public static void markModuleWritten(IBaseResource resource) {
		resource.setUserData(KEY, Boolean.TRUE);
	}

	public static boolean isModuleWritten(IBaseResource resource) {
		return Boolean.TRUE.equals(resource.getUserData(KEY));
	}

	/** Notes on a client's resource that the module stored an AI-Provenance for the version being written. */
	public static void markProvenanceRecorded(IBaseResource resource) {
		resource.setUserData(PROVENANCE_RECORDED, Boolean.TRUE);
	}

	public static boolean isProvenanceRecorded(IBaseResource resource) {
		return Boolean.TRUE.equals(resource.getUserData(PROVENANCE_RECORDED));
	}
}
