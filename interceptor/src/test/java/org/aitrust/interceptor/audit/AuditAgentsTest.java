package org.aitrust.interceptor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.aitrust.interceptor.identity.Caller;
import org.aitrust.interceptor.provenance.AiDeviceRegistry;
import org.aitrust.provenance.AiModel;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class AuditAgentsTest {

	private static final String BASE = "http://fhir.example.org/fhir";
	private static final String CLIENTS = "http://fhir-aitrust.org/NamingSystem/client";

	@Test
	void anAiAgentIsTheClientAgentByItsDeviceAndItsOwnUserWithoutAFhirUser() {
		AiModel scribe = new AiModel("Scribe", "3.1", "Acme");
		Caller agent = new Caller("ai-scribe", null, Set.of("system/Observation.c"), Set.of(), null, true);

		Reference client = AuditAgents.client(BASE, agent, scribe);
		Reference user = AuditAgents.user(BASE, agent);

		assertThat(client.getReference()).isEqualTo(BASE + "/" + AiDeviceRegistry.deviceIdOf(scribe).getValue());
		assertThat(client.getIdentifier().getSystem()).isEqualTo(CLIENTS);
		assertThat(client.getIdentifier().getValue()).isEqualTo("ai-scribe");
		assertThat(user.hasReference()).isFalse();
		assertThat(user.getIdentifier().getValue()).isEqualTo("ai-scribe");
	}

	@Test
	void aClinicianIsTheUserAgentByFhirUserAndTheAppTheClient() {
		Caller clinician = new Caller("ehr-app", "Practitioner/dr-lee", Set.of("user/*.rs"), Set.of(), null, true);

		Reference client = AuditAgents.client(BASE + "/", clinician, null);
		Reference user = AuditAgents.user(BASE + "/", clinician);

		assertThat(client.hasReference()).isFalse();
		assertThat(client.getIdentifier().getValue()).isEqualTo("ehr-app");
		assertThat(user.getReference()).isEqualTo(BASE + "/Practitioner/dr-lee");
	}

	@Test
	void anAbsoluteFhirUserIsKeptAndNobodyIsSaidSo() {
		Caller remote = new Caller("ehr-app", "https://idp.example.org/fhir/Practitioner/7", Set.of(), Set.of(), null, true);

		assertThat(AuditAgents.user(BASE, remote).getReference()).isEqualTo("https://idp.example.org/fhir/Practitioner/7");
		assertThat(AuditAgents.user(BASE, Caller.UNKNOWN).getDisplay()).isEqualTo("unauthenticated");
		assertThat(AuditAgents.client(BASE, Caller.UNKNOWN, null).isEmpty()).isTrue();
	}
}
