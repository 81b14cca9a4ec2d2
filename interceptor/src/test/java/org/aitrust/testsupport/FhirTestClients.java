package org.aitrust.testsupport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;

/** HAPI generic clients for servers started by tests. */
public final class FhirTestClients {

	private FhirTestClients() {}

	public static FhirContext fhirContext() {
		return FhirContext.forR4Cached();
	}

	/** A client for {@code http://localhost:<port>/fhir} that does not fetch the CapabilityStatement first. */
	public static IGenericClient forPort(int port) {
		FhirContext context = fhirContext();
		context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		context.getRestfulClientFactory().setSocketTimeout(120_000);
		return context.newRestfulGenericClient("http://localhost:" + port + "/fhir");
	}
}
