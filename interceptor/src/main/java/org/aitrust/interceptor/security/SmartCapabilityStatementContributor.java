package org.aitrust.interceptor.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Declares SMART on FHIR in the CapabilityStatement: {@code rest.security.service} SMART-on-FHIR and the OAuth URIs
 * extension with the token (and authorize) endpoints, as SMART App Launch describes for clients that discover the
 * authorization server from {@code /metadata} rather than from {@code .well-known/smart-configuration}.
 */
@Interceptor
public class SmartCapabilityStatementContributor {

	public static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
	public static final String SECURITY_SERVICE_SYSTEM = "http://terminology.hl7.org/CodeSystem/restful-security-service";
	public static final String SMART_ON_FHIR = "SMART-on-FHIR";

	private final SmartConfiguration configuration;

	public SmartCapabilityStatementContributor(SmartConfiguration configuration) {
		this.configuration = configuration;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void declareSmartOnFhir(IBaseConformance generated, RequestDetails request) {
		if (!(generated instanceof CapabilityStatement statement)) {
			return;
		}
		SmartConfiguration configuration = this.configuration.hasRelativeEndpoints() && request != null
				? this.configuration.resolvedAgainst(originOf(request.getFhirServerBase()))
				: this.configuration;
		for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
			CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
			boolean declared = security.getService().stream().anyMatch(service -> service.hasCoding(
					SECURITY_SERVICE_SYSTEM, SMART_ON_FHIR));
			if (!declared) {
				CodeableConcept service = security.addService();
				service.addCoding().setSystem(SECURITY_SERVICE_SYSTEM).setCode(SMART_ON_FHIR).setDisplay(SMART_ON_FHIR);
				service.setText("OAuth 2.0 with SMART App Launch scopes");
			}
			security.removeExtension(OAUTH_URIS);
			Extension uris = security.addExtension().setUrl(OAUTH_URIS);
			uris.addExtension("token", new UriType(configuration.tokenEndpoint()));
			if (configuration.authorizationEndpoint() != null) {
				uris.addExtension("authorize", new UriType(configuration.authorizationEndpoint()));
			}
		}
	}

	/** Scheme, host and port of the server base the request was addressed to. */
	private static String originOf(String serverBase) {
		java.net.URI base = java.net.URI.create(serverBase);
		return base.getScheme() + "://" + base.getRawAuthority();
	}
}
