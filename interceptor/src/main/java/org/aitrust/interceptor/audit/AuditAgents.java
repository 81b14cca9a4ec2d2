package org.aitrust.interceptor.audit;

import org.aitrust.interceptor.identity.Caller;
import org.aitrust.interceptor.provenance.AiDeviceRegistry;
import org.aitrust.provenance.AiModel;
import org.aitrust.provenance.AiTransparency;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Who the client and the user agents of an AuditEvent are, from the module's authenticated caller: pure, so the
 * placement the BALP profiles ask for is tested without a server.
 *
 * <p>The client agent is the software that sent the request: for a registered AI agent the AI-Device of the model it
 * runs (the same Device its AI-Provenance names), else the client by its id. The user agent is the human the client
 * acts for, the token's {@code fhirUser}; a client acting for itself (client credentials, no {@code fhirUser}) is its
 * own user. References to this server's resources are absolute, as BALP's own entities are: an AuditEvent must be
 * storable whatever it names, and HAPI checks relative references on write.
 */
final class AuditAgents {

	private AuditAgents() {}

	/** The client agent's {@code who}. */
	static Reference client(String serverBase, Caller caller, AiModel aiModel) {
		Reference who = new Reference();
		if (aiModel != null) {
			who.setReference(absolute(serverBase, AiDeviceRegistry.deviceIdOf(aiModel).getValue()));
		}
		if (caller.isKnown()) {
			who.setIdentifier(clientIdentifier(caller.clientId()));
		}
		return who;
	}

	/** The user agent's {@code who}. */
	static Reference user(String serverBase, Caller caller) {
		if (caller.fhirUser() != null && !caller.fhirUser().isBlank()) {
			return new Reference(absolute(serverBase, caller.fhirUser()));
		}
		if (caller.isKnown()) {
			return new Reference().setIdentifier(clientIdentifier(caller.clientId()));
		}
		return new Reference().setDisplay("unauthenticated");
	}

	static String absolute(String serverBase, String reference) {
		if (reference.matches("(?i)^[a-z][a-z0-9+.-]*:.*") || serverBase == null) {
			return reference;
		}
		return serverBase.replaceAll("/+$", "") + "/" + reference.replaceFirst("^/+", "");
	}

	private static Identifier clientIdentifier(String clientId) {
		return new Identifier().setSystem(AiTransparency.PROJECT_NAMING_SYSTEM_CLIENT).setValue(clientId);
	}
}
