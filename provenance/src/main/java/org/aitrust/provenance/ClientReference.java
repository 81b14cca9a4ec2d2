package org.aitrust.provenance;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * How the module's Provenance names a client (an OAuth client, or one a trusted proxy named): by its client id under
 * the module's naming system {@value AiTransparency#PROJECT_NAMING_SYSTEM_CLIENT}, as a logical reference, because a
 * client is no resource on the server.
 */
public final class ClientReference {

	private ClientReference() {}

	/** A reference with the client identifier and the client id as its display. */
	public static Reference to(String clientId) {
		if (clientId == null || clientId.isBlank()) {
			throw new IllegalArgumentException("a client reference needs a client id");
		}
		return new Reference()
				.setIdentifier(new Identifier().setSystem(AiTransparency.PROJECT_NAMING_SYSTEM_CLIENT).setValue(clientId))
				.setDisplay(clientId);
	}
}
