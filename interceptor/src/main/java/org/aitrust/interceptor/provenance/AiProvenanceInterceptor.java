package org.aitrust.interceptor.provenance;

import ca.uhn.fhir.interceptor.api.Interceptor;

/** Labels AI writes and stores their AI-Provenance in the same transaction. */
@Interceptor
public class AiProvenanceInterceptor {}
