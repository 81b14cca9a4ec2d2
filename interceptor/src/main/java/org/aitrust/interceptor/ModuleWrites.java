package org.aitrust.interceptor;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Marks resources the module writes itself (Provenance, Devices), so its other capabilities neither judge
 * them as client input nor count them as arrivals.
 */
public final class ModuleWrites {

	private static final String KEY = ModuleWrites.class.getName();

	private ModuleWrites() {}

	public static void markModuleWritten(IBaseResource resource) {
		resource.setUserData(KEY, Boolean.TRUE);
	}

	public static boolean isModuleWritten(IBaseResource resource) {
		return Boolean.TRUE.equals(resource.getUserData(KEY));
	}
}
