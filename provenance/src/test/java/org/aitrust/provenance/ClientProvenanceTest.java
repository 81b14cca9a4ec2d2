package org.aitrust.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance.ProvenanceEntityRole;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientProvenanceTest {

	private static final FhirContext CTX = FhirContext.forR4Cached();

	/**
	 * The IG example AI-Contributed, as a client would send it in X-Provenance, plus a source entity; its
	 * human agent is an informant here, since a client may not name a verifier.
	 */
	private static final String AI_CONTRIBUTED = """
      {
        "resourceType": "Provenance",
        "target": [ { "reference": "Observation/f206" } ],
        "occurredPeriod": { "start": "2017-06-06" },
        "recorded": "2016-06-09T08:12:14+10:00",
        "reason": [ { "coding": [ {
          "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "AIAST" } ] } ],
        "agent": [
          { "type": { "coding": [ {
              "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
              "code": "informant", "display": "Informant" } ] },
            "who": { "reference": "http://server.example.org/fhir/Practitioner/pract" } },
          { "type": { "coding": [ {
              "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
              "code": "author", "display": "Author" } ] },
            "who": { "reference": "Device/TheAI" } }
        ],
        "entity": [ { "role": "source", "what": { "reference": "DocumentReference/Lab-Results-PDF" } } ]
      }
      """;

	private static String withAgents(String agents) {
		return "{\"resourceType\":\"Provenance\",\"agent\":[" + agents + "]}";
	}

	private static String withTargets(String targets) {
		return "{\"resourceType\":\"Provenance\",\"target\":[" + targets + "],"
				+ "\"agent\":[{\"who\":{\"reference\":\"Device/TheAI\"}}]}";
	}

	@Nested
	class Parse {

		@Test
		void validHeaderYieldsTheDeviceAndWhatTheClientSaid() {
			ClientProvenance header = ClientProvenance.parse(CTX, AI_CONTRIBUTED);

			assertThat(header.device().getReference()).isEqualTo("Device/TheAI");
			assertThat(header.deviceAgentType().getSystem())
					.isEqualTo("http://terminology.hl7.org/CodeSystem/provenance-participant-type");
			assertThat(header.deviceAgentType().getCode()).isEqualTo("author");
			assertThat(header.occurred()).isInstanceOfSatisfying(Period.class,
					period -> assertThat(period.getStartElement().getValueAsString()).isEqualTo("2017-06-06"));
			assertThat(header.otherAgents()).singleElement().satisfies(agent -> {
				assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("informant");
				assertThat(agent.getWho().getReference())
						.isEqualTo("http://server.example.org/fhir/Practitioner/pract");
			});
			assertThat(header.entities()).singleElement().satisfies(entity -> {
				assertThat(entity.getRole()).isEqualTo(ProvenanceEntityRole.SOURCE);
				assertThat(entity.getWhat().getReference()).isEqualTo("DocumentReference/Lab-Results-PDF");
			});
		}

		@Test
		void minimalHeaderHasNoOccurredTypeEntitiesOrOtherAgents() {
			ClientProvenance header = ClientProvenance.parse(CTX, withAgents("{\"who\":{\"reference\":\"Device/d1\"}}"));

			assertThat(header.device().getReference()).isEqualTo("Device/d1");
			assertThat(header.deviceAgentType()).isNull();
			assertThat(header.occurred()).isNull();
			assertThat(header.entities()).isEmpty();
			assertThat(header.otherAgents()).isEmpty();
		}

		@Test
		void versionedDeviceReferenceIsAccepted() {
			ClientProvenance header =
					ClientProvenance.parse(CTX, withAgents("{\"who\":{\"reference\":\"Device/d1/_history/3\"}}"));

			assertThat(header.device().getReference()).isEqualTo("Device/d1/_history/3");
		}

		@Test
		void accessorsReturnCopies() {
			ClientProvenance header = ClientProvenance.parse(CTX, AI_CONTRIBUTED);

			header.device().setReference("Device/tampered");
			header.deviceAgentType().setCode("tampered");
			header.otherAgents().get(0).getWho().setReference("Practitioner/tampered");
			header.entities().get(0).getWhat().setReference("Binary/tampered");
			((Period) header.occurred()).getStartElement().setValueAsString("1999-01-01");

			assertThat(header.device().getReference()).isEqualTo("Device/TheAI");
			assertThat(header.deviceAgentType().getCode()).isEqualTo("author");
			assertThat(header.otherAgents().get(0).getWho().getReference())
					.isEqualTo("http://server.example.org/fhir/Practitioner/pract");
			assertThat(header.entities().get(0).getWhat().getReference())
					.isEqualTo("DocumentReference/Lab-Results-PDF");
			assertThat(((Period) header.occurred()).getStartElement().getValueAsString()).isEqualTo("2017-06-06");
		}

		@ParameterizedTest
		@ValueSource(strings = {
			"http://terminology.hl7.org/CodeSystem/provenance-participant-type|verifier|verifier",
			"http://terminology.hl7.org/CodeSystem/provenance-participant-type|enterer|enterer",
			"|verifier|verifier",
			"http://terminology.hl7.org/CodeSystem/v3-ParticipationType|VRF|verifier",
			"http://terminology.hl7.org/CodeSystem/v3-ParticipationType|ENT|enterer"})
		void aVerifierOrEntererAgentIsRefusedNamingItsType(String systemCodeRole) {
			String[] parts = systemCodeRole.split("\\|", -1);
			String system = parts[0].isEmpty() ? "" : "\"system\":\"" + parts[0] + "\",";
			String json = withAgents("{\"who\":{\"reference\":\"Device/d1\"}},"
					+ "{\"type\":{\"coding\":[{" + system + "\"code\":\"" + parts[1] + "\"}]},"
					+ "\"who\":{\"reference\":\"Practitioner/p1\"}}");

			assertThatThrownBy(() -> ClientProvenance.parse(CTX, json))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("agent[1]")
					.hasMessageContaining(parts[1])
					.hasMessageContaining("(" + parts[2] + ")");
		}

		@Test
		void theDeviceAgentItselfMayNotBeTypedVerifier() {
			String json = withAgents("{\"type\":{\"coding\":[{\"system\":"
					+ "\"http://terminology.hl7.org/CodeSystem/provenance-participant-type\",\"code\":\"verifier\"}]},"
					+ "\"who\":{\"reference\":\"Device/d1\"}}");

			assertThatThrownBy(() -> ClientProvenance.parse(CTX, json))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("agent[0]")
					.hasMessageContaining("verifier");
		}

		@Test
		void authorInformantAndPerformerAgentsAreAccepted() {
			String agents = "{\"type\":{\"coding\":[{\"system\":"
					+ "\"http://terminology.hl7.org/CodeSystem/provenance-participant-type\",\"code\":\"author\"}]},"
					+ "\"who\":{\"reference\":\"Device/d1\"}},"
					+ "{\"type\":{\"coding\":[{\"system\":"
					+ "\"http://terminology.hl7.org/CodeSystem/provenance-participant-type\",\"code\":\"performer\"}]},"
					+ "\"who\":{\"reference\":\"Practitioner/p1\"}}";

			assertThatCode(() -> ClientProvenance.parse(CTX, withAgents(agents))).doesNotThrowAnyException();
		}

		@ParameterizedTest
		@ValueSource(strings = {"", "   "})
		void emptyHeaderIsRefused(String json) {
			assertThatThrownBy(() -> ClientProvenance.parse(CTX, json))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("empty");
			assertThatThrownBy(() -> ClientProvenance.parse(CTX, null))
					.isInstanceOf(InvalidClientProvenanceException.class);
		}

		@ParameterizedTest
		@ValueSource(strings = {"not json", "[]", "{}", "{\"resourceType\":\"Provenance\"", "{\"resourceType\":\"Nonsense\"}"})
		void unparseableHeaderIsRefused(String json) {
			assertThatThrownBy(() -> ClientProvenance.parse(CTX, json))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageStartingWith("X-Provenance header is not a valid FHIR JSON resource");
		}

		@Test
		void misspeltElementIsReportedNotDropped() {
			String json = "{\"resourceType\":\"Provenance\",\"agents\":[{\"who\":{\"reference\":\"Device/d1\"}}]}";

			assertThatThrownBy(() -> ClientProvenance.parse(CTX, json))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("agents");
		}

		@Test
		void patientIsNotAProvenance() {
			assertThatThrownBy(() -> ClientProvenance.parse(CTX, "{\"resourceType\":\"Patient\",\"active\":true}"))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("must hold a Provenance")
					.hasMessageContaining("Patient");
		}

		@Test
		void headerWithoutAnyDeviceAgentIsRefused() {
			String json = withAgents("{\"who\":{\"reference\":\"Practitioner/pract\"}}");

			assertThatThrownBy(() -> ClientProvenance.parse(CTX, json))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("no agent")
					.hasMessageContaining("Device/<id>");
		}

		@Test
		void headerWithoutAgentsIsRefused() {
			assertThatThrownBy(() -> ClientProvenance.parse(CTX, "{\"resourceType\":\"Provenance\"}"))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("Device/<id>");
		}

		@Test
		void containedDeviceIsRefused() {
			String json = "{\"resourceType\":\"Provenance\","
					+ "\"contained\":[{\"resourceType\":\"Device\",\"id\":\"ai\"}],"
					+ "\"agent\":[{\"who\":{\"reference\":\"#ai\"}}]}";

			assertThatThrownBy(() -> ClientProvenance.parse(CTX, json))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("agent[0].who '#ai'")
					.hasMessageContaining("relative literal reference");
		}

		@Test
		void containedNonDeviceAgentIsAnOrdinaryOtherAgent() {
			String json = "{\"resourceType\":\"Provenance\","
					+ "\"contained\":[{\"resourceType\":\"Practitioner\",\"id\":\"p\"}],"
					+ "\"agent\":[{\"who\":{\"reference\":\"#p\"}},{\"who\":{\"reference\":\"Device/d1\"}}]}";

			ClientProvenance header = ClientProvenance.parse(CTX, json);

			assertThat(header.device().getReference()).isEqualTo("Device/d1");
			assertThat(header.otherAgents()).extracting(agent -> agent.getWho().getReference())
					.containsExactly("#p");
		}

		@Test
		void absoluteDeviceUrlIsRefused() {
			String json = withAgents("{\"who\":{\"reference\":\"http://other.example.org/fhir/Device/d1\"}}");

			assertThatThrownBy(() -> ClientProvenance.parse(CTX, json))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("http://other.example.org/fhir/Device/d1");
		}

		@Test
		void identifierOnlyDeviceIsRefused() {
			String json = withAgents("{\"who\":{\"type\":\"Device\",\"identifier\":{\"value\":\"goodhealth\"}}}");

			assertThatThrownBy(() -> ClientProvenance.parse(CTX, json))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("identifier only");
		}

		@Test
		void twoDeviceAgentsAreRefused() {
			String json = withAgents(
					"{\"who\":{\"reference\":\"Device/a\"}},{\"who\":{\"reference\":\"Device/b\"}}");

			assertThatThrownBy(() -> ClientProvenance.parse(CTX, json))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("2 Device agents (Device/a, Device/b)");
		}
	}

	@Nested
	class CheckTargets {

		private final IdType written = new IdType("Observation/f206/_history/3");

		@Test
		void targetNamingTheWrittenResourceIsAccepted() {
			ClientProvenance header = ClientProvenance.parse(CTX, AI_CONTRIBUTED);

			assertThatCode(() -> header.checkTargets(written)).doesNotThrowAnyException();
		}

		@Test
		void targetVersionIsIgnoredBecauseTheServerAssignsIt() {
			ClientProvenance header = ClientProvenance.parse(CTX, withTargets("{\"reference\":\"Observation/f206/_history/1\"}"));

			assertThatCode(() -> header.checkTargets(written)).doesNotThrowAnyException();
		}

		@Test
		void noTargetsIsAccepted() {
			ClientProvenance header = ClientProvenance.parse(CTX, withTargets(""));

			assertThatCode(() -> header.checkTargets(written)).doesNotThrowAnyException();
		}

		@Test
		void targetOfAnotherResourceIsRefused() {
			ClientProvenance header = ClientProvenance.parse(CTX, withTargets("{\"reference\":\"Observation/other\"}"));

			assertThatThrownBy(() -> header.checkTargets(written))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("target[0] 'Observation/other'")
					.hasMessageContaining("Observation/f206");
		}

		@Test
		void targetOfAnotherTypeIsRefused() {
			ClientProvenance header = ClientProvenance.parse(CTX, withTargets("{\"reference\":\"Patient/f206\"}"));

			assertThatThrownBy(() -> header.checkTargets(written))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("names type Patient")
					.hasMessageContaining("Observation/f206");
		}

		@Test
		void oneBadTargetAmongGoodOnesIsRefused() {
			ClientProvenance header = ClientProvenance.parse(CTX,
					withTargets("{\"reference\":\"Observation/f206\"},{\"reference\":\"Observation/f207\"}"));

			assertThatThrownBy(() -> header.checkTargets(written))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("target[1]");
		}

		@Test
		void typeOnlyTargetIsAcceptedForACreate() {
			IdType created = new IdType("Observation", (String) null);

			assertThatCode(() -> ClientProvenance.parse(CTX, withTargets("{\"reference\":\"Observation\"}"))
					.checkTargets(created)).doesNotThrowAnyException();
			assertThatCode(() -> ClientProvenance.parse(CTX, withTargets("{\"type\":\"Observation\"}"))
					.checkTargets(created)).doesNotThrowAnyException();
		}

		@Test
		void typeOnlyTargetMeansTheResourceBeingWritten() {
			assertThatCode(() -> ClientProvenance.parse(CTX, withTargets("{\"type\":\"Observation\"}"))
					.checkTargets(written)).doesNotThrowAnyException();
		}

		@Test
		void typeOnlyTargetOfAnotherTypeIsRefused() {
			ClientProvenance header = ClientProvenance.parse(CTX, withTargets("{\"type\":\"Patient\"}"));

			assertThatThrownBy(() -> header.checkTargets(new IdType("Observation", (String) null)))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("names type Patient")
					.hasMessageContaining("a new Observation");
		}

		@Test
		void targetWithAnIdCannotNameAResourceNotYetCreated() {
			ClientProvenance header = ClientProvenance.parse(CTX, withTargets("{\"reference\":\"Observation/f206\"}"));

			assertThatThrownBy(() -> header.checkTargets(new IdType("Observation", (String) null)))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("has none yet")
					.hasMessageContaining("\"Observation\"");
		}

		@ParameterizedTest
		@ValueSource(strings = {
				"http://other.example.org/fhir/Observation/f206",
				"urn:uuid:3b1f7e2a-5d3c-4f8e-9a6b-1c2d3e4f5a6b",
				"Observation?identifier=http://example.org|1"})
		void nonRelativeTargetsAreRefused(String reference) {
			ClientProvenance header = ClientProvenance.parse(CTX, withTargets("{\"reference\":\"" + reference + "\"}"));

			assertThatThrownBy(() -> header.checkTargets(written))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("'" + reference + "' is not accepted");
		}

		@Test
		void containedTargetIsRefused() {
			String json = "{\"resourceType\":\"Provenance\","
					+ "\"contained\":[{\"resourceType\":\"Observation\",\"id\":\"obs\",\"status\":\"final\","
					+ "\"code\":{\"text\":\"x\"}}],"
					+ "\"target\":[{\"reference\":\"#obs\"}],"
					+ "\"agent\":[{\"who\":{\"reference\":\"Device/TheAI\"}}]}";
			ClientProvenance header = ClientProvenance.parse(CTX, json);

			assertThatThrownBy(() -> header.checkTargets(written))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("'#obs' is not accepted");
		}

		@Test
		void identifierOnlyTargetIsRefused() {
			ClientProvenance header = ClientProvenance.parse(CTX,
					withTargets("{\"type\":\"Observation\",\"identifier\":{\"value\":\"lab-1\"}}"));

			assertThatThrownBy(() -> header.checkTargets(written))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("identifier-only");
		}

		@Test
		void emptyTargetIsRefused() {
			ClientProvenance header = ClientProvenance.parse(CTX, withTargets("{\"display\":\"the lab result\"}"));

			assertThatThrownBy(() -> header.checkTargets(written))
					.isInstanceOf(InvalidClientProvenanceException.class)
					.hasMessageContaining("neither a reference nor a type");
		}

		@Test
		void writtenResourceMustHaveAType() {
			ClientProvenance header = ClientProvenance.parse(CTX, AI_CONTRIBUTED);

			assertThatThrownBy(() -> header.checkTargets(new IdType("f206")))
					.isInstanceOf(IllegalArgumentException.class);
		}
	}
}
