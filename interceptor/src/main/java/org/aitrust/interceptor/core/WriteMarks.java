package org.aitrust.interceptor.core;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What one capability of the module tells the others about a resource in a write: that the module wrote it
 * itself (Provenance, Devices), so it is neither judged as client input nor counted as an arrival; and that
 * the module recorded an AI-Provenance for it, which the quality metrics report as AI share.
 */
public final class WriteMarks {

	private static final String KEY = WriteMarks.class.getName();
	private static final String PROVENANCE_RECORDED = WriteMarks.class.getName() + ".provenanceRecorded";
	private static final String AI_MODEL = WriteMarks.class.getName() + ".aiModel";

	/** The AI model of a write whose model is not known: only its AIAST label said it was AI-written. */
	public static final String UNKNOWN_MODEL = "unknown";

	private WriteMarks() {}

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

	/**
	 * Notes which AI model wrote a resource, as soon as that is known (before validation may refuse the write): {@code
	 * name|version} of a known model, the Device reference a client named, or {@link #UNKNOWN_MODEL}.
	 */
	public static void markAiModel(IBaseResource resource, String aiModel) {
		resource.setUserData(AI_MODEL, aiModel);
	}

	/** The AI model noted for this write, or {@link #UNKNOWN_MODEL}. */
	public static String aiModelOf(IBaseResource resource) {
		return resource.getUserData(AI_MODEL) instanceof String model ? model : UNKNOWN_MODEL;
	}

	public static boolean isProvenanceRecorded(IBaseResource resource) {
		return Boolean.TRUE.equals(resource.getUserData(PROVENANCE_RECORDED));
	}
}
